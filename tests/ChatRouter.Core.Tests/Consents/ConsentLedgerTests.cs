using ChatRouter.Consents;
using ChatRouter.Testing;

namespace ChatRouter.Core.Tests.Consents;

public sealed class ConsentLedgerTests
{
    private static readonly DateTimeOffset T0 = Some.Instant;

    [Fact]
    public void Latest_PerPurpose_IsTheLatestEntryByTime()
    {
        var ledger = new ConsentLedger(
        [
            Entry(ConsentPurpose.Marketing, ConsentState.Withdrawn, T0.AddDays(2)),
            Entry(ConsentPurpose.Marketing, ConsentState.Granted, T0),
            Entry(ConsentPurpose.Transactional, ConsentState.Granted, T0.AddDays(3)),
        ]);

        ledger.Latest(ConsentPurpose.Marketing)!.Status.Should().Be(ConsentState.Withdrawn);
        ledger.Entries.Select(e => e.At).Should().BeInAscendingOrder();
    }

    [Fact]
    public void Latest_SameInstant_TheLaterAppendedWins()
    {
        var ledger = new ConsentLedger([Entry(ConsentPurpose.Marketing, ConsentState.Granted, T0), Entry(ConsentPurpose.Marketing, ConsentState.Withdrawn, T0)]);

        ledger.Latest(ConsentPurpose.Marketing)!.Status.Should().Be(ConsentState.Withdrawn);
    }

    [Fact]
    public void Allows_MarketingWithoutEntry_IsRefused()
    {
        var verdict = ConsentLedger.Empty.Allows(ConsentPurpose.Marketing);

        verdict.Allowed.Should().BeFalse();
        verdict.Reason.Should().Be("no marketing consent on record");
    }

    [Fact]
    public void Allows_MarketingGrantedThenWithdrawnByKeyword_IsRefusedWithTheEntry()
    {
        var ledger = new ConsentLedger([ConsentEntry.OptInKeyword("wamid.in", T0), .. ConsentEntry.OptOutKeyword("wamid.stop", T0.AddHours(1))]);

        var verdict = ledger.Allows(ConsentPurpose.Marketing);

        verdict.Allowed.Should().BeFalse();
        verdict.Entry!.Evidence.Should().Be("wamid.stop");
        verdict.Reason.Should().Be("marketing consent withdrawn (keyword) at 2026-01-15T13:00:00Z");
    }

    [Fact]
    public void Allows_MarketingResumedInWhatsApp_IsAllowedOnConsent()
    {
        var ledger = new ConsentLedger([ConsentEntry.WhatsAppPreference(false, "pref.1", T0), ConsentEntry.WhatsAppPreference(true, "pref.2", T0.AddDays(1))]);

        var verdict = ledger.Allows(ConsentPurpose.Marketing);

        (verdict.Allowed, verdict.LawfulBasis).Should().Be((true, LawfulBasis.Consent));
    }

    [Fact]
    public void Allows_TransactionalWithoutEntry_IsAllowedOnContract()
    {
        var verdict = ConsentLedger.Empty.Allows(ConsentPurpose.Transactional);

        (verdict.Allowed, verdict.LawfulBasis, verdict.Entry).Should().Be((true, LawfulBasis.Contract, (ConsentEntry?)null));
        verdict.Reason.Should().Be("transactional on the basis of contract");
    }

    [Fact]
    public void Allows_TransactionalWithTheEventsBasis_UsesIt()
    {
        var verdict = ConsentLedger.Empty.Allows(ConsentPurpose.Transactional, LawfulBasis.LegalObligation);

        verdict.LawfulBasis.Should().Be(LawfulBasis.LegalObligation);
    }

    [Fact]
    public void Allows_TransactionalAfterStop_IsRefused_AndMarketingOptInDoesNotRestoreIt()
    {
        var ledger = new ConsentLedger([.. ConsentEntry.OptOutKeyword("wamid.stop", T0), ConsentEntry.OptInKeyword("wamid.start", T0.AddHours(1))]);

        ledger.Allows(ConsentPurpose.Transactional).Allowed.Should().BeFalse();
        ledger.Allows(ConsentPurpose.Marketing).Allowed.Should().BeTrue();
    }

    private static ConsentEntry Entry(ConsentPurpose purpose, ConsentState status, DateTimeOffset at) =>
        new(purpose, status, LawfulBasis.Consent, ConsentSource.Api, null, "test", at);
}
