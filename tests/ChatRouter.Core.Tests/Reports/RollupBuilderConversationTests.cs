using ChatRouter.Reports;
using ChatRouter.Testing;
using static ChatRouter.Core.Tests.Reports.Facts;

namespace ChatRouter.Core.Tests.Reports;

/// <summary>Conversations, containment, intent resolution and handoff latencies (the bundled order-status flow).</summary>
public sealed class RollupBuilderConversationTests
{
    private static readonly DateTimeOffset T = Some.Instant;

    [Fact]
    public void Build_ClassifiedTurnThatReachesAnAnswerState_IsResolved()
    {
        var facts = On(Day) with
        {
            Messages =
            [
                Customer(T, "order_status"), Bot(T, "order-status", "ask_order_id"),
                Customer(T.AddMinutes(1)), Bot(T.AddMinutes(1), "order-status", "found", "order_found"),
            ],
        };

        var day = Builder().Build(facts).DayTotal();

        (day.Conversations, day.HandedOffConversations, day.ClassifiedTurns, day.ResolvedTurns).Should().Be((1L, 0L, 1L, 1L));
    }

    [Fact]
    public void Build_NotUnderstoodBeforeTheAnswer_LeavesTheTurnUnresolved()
    {
        var facts = On(Day) with
        {
            Messages =
            [
                Customer(T, "order_status"), Bot(T, "order-status", "ask_order_id"),
                Customer(T.AddMinutes(1), "chitchat"), Bot(T.AddMinutes(1), "order-status", "ask_order_id", "system.fallback"),
                Customer(T.AddMinutes(2)), Bot(T.AddMinutes(2), "order-status", "found", "order_found"),
            ],
        };

        var day = Builder().Build(facts).DayTotal();

        (day.ClassifiedTurns, day.ResolvedTurns).Should().Be((2L, 0L), "both classified turns met the fallback before the answer");
    }

    [Fact]
    public void Build_HandoffInAConversation_IsNotContained_AndItsLatenciesAreKept()
    {
        var facts = On(Day) with
        {
            Messages = [Customer(T, "order_status"), Bot(T, "order-status", "ask_order_id"), Customer(T.AddMinutes(1), "human"), Bot(T.AddMinutes(1), "order-status", "agent", "handoff_orders")],
            Handoffs = [new HandoffFact(Conversation, T.AddMinutes(1), T.AddMinutes(3), T.AddMinutes(21))],
        };

        var day = Builder().Build(facts).DayTotal();
        var row = KpiReport.Rows([day], null).Single();

        (day.Conversations, day.HandedOffConversations, day.Handoffs, day.ResolvedTurns).Should().Be((1L, 1L, 1L, 0L));
        row.ContainmentRate.Should().Be(0);
        row.FirstResponseSeconds.P50.Should().BeApproximately(120, 120 * 0.091);
        row.ResolutionSeconds.P90.Should().BeApproximately(1200, 1200 * 0.091);
    }

    [Fact]
    public void Build_CustomerWritesAgainAfterTheServiceWindow_StartsASecondConversation()
    {
        var facts = On(Day) with { Messages = [Customer(T.AddHours(-11)), Customer(T.AddHours(-10)), Customer(T.AddHours(11))] };

        var rollups = Builder().Build(facts);

        rollups.DayTotal().Conversations.Should().Be(1, "the conversation of 02:00 is still today's first, the one at 23:00 is 21 h later, inside the window");
    }

    [Fact]
    public void Build_ConversationStartedByAReplyToAProactiveMessage_TakesItsTemplateAndCategory()
    {
        var reminder = Sent("reminder", T.AddHours(-1), kind: ChatRouter.Audit.AuditKinds.Proactive, eventType: "cart.abandoned");
        var facts = On(Day) with { Audit = [reminder], Messages = [Customer(T), Customer(T.AddDays(1.5))] };

        var rollups = Builder().Build(facts);

        rollups.Single(r => r.Dimension == ReportDimensions.Template && r.Conversations > 0).Key.Should().Be("cart_reminder");
        rollups.Single(r => r.Dimension == ReportDimensions.Category && r.Conversations > 0).Key.Should().Be("marketing");
    }
}
