using ChatRouter.Consents;
using ChatRouter.Testing;
using ChatRouter.Wire;

namespace ChatRouter.Core.Tests.Consents;

public sealed class ConsentEntryRequestTests
{
    private static readonly DateTimeOffset Now = Some.Instant;

    [Fact]
    public void TryCreate_AllFields_BuildsTheEntry()
    {
        var request = new ConsentEntryRequest
        {
            Purpose = "marketing", Status = "granted", LawfulBasis = "legitimate_interest", Source = "whatsapp_preferences",
            Evidence = "wamid.1", Actor = "crm", At = "2026-01-10T09:30:00Z",
        };

        var ok = request.TryCreate(Now, out var entry, out var errors);

        ok.Should().BeTrue();
        errors.Should().BeEmpty();
        entry.Should().Be(new ConsentEntry(ConsentPurpose.Marketing, ConsentState.Granted, LawfulBasis.LegitimateInterest,
            ConsentSource.WhatsAppPreferences, "wamid.1", "crm", new DateTimeOffset(2026, 1, 10, 9, 30, 0, TimeSpan.Zero)));
    }

    [Theory]
    [InlineData("marketing", LawfulBasis.Consent)]
    [InlineData("transactional", LawfulBasis.Contract)]
    public void TryCreate_Omitted_DefaultsBasisByPurposeSourceApiAndAtNow(string purpose, LawfulBasis basis)
    {
        var ok = new ConsentEntryRequest { Purpose = purpose, Status = "withdrawn" }.TryCreate(Now, out var entry, out _);

        ok.Should().BeTrue();
        (entry!.LawfulBasis, entry.Source, entry.At).Should().Be((basis, ConsentSource.Api, Now));
    }

    [Fact]
    public void TryCreate_SeveralBadFields_ReportsEachWithItsAllowedValues()
    {
        var request = new ConsentEntryRequest { Purpose = "promo", Status = "maybe", LawfulBasis = "vibes", Source = "fax", At = "yesterday" };

        var ok = request.TryCreate(Now, out var entry, out var errors);

        ok.Should().BeFalse();
        entry.Should().BeNull();
        errors.Should().Equal(
            new WireError("purpose", "must be one of marketing, transactional; got 'promo'."),
            new WireError("status", "must be one of granted, withdrawn; got 'maybe'."),
            new WireError("lawfulBasis", "must be one of consent, contract, legitimate_interest, legal_obligation; got 'vibes'."),
            new WireError("source", "must be one of keyword, flow, api, whatsapp_preferences, template_button, import; got 'fax'."),
            new WireError("at", "must be an ISO 8601 instant such as 2026-01-15T12:00:00Z; got 'yesterday'."));
    }

    [Fact]
    public void TryCreate_MissingPurposeAndStatus_SaysTheyAreRequired()
    {
        new ConsentEntryRequest().TryCreate(Now, out _, out var errors);

        errors.Select(e => e.Field).Should().Equal("purpose", "status");
        errors.Should().OnlyContain(e => e.Message.StartsWith("is required", StringComparison.Ordinal));
    }

    [Fact]
    public void TryCreate_AtInTheFuture_IsRejected()
    {
        var request = new ConsentEntryRequest { Purpose = "marketing", Status = "granted", At = "2026-01-16T12:00:00Z" };

        request.TryCreate(Now, out _, out var errors);

        errors.Should().ContainSingle().Which.Field.Should().Be("at");
    }
}
