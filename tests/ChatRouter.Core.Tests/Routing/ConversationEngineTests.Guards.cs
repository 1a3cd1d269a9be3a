using ChatRouter.Consents;
using ChatRouter.Conversations;
using ChatRouter.Messaging;
using ChatRouter.Profiles;
using ChatRouter.Routing;
using ChatRouter.Testing;

namespace ChatRouter.Core.Tests.Routing;

/// <summary>Opt-out, opt-in and escalation guards, and handoff after repeated failures.</summary>
public sealed partial class ConversationEngineTests
{
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
}
