using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using ChatRouter.Conversations;
using ChatRouter.Inbox;
using ChatRouter.Server.Tests.Proactive;
using ChatRouter.Testing;

namespace ChatRouter.Server.Tests.Events;

/// <summary>
/// Issue 9: an event the store could not keep was answered 202 and then failed until it was parked, holding up
/// the customer's next message; deeper or bigger ones got 500. Now it is 400 (or 413) before 202, naming the
/// field and the limit, and nothing is stored; what is accepted is processed end to end.
/// </summary>
public sealed partial class EventEndpointsTests
{
    [Theory]
    [InlineData(9)]
    [InlineData(19)]
    [InlineData(61)]
    [InlineData(63)]
    [InlineData(200)]
    public async Task Post_DataNestedTooDeep_Is400BeforeAnythingIsStored(int depth)
    {
        var response = await PostRawAsync(Event("deep-" + depth, Nested(depth)));

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await ErrorsAsync(response)).Should().ContainSingle().Which.Should().MatchRegex("^(data(\\.a){8}|body)$");
        (await _server.Inbox.FindAsync("event:deep-" + depth, CancellationToken.None)).Should().BeNull();
    }

    [Fact]
    public async Task Post_DataAtTheDepthLimit_IsAcceptedAndProcessed()
    {
        var response = await PostRawAsync(Event("deep-ok", $"{{\"orderId\":\"A1001\",\"carrier\":\"DHL\",\"route\":{Nested(7)}}}"));
        await _server.SettledAsync();

        response.StatusCode.Should().Be(HttpStatusCode.Accepted);
        (await _server.Inbox.FindAsync("event:deep-ok", CancellationToken.None))!.State.Should().Be(InboxState.Done);
        _api.Requests.Count.Should().Be(1);
    }

    [Fact]
    public async Task Post_DataAtTheHighestDepthThatCanBeConfigured_IsStoredAndProcessed()
    {
        using var directory = new TempDirectory();
        await using var server = await ServerApp.StartAsync(directory.File("deep.db"), _api, settings: GuardrailSettings.Relaxed(new Dictionary<string, string?> { ["Events:MaxDataDepth"] = "16" }));

        var response = await PostRawAsync(Event("deep-16", $"{{\"orderId\":\"A1001\",\"carrier\":\"DHL\",\"route\":{Nested(15)}}}"), server);
        await server.SettledAsync();

        response.StatusCode.Should().Be(HttpStatusCode.Accepted);
        (await server.Inbox.FindAsync("event:deep-16", CancellationToken.None))!.State.Should().Be(InboxState.Done, "16, the top of Events:MaxDataDepth's range, must still fit the store");
        var profile = await server.Store.FindProfileAsync(["whatsapp:16505550101"], null, CancellationToken.None);
        var conversation = await server.Store.GetConversationAsync(Conversation.MakeId("whatsapp", WhatsAppWebhooks.PhoneNumberId, profile!.Id), CancellationToken.None);
        conversation!.Slots.Should().ContainKey("route", "the nested data are stored as a slot, so the store really held 16 levels");
    }

    [Fact]
    public async Task Post_StringLongerThanTheLimit_Is400NamingItsPath()
    {
        var response = await PostRawAsync(Event("long", $"{{\"orderId\":\"{new string('x', 5000)}\"}}"));

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await ErrorsAsync(response)).Should().Equal("data.orderId");
    }

    [Theory]
    [InlineData(1024 * 1024, true)]
    [InlineData(10 * 1024 * 1024, true)]
    [InlineData(1024 * 1024, false)]
    public async Task Post_BodyOverTheLimit_Is413(int bytes, bool declaredLength)
    {
        var body = Encoding.UTF8.GetBytes(Event("huge", $"{{\"orderId\":\"{new string('x', bytes)}\"}}"));

        var response = await PostRawAsync(body, declaredLength: declaredLength);

        response.StatusCode.Should().Be(HttpStatusCode.RequestEntityTooLarge);
        (await response.Content.ReadAsStringAsync()).Should().Contain("Events:MaxBodyBytes");
        (await _server.Inbox.FindAsync("event:huge", CancellationToken.None)).Should().BeNull();
    }

    [Theory]
    [InlineData("""{"type":5,"customer":"x","data":[1],"idempotencyKey":{},"channel":7}""", new[] { "type", "customer", "data", "idempotencyKey", "channel" })]
    [InlineData("""{"type":"order.shipped","customer":{"phone":16505550101},"idempotencyKey":"k","data":{"a":1,"a":2}}""", new[] { "customer.phone", "data.a" })]
    [InlineData("""{"type":"order.shipped","customer":{"phone":"+16505550101"},"idempotencyKey":"k","data":{"a\u0000":1,"n":1e400}}""", new[] { "data[\"a\\u0000\"]", "data.n" })]
    [InlineData("not json", new[] { "body" })]
    [InlineData("", new[] { "body" })]
    [InlineData("null", new[] { "body" })]
    public async Task Post_WrongTypesOrValues_Is400NamingEachField(string body, string[] fields)
    {
        var response = await PostRawAsync(body);

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await ErrorsAsync(response)).Should().BeEquivalentTo(fields);
    }

    [Fact]
    public async Task Post_LoneSurrogatesInData_Is202AndTheTemplateCarriesReplacementCharacter()
    {
        var response = await PostRawAsync(Event("lone", """{"orderId":"A\ud8001001","carrier":"D\udc00HL"}"""));
        await _server.SettledAsync();

        response.StatusCode.Should().Be(HttpStatusCode.Accepted);
        var sent = _api.Requests.Snapshot().Should().ContainSingle().Subject;
        Strings(sent.Json).Should().Contain(s => s.Contains("A\uFFFD1001", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Post_InvalidUtf8AndByteOrderMark_Is202WithReplacementCharacter()
    {
        var json = Encoding.UTF8.GetBytes(Event("bad-utf8", """{"orderId":"A@1001","carrier":"DHL"}"""));
        var body = (byte[])[0xEF, 0xBB, 0xBF, .. json];
        body[Array.IndexOf(body, (byte)'@')] = 0xFF;

        var response = await PostRawAsync(body);
        await _server.SettledAsync();

        response.StatusCode.Should().Be(HttpStatusCode.Accepted);
        Strings(_api.Requests.Snapshot().Single().Json).Should().Contain(s => s.Contains("A\uFFFD1001", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Post_IdempotencyKeyOf200ThreeByteCharacters_IsAcceptedAndProcessed()
    {
        var key = new string('€', 200);

        var response = await PostRawAsync(Event(key, """{"orderId":"A1001","carrier":"DHL"}"""));
        await _server.SettledAsync();

        response.StatusCode.Should().Be(HttpStatusCode.Accepted, "the longest key the contract allows must fit the inbox and the outbox keys made from it");
        (await _server.Inbox.FindAsync("event:" + key, CancellationToken.None))!.State.Should().Be(InboxState.Done);
    }

    [Fact]
    public async Task Post_AcceptedEvent_CountsAsInboundOnTheEventsChannel()
    {
        await _server.SendAsync(HttpMethod.Post, "/api/events", ServerApp.EventsKey, Shipped("counted-1"));
        await _server.SendAsync(HttpMethod.Post, "/api/events", ServerApp.EventsKey, Shipped("counted-1"));

        var metrics = await _server.Http.GetStringAsync("/metrics");

        metrics.Should().Contain("chatrouter_inbound_messages_total{channel=\"events\"} 1", "the duplicate is not counted again");
    }

    private static string Event(string key, string data) =>
        $"{{\"type\":\"order.shipped\",\"customer\":{{\"phone\":\"+16505550101\"}},\"idempotencyKey\":\"{key}\",\"data\":{data}}}";

    /// <summary>data nested <paramref name="depth"/> levels deep, data itself being level 1: {"a":{"a":…{}}}.</summary>
    private static string Nested(int depth) =>
        string.Concat(Enumerable.Repeat("{\"a\":", depth - 1)) + "{}" + new string('}', depth - 1);

    private Task<HttpResponseMessage> PostRawAsync(string body, ServerApp? server = null) => PostRawAsync(Encoding.UTF8.GetBytes(body), server);

    private async Task<HttpResponseMessage> PostRawAsync(byte[] body, ServerApp? server = null, bool declaredLength = true)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/events")
        {
            // Without a declared length the body goes chunked and the limit is found while reading.
            Content = declaredLength ? new ByteArrayContent(body) : new StreamContent(new UnseekableStream(body)),
        };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", ServerApp.EventsKey);
        return await (server ?? _server).Http.SendAsync(request);
    }

    private static async Task<IReadOnlyList<string>> ErrorsAsync(HttpResponseMessage response) =>
        [.. JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("errors").EnumerateObject().Select(p => p.Name)];

    private static IEnumerable<string> Strings(JsonElement json) => json.ValueKind switch
    {
        JsonValueKind.Object => json.EnumerateObject().SelectMany(p => Strings(p.Value)),
        JsonValueKind.Array => json.EnumerateArray().SelectMany(Strings),
        JsonValueKind.String => [json.GetString()!],
        _ => [],
    };

    private sealed class UnseekableStream(byte[] bytes) : MemoryStream(bytes)
    {
        public override bool CanSeek => false;
    }
}
