using ChatRouter.Flows;
using ChatRouter.Messaging;
using ChatRouter.Profiles;
using ChatRouter.Routing;
using ChatRouter.Testing;
using ChatRouter.Text;

namespace ChatRouter.Core.Tests.Routing;

/// <summary>Issue 9 item 6: global words and system texts work in a locale that has neither, through the locale chain.</summary>
public sealed class KeywordsTests : IDisposable
{
    private readonly FlowFolder _flows = DemoFlows.Create();

    public void Dispose() => _flows.Dispose();

    /// <summary>A customer in France who chose French, a locale with no model, no reply templates and no keyword lists.</summary>
    private static async Task<TestEngine> FrenchCustomerAsync(FlowCatalog catalog)
    {
        var engine = new TestEngine(catalog) { Customer = "33612345678", Phone = "+33612345678" };
        await engine.Engine.SetLocaleAsync(TestEngine.Channel, engine.Customer, "fr", CancellationToken.None);
        return engine;
    }

    [Fact]
    public async Task Keywords_FrenchCustomer_MenuHelpAndStopWork()
    {
        using var engine = await FrenchCustomerAsync(_flows.Load());
        await engine.SayAsync("track");

        var help = await engine.SayAsync("help");
        var menu = await engine.SayAsync("menu");
        var stop = await engine.SayAsync("STOP");
        var start = await engine.SayAsync("START");

        help.Replies.Select(r => (r.Key, r.Text)).Should().Equal(("system.help", "[system.help]"), ("ask_id", "<ask_id>"));
        menu.Replies.Select(r => r.Key).Should().Equal("home_menu");
        menu.Conversation.FlowId.Should().Be("home");
        menu.Conversation.Handoff.Should().BeNull("two words the bot did not understand would have handed off");
        stop.Replies.Select(r => r.Text).Should().Equal("[system.optout]");
        start.Replies.Select(r => r.Text).Should().Equal("[system.optin]");
        var profile = await engine.ProfileAsync();
        (await engine.Store.GetConsentsAsync(profile.Id, CancellationToken.None)).Select(h => (h.Purpose, h.Status)).Should().Equal(
            (ChatRouter.Consents.ConsentPurpose.Marketing, ChatRouter.Consents.ConsentState.Withdrawn),
            (ChatRouter.Consents.ConsentPurpose.Transactional, ChatRouter.Consents.ConsentState.Withdrawn),
            (ChatRouter.Consents.ConsentPurpose.Marketing, ChatRouter.Consents.ConsentState.Granted));
    }

    [Theory]
    [InlineData("cancel", "system.cancelled")]
    [InlineData("bye", "system.goodbye")]
    [InlineData("language", "system.language_prompt")]
    public async Task Keywords_FrenchCustomer_OtherGlobalCommandsWork(string text, string expectedKey)
    {
        using var engine = await FrenchCustomerAsync(_flows.Load());
        await engine.SayAsync("track");

        var turn = await engine.SayAsync(text);

        turn.Replies.Select(r => r.Key).Should().Equal(expectedKey);
    }

    [Fact]
    public async Task Keywords_FrenchCustomerOnBundledFlows_HearsTheDefaultLocalesTexts()
    {
        var catalog = FlowCatalog.Load(RepoPaths.Flows, ChatRouterCoreServiceCollectionExtensions.BuiltInHandlers(RepoPaths.Flows));
        using var english = new TestEngine(catalog);
        using var french = await FrenchCustomerAsync(catalog);
        await english.SayAsync("hi");
        await french.SayAsync("hi");

        var expected = await english.SayAsync("help");
        var turn = await french.SayAsync("help");

        turn.Replies.Select(r => r.Key).Should().Equal(expected.Replies.Select(r => r.Key)).And.StartWith("system.help");
        turn.Replies.Select(r => r.Text).Should().Equal(expected.Replies.Select(r => r.Text));
        turn.Events.OfType<ErrorEvent>().Should().BeEmpty();
    }

    [Theory]
    [InlineData("ALTA")]
    [InlineData("voltar")]
    [InlineData("اشتراك")]
    public async Task Keywords_OptInWordOfAnotherLocale_OptsInAnEnglishConversation(string keyword)
    {
        using var engine = new TestEngine(_flows.Load());
        await engine.SayAsync("hi");
        await engine.SayAsync("STOP");

        var turn = await engine.SayAsync(keyword);

        turn.Events.OfType<ConsentEvent>().Should().ContainSingle().Which.Type.Should().Be("optin");
        turn.Replies.Select(r => (r.Key, r.Locale)).Should().Equal(("system.optin", "en"));
    }

    [Theory]
    [InlineData("fr", "help", "Help")]
    [InlineData("fr-CA", "menu", "Menu")]
    [InlineData("pt-BR", "ajuda", "Help")]
    [InlineData("es-MX", "cancelar", "Cancel")]
    [InlineData("ar", "مساعدة", "Help")]
    public void Global_AlongTheLocaleChain_FindsTheCommand(string locale, string text, string expected)
    {
        var keywords = new Keywords(new KeywordOptions(), "en");

        var command = keywords.Global(TextNormalizer.MatchKey(text), locale);

        command.Should().Be(Enum.Parse<GlobalCommand>(expected));
    }

    [Fact]
    public void Global_LocaleWithItsOwnList_DoesNotAlsoTakeTheDefaultLocalesWords()
    {
        var keywords = new Keywords(new KeywordOptions(), "en");

        var command = keywords.Global(TextNormalizer.MatchKey("help"), "es");

        command.Should().BeNull("Spanish has its own help words; the chain fills gaps, it does not merge lists");
    }

    [Fact]
    public void Global_ConfiguredLocale_ReplacesTheFallbackForThatLocaleOnly()
    {
        var options = new KeywordOptions { Help = { ["fr"] = ["aide"] } };
        var keywords = new Keywords(options, "en");

        keywords.Global(TextNormalizer.MatchKey("aide"), "fr").Should().Be(GlobalCommand.Help);
        keywords.Global(TextNormalizer.MatchKey("help"), "fr").Should().BeNull();
        keywords.Global(TextNormalizer.MatchKey("menu"), "fr").Should().Be(GlobalCommand.Menu, "French configured only its help words");
    }

    [Fact]
    public void Global_ConfiguredDefaultLocale_IsTheEndOfTheChain()
    {
        var keywords = new Keywords(new KeywordOptions(), "es");

        keywords.Global(TextNormalizer.MatchKey("ayuda"), "fr").Should().Be(GlobalCommand.Help);
        keywords.Global(TextNormalizer.MatchKey("help"), "fr").Should().BeNull();
    }
}
