using ChatRouter.Conversations;
using ChatRouter.Profiles;
using ChatRouter.Routing;

namespace ChatRouter.Core.Tests.Routing;

public sealed class LocaleResolverTests
{
    private static readonly string[] Available = ["en", "es", "pt-BR", "ar"];

    /// <summary>A detector trained on Latin-script locales only, that always guesses with the given locale.</summary>
    private sealed class FixedDetector(string? locale) : ILanguageDetector
    {
        public int Calls { get; private set; }

        public LanguageGuess? Detect(string text, IReadOnlyCollection<string> candidates)
        {
            Calls++;
            return locale is null ? null : new LanguageGuess(locale, 0.9);
        }
    }

    private static string Resolve(string text, ILanguageDetector detector, string? previous = null, string? phone = null) =>
        LocaleResolver.Resolve(new CustomerProfile { Phone = phone }, new Conversation { Locale = previous }, text, Available, detector, "en");

    [Theory]
    [InlineData("مرحبا")]
    [InlineData("أين طلبي؟")]
    [InlineData("order رقم A1234 وين وصل")]
    public void Resolve_ArabicScript_IsArabic_EvenWithoutAnArabicModel(string text)
    {
        Resolve(text, new FixedDetector("en")).Should().Be("ar");
    }

    [Fact]
    public void Resolve_LatinText_AsksTheDetector()
    {
        var detector = new FixedDetector("es");

        Resolve("donde esta mi pedido", detector).Should().Be("es");
        detector.Calls.Should().Be(1);
    }

    [Fact]
    public void Resolve_ScriptNoLocaleUses_KeepsThePreviousLocale_WithoutAskingTheDetector()
    {
        var detector = new FixedDetector("es");

        Resolve("где мой заказ", detector, previous: "pt-BR").Should().Be("pt-BR");
        detector.Calls.Should().Be(0, "a detector trained on Latin-script locales would only guess");
    }

    [Fact]
    public void Resolve_ProfilePreference_WinsOverTheScript()
    {
        var profile = new CustomerProfile { Locale = "en" };

        LocaleResolver.Resolve(profile, new Conversation(), "مرحبا", Available, new FixedDetector(null), "en").Should().Be("en");
    }

    [Fact]
    public void Resolve_EmojiOnly_KeepsThePreviousLocale()
    {
        Resolve("👍", new FixedDetector(null), previous: "ar").Should().Be("ar");
    }

    [Fact]
    public void Resolve_NothingToGoOn_UsesThePhonesCountryThenTheDefault()
    {
        Resolve("ok", new FixedDetector(null), phone: "+5511999990000").Should().Be("pt-BR");
        Resolve("ok", new FixedDetector(null), phone: "+4915112345678").Should().Be("en");
    }
}
