using ChatRouter.Guardrails;
using ChatRouter.Outbox;
using ChatRouter.Server.Outbox;

namespace ChatRouter.Server.Tests.Outbox;

public sealed class SendOrderTests
{
    private static OutboxEntry Entry(string id, OutboxOrigin origin, Urgency? urgency = null) => new() { Id = id, Origin = origin, Urgency = urgency };

    [Theory]
    [InlineData(OutboxOrigin.Reply, null, OutboxPriority.Reply)]
    [InlineData(OutboxOrigin.Agent, null, OutboxPriority.Reply)]
    [InlineData(OutboxOrigin.System, null, OutboxPriority.Reply)]
    [InlineData(OutboxOrigin.BusinessEvent, Urgency.High, OutboxPriority.High)]
    [InlineData(OutboxOrigin.BusinessEvent, Urgency.Normal, OutboxPriority.Normal)]
    [InlineData(OutboxOrigin.BusinessEvent, null, OutboxPriority.Normal)]
    [InlineData(OutboxOrigin.BusinessEvent, Urgency.Low, OutboxPriority.Low)]
    public void Rank_ConversationFirst_ThenByUrgency(OutboxOrigin origin, Urgency? urgency, OutboxPriority rank) =>
        SendOrder.Rank(Entry("a", origin, urgency)).Should().Be(rank);

    [Fact]
    public void Comparer_ConversationRepliesFirst_ThenHighNormalLow_EachClassInIdOrder()
    {
        var entries = new[]
        {
            Entry("01", OutboxOrigin.BusinessEvent, Urgency.Low),
            Entry("02", OutboxOrigin.BusinessEvent),
            Entry("03", OutboxOrigin.Reply),
            Entry("04", OutboxOrigin.BusinessEvent, Urgency.High),
            Entry("05", OutboxOrigin.Agent),
            Entry("06", OutboxOrigin.System),
            Entry("07", OutboxOrigin.Reply),
            Entry("08", OutboxOrigin.BusinessEvent),
        };

        var ordered = entries.Reverse().Order(SendOrder.Comparer).Select(e => e.Id);

        ordered.Should().Equal("03", "05", "06", "07", "04", "02", "08", "01");
    }

    [Fact]
    public void Comparer_SameId_IsTheSameEntry() =>
        SendOrder.Comparer.Compare(Entry("01", OutboxOrigin.Reply), Entry("01", OutboxOrigin.Reply)).Should().Be(0);
}
