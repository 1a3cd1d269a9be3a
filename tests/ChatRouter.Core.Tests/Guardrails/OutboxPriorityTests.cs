using ChatRouter.Guardrails;

namespace ChatRouter.Core.Tests.Guardrails;

public sealed class OutboxPriorityTests
{
    [Fact]
    public void Order_RepliesThenHighNormalLow()
    {
        Urgency?[] queued = [Urgency.Low, Urgency.Normal, null, Urgency.High, Urgency.Low, null];

        var order = queued.Select(OutboxPriorities.For).Order().ToList();

        order.Should().Equal(OutboxPriority.Reply, OutboxPriority.Reply, OutboxPriority.High, OutboxPriority.Normal, OutboxPriority.Low, OutboxPriority.Low);
    }
}
