using System.Text;
using System.Text.Json;
using ChatRouter.Testing;

namespace ChatRouter.Server.Tests.Channels.Fakes;

public sealed class WhatsAppWebhooksTests
{
    [Fact]
    public void Sign_KnownVector_IsPrefixedLowercaseHex()
    {
        var signature = WhatsAppWebhooks.Sign(Encoding.UTF8.GetBytes("The quick brown fox jumps over the lazy dog"), "key");

        signature.Should().Be("sha256=f7bc83f430538424b13298e6aa6fb143ef4d59a14946175997479dbc2d1a3cd8");
    }

    [Fact]
    public void Bytes_AsciiEscaped_IsPureAsciiAndSameJson()
    {
        var body = WhatsAppWebhooks.Message(WhatsAppWebhooks.Text("Ação 📦 https://x.io/a"), WhatsAppWebhooks.Contact(name: "Zoë"));

        var raw = WhatsAppWebhooks.Bytes(body);
        var escaped = WhatsAppWebhooks.Bytes(body, asciiEscaped: true);

        Encoding.UTF8.GetString(raw).Should().Contain("Ação 📦 https://x.io/a");
        escaped.Should().OnlyContain(b => b < 0x80);
        Encoding.ASCII.GetString(escaped).Should().Contain("A\\u00e7\\u00e3o \\ud83d\\udce6 https:\\/\\/x.io\\/a").And.Contain("Zo\\u00eb");
        raw.Should().NotEqual(escaped);
        WhatsAppWebhooks.Sign(raw, "s").Should().NotBe(WhatsAppWebhooks.Sign(escaped, "s"));
        JsonDocument.Parse(escaped).RootElement.GetRawText().Should().NotBeEmpty();
        JsonSerializer.Serialize(JsonDocument.Parse(escaped).RootElement).Should().Be(JsonSerializer.Serialize(JsonDocument.Parse(raw).RootElement));
    }
}
