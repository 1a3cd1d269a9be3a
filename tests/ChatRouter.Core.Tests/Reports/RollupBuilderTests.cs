using ChatRouter.Audit;
using ChatRouter.Reports;
using ChatRouter.Testing;
using static ChatRouter.Core.Tests.Reports.Facts;

namespace ChatRouter.Core.Tests.Reports;

/// <summary>The counts of messages and what followed them (docs/insight.md).</summary>
public sealed class RollupBuilderTests
{
    private static readonly DateTimeOffset T = Some.Instant;

    [Fact]
    public void Build_MessagesByStatus_CountsSentDeliveredReadAndFailed()
    {
        var failedBefore = Sent("f1", T, status: "failed");
        failedBefore.ProviderMessageId = null;
        failedBefore.Decision = "failed";
        var failedAfter = Sent("f2", T, status: "failed");
        failedAfter.Decision = "failed";
        var suppressed = Sent("s1", T, status: "failed");
        suppressed.ProviderMessageId = null;
        suppressed.Decision = "suppressed";
        var capped = Sent("c1", T, status: null!);
        capped.Decision = "capped";
        var facts = On(Day) with { Audit = [Sent("d", T, "delivered"), Sent("r", T, "read"), Sent("q", T, "queued"), failedBefore, failedAfter, suppressed, capped] };

        var day = Builder().Build(facts).DayTotal();

        (day.Sent, day.Delivered, day.Read, day.Failed).Should().Be((3L, 2L, 1L, 2L), "a message failed after the provider accepted it was sent; suppressed and capped ones were neither");
    }

    [Fact]
    public void Build_EveryDimension_HasTheMessageUnderItsKey()
    {
        var facts = On(Day) with { Audit = [Sent("p", T, "read", AuditKinds.Proactive, "cart.abandoned")] };

        var rollups = Builder().Build(facts);

        rollups.Select(r => (r.Dimension, r.Key)).Should().BeEquivalentTo(
        [
            ("day", "2026-01-15"), ("flow", "order-status"), ("template", "cart_reminder"), ("variant", "(none)"), ("locale", "en"), ("category", "marketing"),
        ]);
        rollups.Should().OnlyContain(r => r.Sent == 1 && r.ProactiveSent == 1);
    }

    [Fact]
    public void Build_CustomerAnswersTwoMessages_CountsOnlyTheLatestAsReplied()
    {
        var facts = On(Day) with
        {
            Audit = [Sent("first", T), Sent("second", T.AddMinutes(1)), Sent("late", T.AddHours(3))],
            Messages = [Customer(T.AddMinutes(2)), Customer(T.AddMinutes(3)), Customer(T.AddHours(3).AddDays(1).AddMinutes(1))],
        };

        var day = Builder().Build(facts).DayTotal();

        day.Replied.Should().Be(1, "the second message was answered (twice, counted once); a message more than 24 h later answers nothing");
    }

    [Fact]
    public void Build_OptOutKeywordWithdrawingBothPurposes_CountsOneOptOutOnTheLatestMessage()
    {
        var facts = On(Day) with
        {
            Audit = [Sent("older", T), Sent("latest", T.AddMinutes(5))],
            Consents = [Withdrawal("c1", T.AddMinutes(6)), Withdrawal("c2", T.AddMinutes(6), ChatRouter.Consents.ConsentPurpose.Transactional)],
        };

        var rollups = Builder().Build(facts);

        rollups.DayTotal().OptedOut.Should().Be(1);
    }

    [Fact]
    public void Build_GoalEventsWithinAndAfterTheWindow_ConvertTheLatestTriggerMessageOnce()
    {
        var facts = On(Day) with
        {
            Audit =
            [
                Sent("reminder", T, kind: AuditKinds.Proactive, eventType: "cart.abandoned"),
                Sent("other", T.AddMinutes(1), kind: AuditKinds.Proactive, eventType: "order.shipped"),
                Sent("stale", T.AddHours(-80), kind: AuditKinds.Proactive, eventType: "cart.abandoned"),
            ],
            Messages = [Event(T.AddDays(2), "order.placed"), Event(T.AddDays(2.5), "order.placed"), Event(T.AddHours(-1), "order.placed")],
        };

        var day = Builder().Build(facts).DayTotal();

        (day.ConversionsOf("order.placed"), day.ProactiveSent).Should().Be((1L, 2L), "the reminder converts once; the order an hour before it is 79 h after the stale one, past 3 days");
    }

    [Fact]
    public void Build_FactsOutsideTheDays_AreLeftOut()
    {
        var facts = On(Day) with { Audit = [Sent("yesterday", T.AddDays(-1)), Sent("tomorrow", T.AddDays(1))], Messages = [Customer(T.AddDays(-1).AddMinutes(1))] };

        var rollups = Builder().Build(facts);

        rollups.Should().BeEmpty("the reply to yesterday's message counts on yesterday");
    }

    [Fact]
    public void Build_SameFactsTwice_GivesTheSameRollups()
    {
        var facts = On(Day) with
        {
            Audit = [Sent("a", T, "read"), Sent("b", T.AddMinutes(1), kind: AuditKinds.Proactive, eventType: "cart.abandoned")],
            Messages = [Customer(T.AddMinutes(2), "order_status"), Bot(T.AddMinutes(2), "order-status", "found"), Event(T.AddHours(5), "order.placed")],
        };

        var first = Builder().Build(facts);
        var second = Builder().Build(facts);

        second.Should().BeEquivalentTo(first);
    }
}
