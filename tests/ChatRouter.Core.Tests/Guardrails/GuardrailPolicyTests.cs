using ChatRouter.Consents;
using ChatRouter.Guardrails;
using static ChatRouter.Core.Tests.Guardrails.Proactive;

namespace ChatRouter.Core.Tests.Guardrails;

public sealed class GuardrailPolicyTests
{
    private static readonly DateTimeOffset Noon = Utc(2026, 1, 15, 12);

    [Fact]
    public void Decide_DaytimeNormal_IsSent()
    {
        var decision = Policy().Decide(Message("order.shipped", Noon), Customer(), Noon);

        decision.Decision.Should().Be(Decision.Sent);
        decision.DueAt.Should().BeNull();
        decision.Consent!.LawfulBasis.Should().Be(LawfulBasis.Contract);
    }

    [Fact]
    public void Decide_MarketingWithoutConsent_IsSuppressed_EvenWhenAlsoExpired()
    {
        var customer = Customer() with { Consent = [] };

        var decision = Policy().Decide(Message("cart.abandoned", Noon.AddDays(-5)), customer, Noon);

        decision.Decision.Should().Be(Decision.Suppressed);
        decision.Reason.Should().Be("no marketing consent on record");
    }

    [Fact]
    public void Decide_TransactionalAfterStop_IsSuppressed()
    {
        var customer = Customer() with { Consent = ConsentEntry.OptOutKeyword("wamid.stop", Noon.AddDays(-1)) };

        var decision = Policy().Decide(Message("order.delayed", Noon), customer, Noon);

        decision.Decision.Should().Be(Decision.Suppressed);
    }

    [Fact]
    public void Decide_EventsLawfulBasis_IsRecorded()
    {
        var message = Message("order.shipped", Noon) with { LawfulBasis = LawfulBasis.LegalObligation };

        var decision = Policy().Decide(message, Customer(), Noon);

        decision.Consent!.LawfulBasis.Should().Be(LawfulBasis.LegalObligation);
    }

    [Fact]
    public void Decide_PastItsTtl_IsExpired()
    {
        var decision = Policy().Decide(Message("order.shipped", Noon.AddDays(-2)), Customer(), Noon);

        decision.Decision.Should().Be(Decision.Expired);
        decision.Reason.Should().Be("TTL of order.shipped ran out at 2026-01-15T12:00:00Z");
    }

    [Fact]
    public void Decide_DeferralPastAPerTypeTtl_IsExpired()
    {
        var events = new EventOptions { Ttl = { ["cart.abandoned"] = TimeSpan.FromHours(1) } };
        var lateEvening = Utc(2026, 1, 15, 22);

        var decision = ExactPolicy(events: events).Decide(Message("cart.abandoned", lateEvening), Customer(), lateEvening);

        decision.Decision.Should().Be(Decision.Expired);
        decision.Reason.Should().Be("quiet hours 21:00-08:00 in Europe/London until 2026-01-16T08:00:00Z is past its TTL (2026-01-15T23:00:00Z)");
    }

    [Theory]
    [InlineData(22, 2026, 1, 16)]
    [InlineData(3, 2026, 1, 15)]
    public void Decide_NormalInQuietHours_IsDeferredToTheirEnd(int hour, int year, int month, int day)
    {
        var at = Utc(2026, 1, 15, hour);

        var decision = ExactPolicy().Decide(Message("order.shipped", at), Customer(), at);

        decision.Decision.Should().Be(Decision.Deferred);
        decision.DueAt.Should().Be(Utc(year, month, day, 8));
        decision.Reason.Should().Be("quiet hours 21:00-08:00 in Europe/London");
    }

    [Fact]
    public void Decide_QuietHoursAreCustomerLocal()
    {
        // 22:00 UTC is 19:00 in São Paulo: not quiet there.
        var at = Utc(2026, 1, 15, 22);

        var decision = Policy().Decide(Message("order.shipped", at), Customer("America/Sao_Paulo"), at);

        decision.Decision.Should().Be(Decision.Sent);
    }

    [Fact]
    public void Decide_HighInQuietHours_GoesAtOnce()
    {
        var at = Utc(2026, 1, 15, 23);

        var decision = Policy().Decide(Message("order.delayed", at), Customer(), at);

        decision.Decision.Should().Be(Decision.Sent);
    }

    [Fact]
    public void Decide_Jitter_IsWithinTenMinutes_AndTheSameOnReplay()
    {
        var at = Utc(2026, 1, 15, 23);
        var policy = Policy();

        var dues = Enumerable.Range(0, 20).Select(i => policy.Decide(Message("order.shipped", at, id: $"m{i}"), Customer(), at).DueAt!.Value).ToList();
        var replay = policy.Decide(Message("order.shipped", at, id: "m7"), Customer(), at.AddMinutes(30)).DueAt;

        dues.Should().OnlyContain(d => d >= Utc(2026, 1, 16, 8) && d < Utc(2026, 1, 16, 8, 10));
        dues.Distinct().Should().HaveCountGreaterThan(10, "a night's messages spread out");
        replay.Should().Be(dues[7]);
    }

    [Fact]
    public void Decide_AtItsDueInstant_IsSent()
    {
        var at = Utc(2026, 1, 15, 23);
        var policy = Policy();
        var deferred = policy.Decide(Message("order.shipped", at), Customer(), at);

        var again = policy.Decide(Message("order.shipped", at), Customer(), deferred.DueAt!.Value);

        again.Decision.Should().Be(Decision.Sent);
    }

    [Fact]
    public void Decide_SendAtLocalTime_IsDeferredToTheNextOne()
    {
        var message = Message("order.shipped", Noon, sendAt: SendAt.Local(new TimeOnly(10, 0)));

        var decision = Policy().Decide(message, Customer("America/New_York"), Noon);

        decision.Decision.Should().Be(Decision.Deferred);
        decision.DueAt.Should().Be(Utc(2026, 1, 15, 15), "12:00 UTC is 07:00 in New York, so its 10:00 is today");
        decision.Reason.Should().Be("sendAt 10:00 in America/New_York");
    }

    [Fact]
    public void Decide_SendAtInstantInThePast_IsSent()
    {
        var message = Message("order.shipped", Noon, sendAt: SendAt.Instant(Noon.AddHours(-1)));

        Policy().Decide(message, Customer(), Noon).Decision.Should().Be(Decision.Sent);
    }

    [Fact]
    public void Decide_UnknownCustomerZone_UsesTheDefault()
    {
        var at = Utc(2026, 1, 15, 22);

        var decision = Policy(o => o.DefaultTimeZone = "America/Sao_Paulo").Decide(Message("order.shipped", at), Customer("Nowhere/Atlantis"), at);

        decision.Decision.Should().Be(Decision.Sent);
    }
}
