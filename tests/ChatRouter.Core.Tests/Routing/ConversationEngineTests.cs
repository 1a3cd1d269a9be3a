using ChatRouter.Consents;
using ChatRouter.Conversations;
using ChatRouter.Messaging;
using ChatRouter.Profiles;
using ChatRouter.Routing;
using ChatRouter.Testing;

namespace ChatRouter.Core.Tests.Routing;

public sealed partial class ConversationEngineTests : IDisposable
{
    private readonly FlowFolder _flows = DemoFlows.Create();

    public void Dispose() => _flows.Dispose();

    private TestEngine Engine(ScriptedClassifier? classifier = null, RoutingOptions? routing = null, EscalationOptions? escalation = null)
    {
        var catalog = _flows.Load();
        catalog.Diagnostics.Where(d => d.Severity == ChatRouter.Diagnostics.Severity.Error).Should().BeEmpty();
        return new TestEngine(catalog, classifier, routing, escalation: escalation);
    }

    [Fact]
    public async Task Handle_FirstMessage_StartsDefaultFlow()
    {
        using var engine = Engine();

        var turn = await engine.SayAsync("hello there");

        turn.Replies.Should().ContainSingle().Which.Key.Should().Be("home_menu");
        turn.Replies[0].QuickReplies.Select(q => q.Id).Should().Equal("orders", "other");
        turn.Conversation.FlowId.Should().Be("home");
    }

    [Fact]
    public async Task Handle_BareNumber_SelectsNthQuickReply()
    {
        using var engine = Engine();
        await engine.SayAsync("hi");

        var turn = await engine.SayAsync("1");

        turn.Conversation.FlowId.Should().Be("orders");
        turn.Conversation.State.Should().Be("ask");
        turn.Replies.Select(r => r.Key).Should().Equal("ask_id");
    }

    [Fact]
    public async Task Handle_QuickReplyTitleTypedWithOtherCaseAndAccents_SelectsIt()
    {
        using var engine = Engine();
        await engine.SayAsync("hi");

        var turn = await engine.SayAsync("  TÍTLE   other! ");

        turn.Replies.Select(r => r.Key).Should().Equal("other_text");
    }

    [Fact]
    public async Task Handle_UnknownQuickReplyId_GoesToFallback()
    {
        using var engine = Engine();
        await engine.SayAsync("hi");

        var turn = await engine.TapAsync("stale-button-from-last-week");

        turn.Replies.Should().ContainSingle().Which.Key.Should().Be("system.fallback");
        turn.Replies[0].QuickReplies.Select(q => q.Id).Should().Equal("orders", "other");
        turn.Conversation.State.Should().Be("menu");
    }

    [Fact]
    public async Task Handle_ValidInput_CallsHandlerAndRoutesOnOutcome()
    {
        using var engine = Engine();
        await engine.SayAsync("track");

        var turn = await engine.SayAsync("a1001");

        turn.Replies.Select(r => r.Text).Should().Equal("Order A1001 is shipped");
        turn.Conversation.State.Should().Be("found");
        turn.Conversation.Slots["order_id"].Should().Be("a1001");
    }

    [Fact]
    public async Task Handle_NumberWhileAwaitingInput_IsInputNotAQuickReply()
    {
        using var engine = Engine();
        await engine.EventAsync("nps.due");

        var turn = await engine.SayAsync("2");

        turn.Replies.Select(r => r.Key).Should().Equal("detractor_text");
        turn.Conversation.Slots.Should().BeEmpty("the flow ended");
    }

    [Theory]
    [InlineData("10", "promoter_text")]
    [InlineData("9", "promoter_text")]
    [InlineData("8", "passive_text")]
    [InlineData("7", "passive_text")]
    [InlineData("6", "detractor_text")]
    [InlineData("٩", "promoter_text")]
    public async Task Handle_ScoreWithGuards_TakesFirstTransitionWhoseGuardHolds(string score, string expected)
    {
        using var engine = Engine();
        await engine.EventAsync("nps.due");

        var turn = await engine.SayAsync(score);

        turn.Replies.Select(r => r.Key).Should().Equal(expected);
    }

    [Fact]
    public async Task Handle_InvalidInputTwice_RetriesThenTakesExhaustedPath()
    {
        using var engine = Engine();
        await engine.SayAsync("track");

        var first = await engine.SayAsync("my order is the blue one");
        var second = await engine.SayAsync("no idea");

        first.Replies.Select(r => r.Key).Should().Equal("bad_id");
        second.Events.OfType<HandoffEvent>().Should().ContainSingle().Which.Should().Be(new HandoffEvent("flow", "orders"));
        (await engine.ConversationAsync()).Handoff!.Status.Should().Be(HandoffStatus.Waiting);
    }

    [Fact]
    public async Task Handle_GlobalCommandDuringInput_IsNotCountedAsInvalid()
    {
        using var engine = Engine();
        await engine.SayAsync("track");

        var turn = await engine.SayAsync("Cancel");

        turn.Replies.Select(r => r.Key).Should().Equal("system.cancelled");
        turn.Conversation.FlowId.Should().BeNull();
    }

