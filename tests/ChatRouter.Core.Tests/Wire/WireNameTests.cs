using ChatRouter.Consents;
using ChatRouter.Identity;
using ChatRouter.Wire;

namespace ChatRouter.Core.Tests.Wire;

public sealed class WireNameTests
{
    [Fact]
    public void Of_MultiWordMembers_UseTheContractsSpelling()
    {
        WireName.Of(LawfulBasis.LegitimateInterest).Should().Be("legitimate_interest");
        WireName.Of(ConsentSource.WhatsAppPreferences).Should().Be("whatsapp_preferences");
        WireName.Of(TimeZoneSource.Default).Should().Be("default");
    }

    [Fact]
    public void All_ListsEveryValueInDeclarationOrder()
    {
        WireName.All<LawfulBasis>().Should().Equal("consent", "contract", "legitimate_interest", "legal_obligation");
    }

    [Fact]
    public void TryParse_UnknownValue_NamesTheFieldAndTheAllowedValues()
    {
        var ok = WireName.TryParse<ConsentPurpose>("purpose", "promo", out _, out var error);

        ok.Should().BeFalse();
        error.Should().Be(new WireError("purpose", "must be one of marketing, transactional; got 'promo'."));
        error!.ToString().Should().Be("purpose: must be one of marketing, transactional; got 'promo'.");
    }

    [Fact]
    public void TryParse_IsCaseSensitive()
    {
        WireName.TryParse<ConsentState>("status", "Granted", out _, out _).Should().BeFalse();
        WireName.TryParse<ConsentState>("status", "granted", out var state, out _).Should().BeTrue();
        state.Should().Be(ConsentState.Granted);
    }

    [Fact]
    public void TryParse_Missing_SaysItIsRequired()
    {
        WireName.TryParse<ConsentState>("status", null, out _, out var error);

        error!.Message.Should().Be("is required; one of granted, withdrawn.");
    }
}
