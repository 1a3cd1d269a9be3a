using ChatRouter.Nlu.Runtime;
using ChatRouter.Testing;

namespace ChatRouter.Nlu.Tests.Languages;

public sealed class LanguageDetectorTests : IDisposable
{
    private readonly TempDirectory _directory = new();
    private readonly IntentModels _models;

    public LanguageDetectorTests()
    {
        foreach (var locale in new[] { "en", "es", "pt-BR" }) Samples.Model(locale).Save(_directory.File(locale + ".zip"));
        _models = IntentModels.Load(_directory.Path, reloadInterval: TimeSpan.Zero);
    }

    [Theory]
    [InlineData("where is my package?", "en")]
    [InlineData("¿dónde está mi paquete?", "es")]
    [InlineData("onde está o meu pacote?", "pt-BR")]
    [InlineData("quiero hablar con alguien sobre mi pedido", "es")]
    [InlineData("quero falar com alguém sobre meu pedido", "pt-BR")]
    public void Detect_SentenceInALocaleWithAModel_FindsIt(string text, string locale)
    {
        var guess = _models.Detect(text, ["en", "es", "pt-BR"]);

        guess!.Locale.Should().Be(locale);
        guess.Confidence.Should().BeInRange(0.5, 1);
    }

    [Theory]
    [InlineData("ok")]
    [InlineData("👍👍")]
    [InlineData("12345")]
    [InlineData("Привет, где мой заказ?")]
    public void Detect_TooLittleOrUnknownText_SaysNothing(string text)
    {
        _models.Detect(text, ["en", "es", "pt-BR"]).Should().BeNull();
    }

    [Fact]
    public void Detect_CandidatesWithoutModels_AreOnlyMatchedByLanguage()
    {
        _models.Detect("onde está o meu pacote?", ["en", "pt"])!.Locale.Should().Be("pt");
        _models.Detect("where is my package?", ["en"]).Should().BeNull("one candidate leaves nothing to choose between");
        _models.Detect("where is my package?", ["fr", "de"]).Should().BeNull();
    }

    public void Dispose()
    {
        _models.Dispose();
        _directory.Dispose();
    }
}
