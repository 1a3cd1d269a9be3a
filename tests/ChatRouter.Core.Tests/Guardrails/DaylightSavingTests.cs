using System.Globalization;
using ChatRouter.Guardrails;
using static ChatRouter.Core.Tests.Guardrails.Proactive;

namespace ChatRouter.Core.Tests.Guardrails;

/// <summary>
/// The nights the clocks change, in both hemispheres, 2026: Berlin 29 Mar 02:00→03:00 and 25 Oct 03:00→02:00; New York
/// 8 Mar 02:00→03:00 and 1 Nov 02:00→01:00; Sydney 4 Oct 02:00→03:00 and 5 Apr 03:00→02:00.
/// A local send time that the clocks skip goes at the first instant after the gap; one they repeat goes once, at the
/// earlier occurrence.
/// </summary>
public sealed class DaylightSavingTests
{
    // order.delayed is high urgency, so quiet hours do not move these sends: only sendAt is under test.
    private const string High = "order.delayed";

    [Theory]
    [InlineData("Europe/Berlin", "2026-03-28T12:00:00Z", "2026-03-29T01:00:00Z")]
    [InlineData("America/New_York", "2026-03-07T17:00:00Z", "2026-03-08T07:00:00Z")]
    [InlineData("Australia/Sydney", "2026-10-03T01:00:00Z", "2026-10-03T16:00:00Z")]
    public void SendAt_LocalTimeInTheSpringGap_GoesAtTheFirstInstantAfterIt(string zone, string created, string expected)
    {
        var createdAt = Instant(created);
        var message = Message(High, createdAt, sendAt: SendAt.Local(new TimeOnly(2, 30)));
        var policy = Policy();

        var decision = policy.Decide(message, Customer(zone), createdAt);
        var atDue = policy.Decide(message, Customer(zone), decision.DueAt!.Value);

        decision.Decision.Should().Be(Decision.Deferred);
        decision.DueAt.Should().Be(Instant(expected), "03:00 local is the first instant after the gap");
        atDue.Decision.Should().Be(Decision.Sent);
    }

    [Theory]
    [InlineData("Europe/Berlin", "2026-10-24T12:00:00Z", "2026-10-25T00:30:00Z", "2026-10-25T01:30:00Z")]
    [InlineData("America/New_York", "2026-10-31T16:00:00Z", "2026-11-01T05:30:00Z", "2026-11-01T06:30:00Z")]
    [InlineData("Australia/Sydney", "2026-04-04T01:00:00Z", "2026-04-04T15:30:00Z", "2026-04-04T16:30:00Z")]
    public void SendAt_LocalTimeInTheAutumnOverlap_GoesOnceAtTheEarlierOccurrence(string zone, string created, string earlier, string later)
    {
        var createdAt = Instant(created);
        var localTime = zone == "America/New_York" ? new TimeOnly(1, 30) : new TimeOnly(2, 30);
        var message = Message(High, createdAt, sendAt: SendAt.Local(localTime));
        var policy = Policy();

        var decision = policy.Decide(message, Customer(zone), createdAt);
        var atLater = policy.Decide(message, Customer(zone), Instant(later).AddMinutes(-1));

        decision.DueAt.Should().Be(Instant(earlier));
        atLater.Decision.Should().Be(Decision.Sent, "the repeated 01:30/02:30 is the same send, already due");
    }

    [Theory]
    [InlineData("Europe/Berlin", "2026-10-25T00:31:00Z", "2026-10-26T01:30:00Z")]
    [InlineData("America/New_York", "2026-11-01T05:31:00Z", "2026-11-02T06:30:00Z")]
    [InlineData("Australia/Sydney", "2026-04-04T15:31:00Z", "2026-04-05T16:30:00Z")]
    public void Next_JustAfterTheEarlierOccurrence_IsTomorrowNotTheRepeat(string zone, string notBefore, string expected)
    {
        var clock = new LocalClock(NodaTime.DateTimeZoneProviders.Tzdb[zone]);
        var time = zone == "America/New_York" ? new TimeOnly(1, 30) : new TimeOnly(2, 30);

        var next = clock.Next(time, Instant(notBefore));

        next.Should().Be(Instant(expected), "a daily schedule must not fire twice on the night the hour repeats");
    }

    [Theory]
    [InlineData("Europe/Berlin", "2026-03-28T21:00:00Z", "2026-03-29T06:00:00Z")]
    [InlineData("Europe/Berlin", "2026-10-24T20:00:00Z", "2026-10-25T07:00:00Z")]
    [InlineData("America/New_York", "2026-03-08T03:00:00Z", "2026-03-08T12:00:00Z")]
    [InlineData("America/New_York", "2026-11-01T03:00:00Z", "2026-11-01T13:00:00Z")]
    [InlineData("Australia/Sydney", "2026-10-03T12:00:00Z", "2026-10-03T21:00:00Z")]
    [InlineData("Australia/Sydney", "2026-04-04T11:00:00Z", "2026-04-04T22:00:00Z")]
    public void QuietHours_AcrossADstNight_EndAtLocalEight(string zone, string created, string expected)
    {
        var createdAt = Instant(created);

        var decision = ExactPolicy().Decide(Message("order.shipped", createdAt), Customer(zone), createdAt);

        (decision.Decision, decision.DueAt).Should().Be((Decision.Deferred, Instant(expected)));
    }

    [Fact]
    public void QuietHours_EndingInsideTheGap_EndAtTheFirstInstantAfterIt()
    {
        // Quiet 21:00-02:30 in Berlin; 02:30 does not exist on 29 March, so quiet hours end at 03:00 CEST.
        var createdAt = Instant("2026-03-28T22:00:00Z");

        var decision = ExactPolicy(o => o.QuietHours.End = new TimeOnly(2, 30)).Decide(Message("order.shipped", createdAt), Customer("Europe/Berlin"), createdAt);

        decision.DueAt.Should().Be(Instant("2026-03-29T01:00:00Z"));
    }

    [Theory]
    [InlineData("2026-11-01T04:40:00Z", "2026-11-01T05:30:00Z")]
    [InlineData("2026-11-01T05:45:00Z", null)]
    [InlineData("2026-11-01T06:10:00Z", "2026-11-01T06:30:00Z")]
    public void QuietHours_EndingInTheRepeatedHour_HoldOnBothPasses(string created, string? expected)
    {
        // Quiet 21:00-01:30 in New York. 00:40 EDT waits for 01:30 EDT; 01:45 EDT is awake; 01:10 EST (the repeat) is
        // quiet again by the wall clock and waits for 01:30 EST.
        var createdAt = Instant(created);

        var decision = ExactPolicy(o => o.QuietHours.End = new TimeOnly(1, 30)).Decide(Message("order.shipped", createdAt), Customer("America/New_York"), createdAt);

        decision.DueAt.Should().Be(expected is null ? null : Instant(expected));
        decision.Decision.Should().Be(expected is null ? Decision.Sent : Decision.Deferred);
    }

    private static DateTimeOffset Instant(string iso) => DateTimeOffset.Parse(iso, CultureInfo.InvariantCulture);
}
