using System.Net;
using ChatRouter.Testing;
using W = ChatRouter.Testing.WhatsAppWebhooks;

namespace ChatRouter.Server.Tests.Webhooks;

/// <summary>
/// Issue 9: a signed body that is well-formed JSON but not valid Unicode (a lone UTF-16 surrogate escape,
/// invalid UTF-8 bytes, a byte-order mark) answered 500, and the provider retried it for days. Every such
/// body gets 200 and its bad parts are stored as U+FFFD. The bodies are spliced as raw bytes after the JSON is
/// written, since no JSON writer produces them.
/// </summary>
public sealed partial class WebhookPipelineTests
{
    [Theory]
    [InlineData("\\ud800", "\uFFFD")]
    [InlineData("\\uDBFF", "\uFFFD")]
    [InlineData("\\udc00", "\uFFFD")]
    [InlineData("\\udc00\\ud800", "\uFFFD\uFFFD")]
    [InlineData("\\ud83dx", "\uFFFDx")]
    [InlineData("\\ud83d\\ud83d\\ude00", "\uFFFD😀")]
    public async Task WhatsApp_LoneSurrogateInTextBody_Is200AndStoredAsReplacementCharacter(string escape, string stored)
    {
        var body = Splice(W.Json(W.Message(W.Text($"hi {Bad} there", id: "wamid.lone-text"))), escape);

        var response = await _server.PostWhatsAppAsync(body);
        await _server.SettledAsync();

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        (await CustomerTextAsync("wamid.lone-text")).Should().Be($"hi {stored} there");
    }

    [Fact]
    public async Task WhatsApp_LoneSurrogateInProfileName_Is200AndTheProfileKeepsReplacementCharacter()
    {
        var body = Splice(W.Json(W.Message(W.Text("hi"), W.Contact(name: $"Sheena {Bad}"))), "\\ud800");

        var response = await _server.PostWhatsAppAsync(body);
        await _server.SettledAsync();

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        var profile = await _server.Store.FindProfileAsync(["whatsapp:" + W.CustomerWaId], null, CancellationToken.None);
        profile!.Name.Should().Be("Sheena \uFFFD");
        _whatsApp.Requests.Count.Should().Be(1, "the customer is answered as usual");
    }

    [Fact]
    public async Task WhatsApp_LoneSurrogateInMessageId_Is200AndStoredUnderTheRepairedId()
    {
        var body = Splice(W.Json(W.Message(W.Text("hi", id: $"wamid.{Bad}1"))), "\\udfff");

        var response = await _server.PostWhatsAppAsync(body);
        await _server.SettledAsync();

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        (await CustomerTextAsync("wamid.\uFFFD1")).Should().Be("hi");
    }

    [Fact]
    public async Task WhatsApp_LoneSurrogateInPropertyName_Is200AndTheMessageIsStored()
    {
        var message = W.Text("hi", id: "wamid.lone-name");
        message["te" + Bad + "xt"] = "a sibling whose name is not valid UTF-16";

        var response = await _server.PostWhatsAppAsync(Splice(W.Json(W.Message(message)), "\\ud800"));
        await _server.SettledAsync();

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        (await CustomerTextAsync("wamid.lone-name")).Should().Be("hi");
    }

    [Fact]
    public async Task WhatsApp_LoneSurrogateInSender_Is200AndNotAnswered()
    {
        var body = Splice(W.Json(W.Message(W.Text("hi", from: $"1650555{Bad}1234"), W.Contact(waId: null))), "\\ud800");

        var response = await _server.PostWhatsAppAsync(body);
        await _server.SettledAsync();

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        _whatsApp.Requests.Count.Should().Be(0, "a sender that is not a phone id or BSUID is skipped, not answered");
    }

    [Theory]
    [InlineData(new byte[] { 0xFF }, "\uFFFD")]
    [InlineData(new byte[] { 0xC3, 0x28 }, "\uFFFD(")]
    [InlineData(new byte[] { 0xF0, 0x9F, 0x98 }, "\uFFFD")]
    [InlineData(new byte[] { 0xED, 0xA0, 0x80 }, "\uFFFD\uFFFD\uFFFD")]
    public async Task WhatsApp_InvalidUtf8InTextBody_Is200AndStoredAsReplacementCharacter(byte[] bytes, string stored)
    {
        var body = Splice(W.Json(W.Message(W.Text($"hi {Bad} there", id: "wamid.bad-utf8"))), bytes);

        var response = await _server.PostWhatsAppAsync(body);
        await _server.SettledAsync();

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        (await CustomerTextAsync("wamid.bad-utf8")).Should().Be($"hi {stored} there");
    }

    [Fact]
    public async Task WhatsApp_BodyWithByteOrderMark_Is200AndStored()
    {
        var body = (byte[])[0xEF, 0xBB, 0xBF, .. W.Bytes(W.Message(W.Text("olá", id: "wamid.bom")))];

        var response = await _server.PostWhatsAppAsync(body);
        await _server.SettledAsync();

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        (await CustomerTextAsync("wamid.bom")).Should().Be("olá");
    }

    [Theory]
    [InlineData("\\ud800", "\uFFFD")]
    [InlineData("\\udc00", "\uFFFD")]
    [InlineData("\\udc00\\ud800", "\uFFFD\uFFFD")]
    public async Task UltraMsg_LoneSurrogateInBodyAndPushname_Is200AndStoredAsReplacementCharacter(string escape, string stored)
    {
        var body = Splice(Json(UltraMsgWebhooks.Received($"hi {Bad} there", pushname: $"E{Bad}St")), escape);

        var response = await PostUltraMsgAsync(body);
        var sent = await _ultraMsg.WaitForRequestsAsync(1, TimeSpan.FromSeconds(20));
        await _server.SettledAsync();

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        sent[0].Form["body"].Should().Contain($"E{stored}St");
        (await UltraMsgTextsAsync()).Should().Contain($"hi {stored} there");
    }

    [Fact]
    public async Task UltraMsg_LoneSurrogateInMessageId_Is200AndStoredUnderTheRepairedId()
    {
        var body = Splice(Json(UltraMsgWebhooks.Received("hi", id: $"false_14155552671@c.us_{Bad}")), "\\ud800");

        var response = await PostUltraMsgAsync(body);
        await _server.SettledAsync();

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        (await _server.Inbox.FindAsync("ultramsg:msg:false_14155552671@c.us_\uFFFD", CancellationToken.None)).Should().NotBeNull();
    }

    [Theory]
    [InlineData(new byte[] { 0xFF }, "\uFFFD")]
    [InlineData(new byte[] { 0xE2, 0x82 }, "\uFFFD")]
    public async Task UltraMsg_InvalidUtf8InBody_Is200AndStoredAsReplacementCharacter(byte[] bytes, string stored)
    {
        var body = Splice(Json(UltraMsgWebhooks.Received($"hi {Bad} there")), bytes);

        var response = await PostUltraMsgAsync(body);
        await _server.SettledAsync();

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        (await UltraMsgTextsAsync()).Should().Contain($"hi {stored} there");
    }

    [Fact]
    public async Task UltraMsg_BodyWithByteOrderMark_Is200AndStored()
    {
        var body = (byte[])[0xEF, 0xBB, 0xBF, .. UltraMsgWebhooks.Bytes(UltraMsgWebhooks.Received("olá"))];

        var response = await PostUltraMsgAsync(body);
        await _server.SettledAsync();

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        (await UltraMsgTextsAsync()).Should().Contain("olá");
    }
}
