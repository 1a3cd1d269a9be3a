using ChatRouter.Outbox;
using ChatRouter.Server.Outbox;

namespace ChatRouter.Server.Tests.Outbox;

public sealed class OutboxPriorityTests
{
    private static OutboxEntry Entry(string id, OutboxOrigin origin) => new() { Id = id, Origin = origin };

    [Theory]
    [InlineData(OutboxOrigin.Reply, 0)]
    [InlineData(OutboxOrigin.Agent, 0)]
    [InlineData(OutboxOrigin.System, 0)]
    [InlineData(OutboxOrigin.BusinessEvent, 1)]
    public void Rank_ConversationBeforeBusinessInitiated(OutboxOrigin origin, int rank) =>
        OutboxPriority.Rank(Entry("a", origin)).Should().Be(rank);

    [Fact]
    public void SendOrder_ConversationRepliesFirst_EachClassInIdOrder()
    {
        var entries = new[]
        {
            Entry("01", OutboxOrigin.BusinessEvent),
            Entry("02", OutboxOrigin.BusinessEvent),
            Entry("03", OutboxOrigin.Reply),
            Entry("04", OutboxOrigin.BusinessEvent),
            Entry("05", OutboxOrigin.Agent),
            Entry("06", OutboxOrigin.System),
            Entry("07", OutboxOrigin.Reply),
        };

        var ordered = entries.Reverse().Order(OutboxPriority.SendOrder).Select(e => e.Id);

        ordered.Should().Equal("03", "05", "06", "07", "01", "02", "04");
    }

    [Fact]
    public void SendOrder_SameId_IsTheSameEntry() =>
        OutboxPriority.SendOrder.Compare(Entry("01", OutboxOrigin.Reply), Entry("01", OutboxOrigin.Reply)).Should().Be(0);
}
