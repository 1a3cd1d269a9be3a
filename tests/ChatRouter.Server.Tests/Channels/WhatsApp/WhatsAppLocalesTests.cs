using ChatRouter.Server.Channels.WhatsApp;

namespace ChatRouter.Server.Tests.Channels.WhatsApp;

public sealed class WhatsAppLocalesTests
{
    [Theory]
    [InlineData("pt-BR", "pt_BR")]
    [InlineData("en", "en")]
    [InlineData("es", "es")]
    [InlineData("ar", "ar")]
    [InlineData("en-us", "en_US")]
    [InlineData("EN-GB", "en_GB")]
    [InlineData("pt_BR", "pt_BR")]
    [InlineData("zh-Hant-TW", "zh_TW")]
    [InlineData("es-419", "es_419")]
    [InlineData(" fil ", "fil")]
    public void ToMeta_LocaleTag_IsMetaLanguageCode(string locale, string expected)
    {
        WhatsAppLocales.ToMeta(locale).Should().Be(expected);
    }
}
