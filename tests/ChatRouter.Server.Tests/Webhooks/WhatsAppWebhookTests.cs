using System.Net;
using System.Text;
using System.Text.Json;
using ChatRouter.Inbox;
using ChatRouter.Testing;

namespace ChatRouter.Server.Tests.Webhooks;

public sealed class WhatsAppWebhookTests : IAsyncLifetime
{
    private readonly TempDirectory _directory = new();
    private FakeWhatsAppApi _api = null!;
    private ServerApp _server = null!;

    public async Task InitializeAsync()
    {
        _api = await FakeWhatsAppApi.StartAsync();
        _server = await ServerApp.StartAsync(_directory.File("chatrouter.db"), _api);
    }

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        await _api.DisposeAsync();
        _directory.Dispose();
    }

    [Fact]
    public async Task Handshake_RightToken_EchoesTheChallengeAsPlainText()
    {
        var response = await _server.Http.GetAsync($"/webhooks/whatsapp?hub.mode=subscribe&hub.challenge=1158201444&hub.verify_token={ServerApp.VerifyToken}");

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.Should().Be("text/plain");
        (await response.Content.ReadAsStringAsync()).Should().Be("1158201444");
    }

    [Theory]
    [InlineData("hub.mode=subscribe&hub.challenge=1&hub.verify_token=wrong")]
    [InlineData("hub.mode=unsubscribe&hub.challenge=1&hub.verify_token=test-verify-token")]
    [InlineData("hub.challenge=1&hub.verify_token=test-verify-token")]
    public async Task Handshake_WrongTokenOrMode_IsForbidden(string query)
    {
        var response = await _server.Http.GetAsync("/webhooks/whatsapp?" + query);

        response.StatusCode.Should().Be(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Post_SignedText_RepliesInTheCustomersLanguageWithTheMenu()
    {
        var contact = WhatsAppWebhooks.Contact(waId: "5511999990000", name: "João Silva");
        var body = WhatsAppWebhooks.Messages(contact, WhatsAppWebhooks.Text("Oi", from: "5511999990000"));

        var response = await _server.PostWhatsAppAsync(body);
        var sent = await _api.WaitForRequestsAsync(1, TimeSpan.FromSeconds(20));

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        var json = sent[0].Json;
        json.GetProperty("to").GetString().Should().Be("+5511999990000");
        json.GetProperty("type").GetString().Should().Be("interactive");
        json.GetProperty("interactive").GetProperty("type").GetString().Should().Be("list");
        json.GetProperty("interactive").GetProperty("body").GetProperty("text").GetString().Should().StartWith("Oi João!");
        sent[0].Account.Should().Be(WhatsAppWebhooks.PhoneNumberId, "replies go from the number that received the message");
    }

    [Fact]
    public async Task Post_SameMessageTwice_IsAnsweredOnce()
    {
        var body = WhatsAppWebhooks.Bytes(WhatsAppWebhooks.Message(WhatsAppWebhooks.Text("hi", id: "wamid.duplicate-1")));

        var first = await _server.PostWhatsAppAsync(body);
        var second = await _server.PostWhatsAppAsync(body);
        await _server.SettledAsync();

        first.StatusCode.Should().Be(HttpStatusCode.OK);
        second.StatusCode.Should().Be(HttpStatusCode.OK, "Meta must stop retrying a delivery we already stored");
        _api.Requests.Count.Should().Be(1);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("sha256=0000000000000000000000000000000000000000000000000000000000000000")]
    [InlineData("sha1=abc")]
    [InlineData("sha256=zz")]
    public async Task Post_MissingOrWrongSignature_Is401AndStoresNothing(string? signature)
    {
        var body = WhatsAppWebhooks.Bytes(WhatsAppWebhooks.Message(WhatsAppWebhooks.Text("hi")));

        var response = await _server.PostWhatsAppAsync(body, signature);

        response.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        (await _server.Inbox.CountAsync(InboxState.Pending, CancellationToken.None)).Should().Be(0);
        (await _server.Inbox.CountAsync(InboxState.Done, CancellationToken.None)).Should().Be(0);
    }

    [Fact]
    public async Task Post_SignatureOverOtherBytes_Is401()
    {
        var body = WhatsAppWebhooks.Bytes(WhatsAppWebhooks.Message(WhatsAppWebhooks.Text("olá")), asciiEscaped: true);
        var reencoded = WhatsAppWebhooks.Bytes(WhatsAppWebhooks.Message(WhatsAppWebhooks.Text("olá")), asciiEscaped: false);

        var response = await _server.PostWhatsAppAsync(reencoded, WhatsAppWebhooks.Sign(body, ServerApp.AppSecret));

        response.StatusCode.Should().Be(HttpStatusCode.Unauthorized, "the signature is over the exact bytes, and re-encoding changes them");
    }

    [Fact]
    public async Task Post_EscapedUnicodeBody_WithItsOwnSignature_IsAccepted()
    {
        var body = WhatsAppWebhooks.Bytes(WhatsAppWebhooks.Message(WhatsAppWebhooks.Text("¿dónde está mi pedido? 📦")), asciiEscaped: true);

        var response = await _server.PostWhatsAppAsync(body);

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        Encoding.UTF8.GetString(body).Should().Contain("\\u00bf");
    }

    [Theory]
    [InlineData("{\"object\": \"whatsapp_business_account\", \"entry\": [")]
    [InlineData("")]
    [InlineData("{\"object\": \"page\", \"entry\": []}")]
    [InlineData("[1, 2, 3]")]
    public async Task Post_MalformedBody_Is400(string text)
    {
        var response = await _server.PostWhatsAppAsync(Encoding.UTF8.GetBytes(text));

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Post_BodyOverTheLimit_Is413()
    {
        var huge = new byte[4 * 1024 * 1024 + 1];
        Array.Fill(huge, (byte)' ');

        var response = await _server.PostWhatsAppAsync(huge);

        response.StatusCode.Should().Be(HttpStatusCode.RequestEntityTooLarge);
    }

    [Fact]
    public async Task Post_MoreUpdatesThanMetaBatches_Is400WithTheReasonAndStoresNothing()
    {
        var messages = Enumerable.Range(0, 1001).Select(i => WhatsAppWebhooks.Text("m", id: $"wamid.{i}")).ToArray();

        var response = await _server.PostWhatsAppAsync(WhatsAppWebhooks.Messages(WhatsAppWebhooks.Contact(), messages));

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await response.Content.ReadAsStringAsync()).Should().Contain("1001 messages and statuses").And.Contain("at most 1000");
        (await _server.Inbox.CountAsync(InboxState.Pending, CancellationToken.None)).Should().Be(0);
    }

    [Fact]
    public async Task Post_PhoneNumberIdOfAMillionCharacters_IsSkippedInsteadOfFailingEveryTurn()
    {
        // Found by the fuzzer (WhatsApp case 1053): the number names the conversation, whose key LiteDB could not
        // index, so the accepted message failed each attempt, holding the customer's later messages back.
        var body = WhatsAppWebhooks.Envelope(WhatsAppWebhooks.Entry(WhatsAppWebhooks.Change("messages",
            WhatsAppWebhooks.MessagesValue([WhatsAppWebhooks.Contact()], [WhatsAppWebhooks.Text("hi")], phoneNumberId: new string('1', 1_000_000)))));

        var response = await _server.PostWhatsAppAsync(body);
        await _server.SettledAsync();

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        (await _server.Inbox.CountAsync(InboxState.Pending, CancellationToken.None)).Should().Be(0, "nothing is left to retry");
        (await _server.Inbox.CountAsync(InboxState.Failed, CancellationToken.None)).Should().Be(0);
        (await _server.Http.GetStringAsync("/metrics")).Should().Contain("chatrouter_webhook_items_skipped_total{channel=\"whatsapp\",reason=\"malformed_item\"} 1");
    }

    [Fact]
    public async Task Post_Batch_AnswersEveryCustomerAndKeepsEachCustomersOrder()
    {
        static System.Text.Json.Nodes.JsonObject Ana() => WhatsAppWebhooks.Contact("15550000001", "Ana");
        var bruno = WhatsAppWebhooks.Contact("15550000002", "Bruno");
        var body = WhatsAppWebhooks.Envelope(
            WhatsAppWebhooks.Entry(
                WhatsAppWebhooks.Change("messages", WhatsAppWebhooks.MessagesValue([Ana()], [WhatsAppWebhooks.Text("hi", from: "15550000001"), WhatsAppWebhooks.Text("1", from: "15550000001")])),
                WhatsAppWebhooks.Change("messages", WhatsAppWebhooks.MessagesValue([bruno], [WhatsAppWebhooks.Text("hi", from: "15550000002")]))),
            WhatsAppWebhooks.Entry(
                WhatsAppWebhooks.Change("messages", WhatsAppWebhooks.MessagesValue([Ana()], [WhatsAppWebhooks.Text("A1001", from: "15550000001")]))));

        var response = await _server.PostWhatsAppAsync(body);
        var sent = await _api.WaitForRequestsAsync(4, TimeSpan.FromSeconds(20));

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        var toAna = sent.Where(r => r.To == "+15550000001").Select(r => Text(r.Json)).ToList();
        toAna.Should().HaveCount(3);
        toAna[0].Should().StartWith("Hi Ana!");
        toAna[1].Should().StartWith("Sure! What's your order number?");
        toAna[2].Should().StartWith("Order *A1001*");
        sent.Count(r => r.To == "+15550000002").Should().Be(1);
    }

    private static string Text(JsonElement json) => json.GetProperty("type").GetString() == "text"
        ? json.GetProperty("text").GetProperty("body").GetString()!
        : json.GetProperty("interactive").GetProperty("body").GetProperty("text").GetString()!;
}
