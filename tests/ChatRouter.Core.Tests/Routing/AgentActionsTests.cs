using ChatRouter.Conversations;
using ChatRouter.Routing;
using ChatRouter.Testing;

namespace ChatRouter.Core.Tests.Routing;

/// <summary>What agents do to a handed-off conversation, through the engine and a real store, without the server.</summary>
public sealed class AgentActionsTests : IDisposable
{
    private static readonly AgentIdentity Ana = new("key-ana", "ana");
    private static readonly AgentIdentity Bo = new("key-bo", "bo");

    private readonly FlowFolder _flows = DemoFlows.Create();

    public void Dispose() => _flows.Dispose();

    private static async Task<string> HandedOffAsync(TestEngine engine) => (await engine.SayAsync("agent")).Conversation.Id;

    [Fact]
    public async Task Release_ToAnotherFlowsState_BotAnswersTheNextMessageFromThere()
    {
        using var engine = new TestEngine(_flows.Load());
        var id = await HandedOffAsync(engine);
        await engine.Engine.ClaimAsync(id, Ana, takeover: false, CancellationToken.None);

        var released = await engine.Engine.ReleaseAsync(id, Ana, takeover: false, "orders/ask", CancellationToken.None);
        var next = await engine.SayAsync("a1001");

        released.Outcome.Should().Be(AgentOutcome.Ok);
        released.Ended!.Status.Should().Be(HandoffStatus.Released);
        released.Conversation!.Handoff.Should().BeNull();
        next.Replies.Select(r => r.Text).Should().Equal("Order A1001 is shipped");
    }

    [Fact]
    public async Task SendAgentMessage_ByTheAgentHoldingTheClaim_IsQueuedAndStoredAsTheAgents()
    {
        using var engine = new TestEngine(_flows.Load());
        var id = await HandedOffAsync(engine);
        await engine.Engine.ClaimAsync(id, Ana, takeover: false, CancellationToken.None);

        var refused = await engine.Engine.SendAgentMessageAsync(id, Bo, takeover: false, "Hi, Bo here", _ => TurnWrites.None, CancellationToken.None);
        var sent = await engine.Engine.SendAgentMessageAsync(id, Ana, takeover: false, "  Hi, Ana here ", _ => TurnWrites.None, CancellationToken.None);

        refused.Outcome.Should().Be(AgentOutcome.NotClaimed);
        sent.Outcome.Should().Be(AgentOutcome.Ok);
        sent.FirstResponse.Should().BeTrue();
        sent.Message!.Text.Should().Be("Hi, Ana here");
        var history = await engine.Store.GetMessagesAsync(id, 50, CancellationToken.None);
        history[^1].Should().Match<ConversationMessage>(m => m.Id == sent.Message.Id && m.Author == MessageAuthor.Agent && m.AgentName == "ana");
    }

    [Fact]
    public async Task UnclaimedNotice_Twice_TellsTheCustomerOnceInTheirLocale()
    {
        using var engine = new TestEngine(_flows.Load());
        var id = await HandedOffAsync(engine);

        var first = await engine.Engine.UnclaimedNoticeAsync(id, _ => TurnWrites.None, CancellationToken.None);
        var second = await engine.Engine.UnclaimedNoticeAsync(id, _ => TurnWrites.None, CancellationToken.None);

        first.Message.Should().Match<Messaging.OutboundMessage>(m => m.Key == "system.handoff_unclaimed" && m.Text == "[system.handoff_unclaimed]" && m.Locale == "en");
        second.Outcome.Should().Be(AgentOutcome.NoOpenHandoff);
        second.Message.Should().BeNull();
    }
}
