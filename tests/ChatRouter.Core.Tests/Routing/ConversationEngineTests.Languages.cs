using ChatRouter.Consents;
using ChatRouter.Conversations;
using ChatRouter.Messaging;
using ChatRouter.Profiles;
using ChatRouter.Routing;
using ChatRouter.Testing;

namespace ChatRouter.Core.Tests.Routing;

/// <summary>The customer's language: the language command, detection, the phone's country.</summary>
public sealed partial class ConversationEngineTests
{
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
}
