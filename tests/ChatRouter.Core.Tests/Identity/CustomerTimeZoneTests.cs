using ChatRouter.Identity;

namespace ChatRouter.Core.Tests.Identity;

public sealed class CustomerTimeZoneTests
{
    private static readonly PhoneNumber London = PhoneNumberTests.Parse("+44 20 7946 0958", "GB");
    private static readonly PhoneNumber Fictional = PhoneNumberTests.Parse("(555) 123-4567", "US");

    [Fact]
    public void Resolve_ProfileZone_WinsOverThePhone()
    {
        var zone = CustomerTimeZone.Resolve("America/Sao_Paulo", London, "UTC");

        zone.Should().Be(new CustomerTimeZone("America/Sao_Paulo", TimeZoneSource.Profile));
    }

    [Fact]
    public void Resolve_NoProfileZone_TakesThePhones()
    {
        var zone = CustomerTimeZone.Resolve(null, London, "UTC");

        zone.Should().Be(new CustomerTimeZone("Europe/London", TimeZoneSource.Phone));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("Mars/Olympus_Mons")]
    public void Resolve_NeitherProfileNorPhoneKnows_TakesTheDefault(string? profileZone)
    {
        var zone = CustomerTimeZone.Resolve(profileZone, Fictional, "Europe/Berlin");

        zone.Should().Be(new CustomerTimeZone("Europe/Berlin", TimeZoneSource.Default));
    }

    [Fact]
    public void Resolve_UnknownDefault_Throws()
    {
        var act = () => CustomerTimeZone.Resolve(null, null, "Europe/Berln");

        act.Should().Throw<ArgumentException>().WithMessage("*'Europe/Berln' is not an IANA time zone*did you mean 'Europe/Berlin'?*");
    }

    [Theory]
    [InlineData("UTC")]
    [InlineData("Europe/London")]
    [InlineData("America/Argentina/Buenos_Aires")]
    public void IsKnown_IanaId_IsTrue(string id)
    {
        CustomerTimeZone.IsKnown(id, out var error).Should().BeTrue(error);
    }

    [Theory]
    [InlineData("europe/london", "did you mean 'Europe/London'?")]
    [InlineData("GMT+5", "is not an IANA time zone")]
    [InlineData("", "empty")]
    public void IsKnown_UnknownId_IsFalseWithAReason(string id, string reason)
    {
        CustomerTimeZone.IsKnown(id, out var error).Should().BeFalse();

        error.Should().Contain(reason);
    }
}