    [Fact]
    public async Task HandleEvent_StartsFlowAtTheEventsTransition_WithDataAsSlots()
    {
        using var engine = Engine();
        await engine.SayAsync("hi");

        var turn = await engine.EventAsync("order.shipped", new() { ["orderId"] = "A1001", ["carrier"] = "DHL" });

        turn.Replies.Select(r => r.Text).Should().Equal("Order A1001 shipped with DHL", "<done_text>");
        turn.Conversation.FlowId.Should().BeNull("the shipped notice ends the flow");
    }

    [Fact]
    public async Task Handle_MediaWithFlowHook_FiresIt()
    {
        using var engine = Engine();
        await engine.SayAsync("track");
        await engine.SayAsync("A1001");

        var turn = await engine.MediaAsync("image");

        turn.Replies.Select(r => r.Key).Should().Equal("photo_text");
    }

    [Fact]
    public async Task Handle_MediaWithoutHook_SaysICanReadTextAndButtons()
    {
        using var engine = Engine();
        await engine.SayAsync("hi");

        var turn = await engine.MediaAsync("audio");

        turn.Replies.Select(r => r.Key).Should().Equal("system.non_text");
    }

    [Fact]
    public async Task Handle_Reaction_IsStoredButNotAnswered()
    {
        using var engine = Engine();
        await engine.SayAsync("hi");

        var turn = await engine.MediaAsync("reaction");

        turn.Replies.Should().BeEmpty();
    }

    [Fact]
    public async Task Handle_OversizeMessage_AsksForAShorterOne()
    {
        using var engine = Engine();
        await engine.SayAsync("hi");

        var turn = await engine.SayAsync(new string('a', 5000));

        turn.Replies.Select(r => r.Key).Should().Equal("system.too_long");
        turn.Conversation.State.Should().Be("menu");
    }

    [Fact]
    public async Task Handle_EmptyMessage_IsStoredAndIgnored()
    {
        using var engine = Engine();
        await engine.SayAsync("hi");

        var turn = await engine.SayAsync("   \u200B ");

        turn.Replies.Should().BeEmpty();
        turn.Conversation.NotUnderstood.Should().Be(0);
    }

    [Fact]
    public async Task Handle_StateRemovedByNewFlowVersion_RestartsFlowWithWarning()
    {
        using var engine = Engine();
        await engine.SayAsync("hi");
        await engine.SayAsync("1");
        _flows.Flow("orders", new
        {
            version = 2,
            initial = "first",
            states = new Dictionary<string, object> { ["first"] = new { reply = "v2_start", end = true } },
        }, Some.Texts("v2_start"), "en", "es");
        engine.Catalog = _flows.Load();

        var turn = await engine.SayAsync("A1001");

        turn.Replies.Select(r => r.Key).Should().Equal("system.restarted", "v2_start");
        engine.Logs.Entries.Should().Contain(e => e.Id.Id == 1003 && e.Level == Microsoft.Extensions.Logging.LogLevel.Warning);
    }

    [Fact]
    public async Task Handle_ReplyTemplateFailingAtRunTime_AnswersSafeTextAndLogs()
    {
        _flows.Flow("broken", new
        {
            triggers = new { keywords = new Dictionary<string, string[]> { ["en"] = ["broken"], ["es"] = ["roto"] } },
            initial = "s",
            states = new Dictionary<string, object> { ["s"] = new { reply = "bad", end = true } },
        }, new Dictionary<string, string> { ["bad"] = "{{ slots.missing.deeper }}" }, "en", "es");
        using var engine = Engine();

        var turn = await engine.SayAsync("broken");

        turn.Replies.Should().ContainSingle().Which.Text.Should().Be("[system.error]");
        turn.Events.OfType<ErrorEvent>().Should().ContainSingle();
        engine.Logs.Entries.Should().Contain(e => e.Id.Id == 1001);
    }

    [Fact]
    public async Task Handle_StateSurvivesRestart_OfTheStoreFile()
    {
        using var directory = new TempDirectory();
        var path = directory.File("chat.db");
        using (var first = new TestEngine(_flows.Load(), storagePath: path))
        {
            await first.SayAsync("track");
        }

        using var second = new TestEngine(_flows.Load(), storagePath: path);
        var turn = await second.SayAsync("A1001");

        turn.Replies.Select(r => r.Text).Should().Equal("Order A1001 is shipped");
    }

    [Fact]
    public async Task Handle_ManyCustomersInParallel_EachConversationStaysOrdered()
    {
        using var engine = Engine();
        var customers = Enumerable.Range(0, 20).Select(i => $"1555000{i:D4}").ToList();

        await Parallel.ForEachAsync(customers, async (customer, _) =>
        {
            foreach (var text in new[] { "track", "A1001", "2" })
            {
                await engine.SendAsync(InboundMessage.FromText(TestEngine.Channel, TestEngine.Business, customer, text));
            }
        });

        foreach (var customer in customers)
        {
            var profile = await engine.Store.FindProfileAsync([$"{TestEngine.Channel}:{customer}"], null, CancellationToken.None);
            var history = await engine.Store.GetMessagesAsync(Conversation.MakeId(TestEngine.Channel, TestEngine.Business, profile!.Id), 50, CancellationToken.None);
            history.Where(m => m.Author == MessageAuthor.Customer).Select(m => m.Text).Should().Equal("track", "A1001", "2");
            history[^1].ReplyKey.Should().Be("done_text");
        }
    }
}
