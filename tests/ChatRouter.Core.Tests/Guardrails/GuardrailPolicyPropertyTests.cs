using ChatRouter.Guardrails;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using NodaTime;

namespace ChatRouter.Core.Tests.Guardrails;

public sealed class GuardrailPolicyPropertyTests
{
    [Property(MaxTest = 500)]
    public Property Decide_DueInstant_IsNeverBeforeNow_NorInQuietHours_AndStable() =>
        Prop.ForAll(GuardrailGen.Cases.ToArbitrary(), c =>
        {
            var policy = c.Policy();

            var decision = policy.Decide(c.Message, c.Customer(), c.Now);
            var again = policy.Decide(c.Message, c.Customer(), c.Now);

            again.Should().Be(decision, "the same input decides the same");
            if (decision.Decision is not (Decision.Deferred or Decision.Digested))
                return;
            decision.DueAt.Should().BeOnOrAfter(c.Now);
            if (c.Message.Content.Urgency != Urgency.High)
                GuardrailGen.IsQuiet(c.Zone, decision.DueAt!.Value, c.Start, c.End).Should().BeFalse($"{decision.DueAt:O} is {decision.Reason}");
        });

    [Property(MaxTest = 500)]
    public Property Decide_AtTheDueInstant_Sends() =>
        Prop.ForAll(GuardrailGen.Cases.ToArbitrary(), c =>
        {
            var policy = c.Policy();
            var decision = policy.Decide(c.Message, c.Customer(), c.Now);
            if (decision.Decision != Decision.Deferred)
                return;

            var atDue = policy.Decide(c.Message, c.Customer(), decision.DueAt!.Value);

            atDue.Decision.Should().Be(Decision.Sent, "a deferral resolves at its instant instead of moving again");
        });

    [Property(MaxTest = 500)]
    public Property Next_DailyLocalTime_FiresExactlyOncePerLocalDay() =>
        Prop.ForAll(GuardrailGen.Zone.SelectMany(z => GuardrailGen.InstantNear(z).Select(t => (Zone: z, From: t))).ToArbitrary(), GuardrailGen.WholeMinute.ToArbitrary(), (start, time) =>
        {
            var zone = DateTimeZoneProviders.Tzdb[start.Zone];
            var clock = new LocalClock(zone);

            var first = clock.Next(time, start.From);
            var second = clock.Next(time, first.AddTicks(1));

            first.Should().BeOnOrAfter(start.From);
            var (d1, d2) = (Instant.FromDateTimeOffset(first).InZone(zone), Instant.FromDateTimeOffset(second).InZone(zone));
            d2.Date.Should().Be(d1.Date.PlusDays(1), "a local time is neither skipped nor doubled");
            var local = new TimeOnly(d1.Hour, d1.Minute);
            (local == time || zone.MapLocal(d1.Date + new LocalTime(time.Hour, time.Minute)).Count == 0)
                .Should().BeTrue($"{d1} shows {time} unless the clocks skipped it");
        });
}
