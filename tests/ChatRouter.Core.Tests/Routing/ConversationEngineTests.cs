using ChatRouter.Consents;
using ChatRouter.Conversations;
using ChatRouter.Messaging;
using ChatRouter.Profiles;
using ChatRouter.Routing;
using ChatRouter.Testing;

namespace ChatRouter.Core.Tests.Routing;

public sealed class ConversationEngineTests : IDisposable
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
    public async Task Handle_OptOutKeywordDuringInput_IsTheFirstGuard()
    {
        using var engine = Engine();
        await engine.SayAsync("track");

        var turn = await engine.SayAsync("stop");

        turn.Replies.Select(r => r.Key).Should().Equal("system.optout");
        turn.Events.Should().ContainSingle(e => e is ConsentEvent).Which.Should().Be(new ConsentEvent("optout", "keyword:stop"));
        var profile = await engine.ProfileAsync();
        profile.Consent.Marketing!.Status.Should().Be(ConsentState.Withdrawn);
        profile.Consent.Transactional!.Status.Should().Be(ConsentState.Withdrawn, "stop means stop: both purposes");
        profile.Consent.Marketing.At.Should().Be(Some.Instant);
        profile.Consent.Marketing.Source.Should().Be(ConsentSource.Keyword);
        turn.Conversation.State.Should().Be("ask", "opting out does not move the flow");
    }

    [Theory]
    [InlineData("BAJA")]
    [InlineData("Parar")]
    [InlineData("sair")]
    [InlineData("إلغاء")]
    [InlineData("الغاء")]
    public async Task Handle_OptOutKeywordOfAnyLocale_OptsOut(string keyword)
    {
        using var engine = Engine();

        var turn = await engine.SayAsync(keyword);

        turn.Events.OfType<ConsentEvent>().Should().ContainSingle().Which.Type.Should().Be("optout");
    }

    [Fact]
    public async Task Handle_OptInAfterOptOut_RecordsBothWithSource()
    {
        using var engine = Engine();
        await engine.SayAsync("STOP");
        engine.Time.Advance(TimeSpan.FromMinutes(5));

        await engine.SayAsync("start");

        var profile = await engine.ProfileAsync();
        var ledger = await engine.Store.GetConsentsAsync(profile.Id, CancellationToken.None);
        profile.Consent.Marketing!.Status.Should().Be(ConsentState.Granted);
        profile.Consent.Marketing.LawfulBasis.Should().Be(LawfulBasis.Consent);
        profile.Consent.Transactional!.Status.Should().Be(ConsentState.Withdrawn, "an opt-in keyword grants marketing only");
        ledger.Select(e => (e.Purpose, e.Status, e.Source)).Should().Equal(
            (ConsentPurpose.Marketing, ConsentState.Withdrawn, ConsentSource.Keyword),
            (ConsentPurpose.Transactional, ConsentState.Withdrawn, ConsentSource.Keyword),
            (ConsentPurpose.Marketing, ConsentState.Granted, ConsentSource.Keyword));
    }

    [Theory]
    [InlineData("I want to talk to a human please")]
    [InlineData("AGENT")]
    [InlineData("quiero hablar con un humano")]
    [InlineData("humna")]
    [InlineData("preciso de um atendente")]
    [InlineData("أريد التحدث مع موظف")]
    public async Task Handle_EscalationKeyword_HandsOffWithReasonKeyword(string text)
    {
        using var engine = Engine();
        await engine.SayAsync("hi");

        var turn = await engine.SayAsync(text);

        turn.Events.OfType<HandoffEvent>().Should().ContainSingle().Which.Reason.Should().Be("keyword");
        turn.Replies.Select(r => r.Key).Should().Equal("system.handoff");
    }

    [Fact]
    public async Task Handle_WhileHandedOff_StoresMessageAndStaysSilent()
    {
        using var engine = Engine();
        await engine.SayAsync("agent");

        var turn = await engine.SayAsync("hello? anyone?");

        turn.Replies.Should().BeEmpty();
        var history = await engine.Store.GetMessagesAsync(turn.Conversation.Id, 50, CancellationToken.None);
        history[^1].Should().Match<ConversationMessage>(m => m.Author == MessageAuthor.Customer && m.Text == "hello? anyone?");
    }

    [Fact]
    public async Task Handle_OptOutWhileHandedOff_IsStillHonoured()
    {
        using var engine = Engine();
        await engine.SayAsync("agent");

        var turn = await engine.SayAsync("STOP");

        turn.Events.OfType<ConsentEvent>().Should().ContainSingle();
        (await engine.ProfileAsync()).Consent.Marketing!.Status.Should().Be(ConsentState.Withdrawn);
    }

    [Fact]
    public async Task Handle_NotUnderstoodTwiceInARow_HandsOffWithLowConfidence()
    {
        using var engine = Engine();
        await engine.SayAsync("hi");

        var first = await engine.SayAsync("qwerty");
        var second = await engine.SayAsync("asdfgh");

        first.Replies.Select(r => r.Key).Should().Equal("system.fallback");
        second.Events.OfType<HandoffEvent>().Should().ContainSingle().Which.Reason.Should().Be("low_confidence");
    }

    [Fact]
    public async Task Handle_UnderstoodMessageBetweenFailures_ResetsTheCount()
    {
        using var engine = Engine(routing: new RoutingOptions { MaxNotUnderstood = 2 });
        await engine.SayAsync("hi");

        await engine.SayAsync("qwerty");
        await engine.SayAsync("1");
        await engine.SayAsync("cancel");
        var turn = await engine.SayAsync("asdfgh");

        turn.Events.OfType<HandoffEvent>().Should().BeEmpty();
    }

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
    public async Task Handle_LanguageCommand_OffersLocalesAndSwitches()
    {
        using var engine = Engine();
        await engine.SayAsync("hi");

        var prompt = await engine.SayAsync("language");
        var switched = await engine.TapAsync("locale:es");

        prompt.Replies[0].QuickReplies.Select(q => q.Id).Should().Equal("locale:en", "locale:es");
        switched.Replies.Select(r => (r.Key, r.Locale)).Should().Equal(("system.language_changed", "es"), ("home_menu", "es"));
        switched.Replies[1].Text.Should().Be("<home_menu> (es)");
        (await engine.ProfileAsync()).Locale.Should().Be("es");
    }

    [Fact]
    public async Task Handle_DetectedLanguage_AnswersInIt()
    {
        var classifier = new ScriptedClassifier().Language("hola buenas tardes", "es");
        using var engine = Engine(classifier);
        engine.Phone = null;

        var turn = await engine.SayAsync("hola buenas tardes");

        turn.Replies[0].Locale.Should().Be("es");
    }

    [Fact]
    public async Task Handle_NoDetection_UsesPhoneCountryCode()
    {
        using var engine = Engine();
        engine.Customer = "34600111222";
        engine.Phone = "+34600111222";

        var turn = await engine.SayAsync("ok");

        turn.Replies[0].Locale.Should().Be("es");
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
