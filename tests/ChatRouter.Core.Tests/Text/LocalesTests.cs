using ChatRouter.Text;

namespace ChatRouter.Core.Tests.Text;

public sealed class LocalesTests
{
    [Fact]
    public void Chain_RegionalLocale_FallsBackToLanguageThenDefault() =>
        Locales.Chain("pt-BR", "en").Should().Equal("pt-BR", "pt", "en");

    [Fact]
    public void Chain_LanguageOnly_ReachesARegionalSiblingTheCatalogHas() =>
        Locales.Chain("pt", "en", ["en", "pt-BR", "es"]).Should().Equal("pt", "pt-BR", "en");

    [Fact]
    public void Chain_DefaultAlreadyInChain_IsNotRepeated() =>
        Locales.Chain("en-GB", "en").Should().Equal("en-GB", "en");

    [Fact]
    public void IsRightToLeft_Arabic() =>
        (Locales.IsRightToLeft("ar"), Locales.IsRightToLeft("es")).Should().Be((true, false));
}
