using ChatRouter.Consents;
using ChatRouter.Conversations;
using ChatRouter.Messaging;
using ChatRouter.Profiles;
using ChatRouter.Routing;
using ChatRouter.Testing;

namespace ChatRouter.Core.Tests.Routing;

/// <summary>Intent routing: flow switches, clarification, thresholds, sensitive intents.</summary>
public sealed partial class ConversationEngineTests
{
    [Fact]
    public async Task Handle_AcceptedIntentOfAnotherFlow_SwitchesFlows()
    {
        var classifier = new ScriptedClassifier().Answer("where is my parcel", ("order_status", 0.93));
        using var engine = Engine(classifier);
        await engine.SayAsync("hi");

        var turn = await engine.SayAsync("where is my parcel");

        turn.Events.OfType<IntentEvent>().Should().ContainSingle().Which.Confidence.Should().Be(0.93);
        turn.Conversation.FlowId.Should().Be("orders");
        turn.Replies.Select(r => r.Key).Should().Equal("ask_id");
    }

    [Fact]
    public async Task Handle_ConfidenceBetweenClarifyAndAccept_AsksDidYouMeanWithTopTwo()
    {
        var classifier = new ScriptedClassifier(accept: 0.7, clarify: 0.4)
            .Answer("parcel?", ("order_status", 0.55), ("greeting", 0.3), ("weather", 0.1));
        using var engine = Engine(classifier);
        await engine.SayAsync("hi");

        var turn = await engine.SayAsync("parcel?");
        var chosen = await engine.TapAsync("intent:order_status");

        turn.Replies.Should().ContainSingle().Which.Key.Should().Be("system.did_you_mean");
        turn.Replies[0].QuickReplies.Select(q => q.Id).Should().Equal("intent:order_status", "intent:greeting", "intent:none");
        chosen.Conversation.FlowId.Should().Be("orders");
    }

    [Fact]
    public async Task Handle_ConfidenceBelowClarify_IsNotUnderstood()
    {
        var classifier = new ScriptedClassifier(accept: 0.7, clarify: 0.4).Answer("hmm", ("order_status", 0.35));
        using var engine = Engine(classifier);
        await engine.SayAsync("hi");

        var turn = await engine.SayAsync("hmm");

        turn.Replies.Select(r => r.Key).Should().Equal("system.fallback");
    }

    [Fact]
    public async Task Handle_ConfiguredThresholdOverridesModel()
    {
        var classifier = new ScriptedClassifier(accept: 0.9, clarify: 0.8).Answer("parcel", ("order_status", 0.6));
        using var engine = Engine(classifier, new RoutingOptions { AcceptThreshold = 0.5, ClarifyThreshold = 0.2 });
        await engine.SayAsync("hi");

        var turn = await engine.SayAsync("parcel");

        turn.Conversation.FlowId.Should().Be("orders");
    }

    [Fact]
    public async Task Handle_SensitiveIntent_HandsOffAtOnce()
    {
        var classifier = new ScriptedClassifier().Answer("this is outrageous, I want compensation", ("complaint", 0.91));
        using var engine = Engine(classifier, escalation: new EscalationOptions { SensitiveIntents = ["complaint"] });
        await engine.SayAsync("hi");

        var turn = await engine.SayAsync("this is outrageous, I want compensation");

        turn.Events.OfType<HandoffEvent>().Should().ContainSingle().Which.Reason.Should().Be("sensitive_intent");
    }

    [Fact]
    public async Task Handle_IntentTransitionOfCurrentState_WinsOverInvalidInput()
    {
        var classifier = new ScriptedClassifier().Answer("actually cancel my order", ("cancel_order", 0.95));
        using var engine = Engine(classifier);
        await engine.SayAsync("track");

        var turn = await engine.SayAsync("actually cancel my order");

        turn.Replies.Select(r => r.Key).Should().Equal("cancelled_text");
    }
}
