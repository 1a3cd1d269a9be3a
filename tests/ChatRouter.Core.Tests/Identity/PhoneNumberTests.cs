using ChatRouter.Identity;

namespace ChatRouter.Core.Tests.Identity;

public sealed class PhoneNumberTests
{
    [Theory]
    [InlineData("+44 20 7946 0958", "GB", "+442079460958")]
    [InlineData("0044 20 7946 0958", "GB", "+442079460958")]
    [InlineData("020 7946 0958", "GB", "+442079460958")]
    [InlineData("+44 (0)20-7946-0958", "US", "+442079460958")]
    [InlineData("(555) 123-4567", "US", "+15551234567")]
    [InlineData("(202) 555-0143", "us", "+12025550143")]
    [InlineData("+55 11 91234-5678", "US", "+5511912345678")]
    public void TryParse_CommonFormats_NormaliseToE164(string text, string region, string expected)
    {
        var ok = PhoneNumber.TryParse(text, region, out var phone, out var error);

        ok.Should().BeTrue(error);
        phone!.E164.Should().Be(expected);
        phone.ToString().Should().Be(expected);
    }

    [Theory]
    [InlineData("12", "GB", "'12' is not a valid number for region GB: too short.")]
    [InlineData("+44 20 7946 09581234567", "GB", "'+44 20 7946 09581234567' is not a valid number for region GB: too long.")]
    [InlineData("abc", "US", "'abc' is not a phone number.")]
    [InlineData("+999 1234 5678", "US", "'+999 1234 5678' starts with no known country code; write it as +<country code> <number>, or as a national number of region US.")]
    [InlineData("", "US", "The phone number is empty.")]
    [InlineData("020 7946 0958", "XX", "'XX' is not a region libphonenumber knows; use an ISO 3166 code such as GB or US.")]
    public void TryParse_Invalid_FailsWithAReason(string text, string region, string reason)
    {
        var ok = PhoneNumber.TryParse(text, region, out var phone, out var error);

        ok.Should().BeFalse();
        phone.Should().BeNull();
        error.Should().Be(reason);
    }

    [Theory]
    [InlineData("442079460958")]
    [InlineData("442079460958@c.us")]
    public void TryFromChannelId_CloudApiAndUltraMsgIds_ReachTheSamePhone(string channelId)
    {
        var ok = PhoneNumber.TryFromChannelId(channelId, out var phone, out var error);

        ok.Should().BeTrue(error);
        phone.Should().Be(Parse("+44 20 7946 0958", "GB"));
    }

    [Theory]
    [InlineData("120363025246125486@g.us", "group chat")]
    [InlineData("US.13491208655302741918", "not a phone-based id")]
    [InlineData("+442079460958", "not a phone-based id")]
    [InlineData("442079460958@s.whatsapp.net", "<digits>@c.us")]
    [InlineData("4420", "too short")]
    [InlineData("", "empty")]
    public void TryFromChannelId_NotAPersonsNumber_FailsWithAReason(string channelId, string reason)
    {
        var ok = PhoneNumber.TryFromChannelId(channelId, out var phone, out var error);

        ok.Should().BeFalse();
        phone.Should().BeNull();
        error.Should().Contain(reason);
    }

    [Theory]
    [InlineData("+44 20 7946 0958", "GB", "Europe/London")]
    [InlineData("+1 202 555 0143", "US", "America/New_York")]
    [InlineData("+61 2 9374 4000", "AU", "Australia/Sydney")]
    [InlineData("+49 30 123456", "DE", "Europe/Berlin")]
    public void TimeZone_GeographicNumber_IsTheFirstZoneOfItsArea(string text, string region, string zone)
    {
        var phone = Parse(text, region);

        phone.TimeZone.Should().Be(zone);
        phone.RegionCode.Should().Be(region);
    }

    [Fact]
    public void TimeZone_UnallocatedRange_IsUnknown()
    {
        var phone = Parse("(555) 123-4567", "US");

        phone.TimeZone.Should().BeNull("the map answers Etc/Unknown for a range no carrier has");
        phone.RegionCode.Should().BeNull();
    }

    internal static PhoneNumber Parse(string text, string region) =>
        PhoneNumber.TryParse(text, region, out var phone, out var error) ? phone : throw new InvalidOperationException(error);
}
