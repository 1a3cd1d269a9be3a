using ChatRouter.Conversations;
using ChatRouter.Review;
using ChatRouter.Routing;
using ChatRouter.Testing;

namespace ChatRouter.Core.Tests.Routing;

/// <summary>What a turn queues for review: messages the classifier did not route, masked, with where they came.</summary>
public sealed class ReviewQueueTests : IDisposable
{
    private readonly FlowFolder _flows = DemoFlows.Create();

    public void Dispose() => _flows.Dispose();

    private TestEngine Engine(ScriptedClassifier? classifier = null) => new(_flows.Load(), classifier, new RoutingOptions { MaxNotUnderstood = 2 });

    private static async Task<IReadOnlyList<ReviewItem>> QueuedAsync(TestEngine engine) =>
        (await engine.Review.ListAsync(new ReviewQuery { Limit = 100 }, CancellationToken.None)).Items;

    [Fact]
    public async Task Handle_NotUnderstoodThenHandedOff_QueuesEachWithItsReasonFlowAndState()
    {
        using var engine = Engine();
        await engine.SayAsync("1");
        var profile = await engine.ProfileAsync();

        await engine.SayAsync("qwerty");
        await engine.SayAsync("asdfgh");

        var queued = await QueuedAsync(engine);
        queued.Select(i => (i.Text, i.Reason, i.Flow, i.State)).Should().Equal(
            ("1", ReviewReasons.NotUnderstood, null, null),
            ("qwerty", ReviewReasons.NotUnderstood, "home", "menu"),
            ("asdfgh", ReviewReasons.LowConfidence, "home", "menu"));
        queued.Should().AllSatisfy(i =>
        {
            i.CustomerId.Should().Be(profile.Id);
            i.ConversationId.Should().Be(Conversation.MakeId(TestEngine.Channel, TestEngine.Business, profile.Id));
            i.Locale.Should().Be("en");
            i.At.Should().Be(Some.Instant);
            i.Status.Should().Be(ReviewStatus.Pending);
            (i.Intent, i.Confidence).Should().Be(("oos", 0.0), "no model: nothing understood");
            i.Top.Should().BeEmpty();
            i.MessageId.Should().NotBeNullOrEmpty();
        });
    }

    [Fact]
    public async Task Handle_DidYouMean_QueuesTheMaskedTextWithTheTopIntents()
    {
        var classifier = new ScriptedClassifier(accept: 0.7, clarify: 0.4)
            .Answer("is A1234 coming? call +44 20 7946 0958 or ana@example.com", ("order_status", 0.55), ("greeting", 0.3), ("weather", 0.1));
        using var engine = Engine(classifier);
        await engine.SayAsync("hi");

        await engine.SayAsync("is A1234 coming? call +44 20 7946 0958 or ana@example.com");

        var item = (await QueuedAsync(engine)).Should().ContainSingle(i => i.Reason == ReviewReasons.Clarify).Which;
        item.Text.Should().Be("is [id] coming? call [phone] or [email]");
        (item.Intent, item.Confidence, item.Flow, item.State).Should().Be(("order_status", 0.55, "home", "menu"));
        item.Top.Select(s => (s.Intent, s.Confidence)).Should().Equal(("order_status", 0.55), ("greeting", 0.3), ("weather", 0.1));
    }

    [Fact]
    public async Task Handle_RoutedOrGuardedMessages_AreNotQueued()
    {
        var classifier = new ScriptedClassifier().Answer("where is my parcel", ("order_status", 0.93));
        using var engine = Engine(classifier);
        await engine.SayAsync("hi");
        var before = (await QueuedAsync(engine)).Count;

        await engine.SayAsync("where is my parcel");
        await engine.SayAsync("no idea what my order id is");
        await engine.TapAsync("stale-button");
        await engine.EventAsync("order.shipped", new() { ["orderId"] = "A1001" });
        await engine.SayAsync("STOP");

        (await QueuedAsync(engine)).Should().HaveCount(before, "confident intents, answers to a question, taps, events and keywords are not the classifier's misses");
    }
}
