using System.Net;
using System.Text.Json;
using ChatRouter.Messaging;
using ChatRouter.Server.Channels;
using ChatRouter.Server.Inbox;
using ChatRouter.Server.Channels.UltraMsg;
using ChatRouter.Testing;

namespace ChatRouter.Server.Tests.Channels.Fakes;

public sealed class FakeUltraMsgApiTests
{
    [Fact]
    public async Task Send_OurChatForm_IsAcceptedAndRecorded()
    {
        await using var api = await FakeUltraMsgApi.StartAsync();
        using var http = new HttpClient();
        var message = new OutboundMessage { Text = "Pick one", Locale = "en", QuickReplies = [new QuickReply("a", "Track")] };
        var fields = UltraMsgPayloads.Chat(new OutboundRequest(api.Instance, "14155552671@c.us", message, null, "outbox-1"), api.Token);

        var (status, body) = await SendAsync(http, api, fields);

        status.Should().Be(HttpStatusCode.OK);
        body.Should().Be("""{"sent":"true","message":"ok","id":1}""");
        UltraMsgPayloads.Classify((int)status, body, "outbox-1").Should().Be(new SendAccepted("outbox-1"));
        var recorded = api.Requests.Snapshot().Should().ContainSingle().Subject;
        recorded.Form["body"].Should().Be("Pick one\n\n1. Track");
        recorded.Form["referenceId"].Should().Be("outbox-1");
        recorded.To.Should().Be("14155552671@c.us");
    }

    [Fact]
    public async Task Send_WrongToken_AnswersAnErrorThatIsAConfigurationProblem()
    {
        await using var api = await FakeUltraMsgApi.StartAsync();
        using var http = new HttpClient();

        var (status, body) = await SendAsync(http, api, Form("stolen", "+14155552671", "hi"));

        UltraMsgPayloads.Classify((int)status, body, "r").Should().BeOfType<SendFailed>().Which.Kind.Should().Be(SendFailure.Configuration);
    }

    [Fact]
    public async Task Send_UnknownInstance_Is404()
    {
        await using var api = await FakeUltraMsgApi.StartAsync();
        using var http = new HttpClient();

        var (status, _) = await SendAsync(http, api, Form(api.Token, "+14155552671", "hi"), instance: "instance9");

        status.Should().Be(HttpStatusCode.NotFound);
    }

    [Theory]
    [InlineData("", "body is required")]
    [InlineData(null, "body is 4097 characters")]
    public async Task Send_BodyMissingOrOverLimit_IsRefused(string? text, string error)
    {
        await using var api = await FakeUltraMsgApi.StartAsync();
        using var http = new HttpClient();

        var (_, body) = await SendAsync(http, api, Form(api.Token, "+14155552671", text ?? new string('x', 4097)));

        JsonDocument.Parse(body).RootElement.GetProperty("error").GetString().Should().StartWith(error);
        UltraMsgPayloads.Classify(200, body, "r").Should().BeOfType<SendFailed>().Which.Kind.Should().Be(SendFailure.Permanent);
    }

    [Fact]
    public async Task Script_ServerErrorThenSuccess_RetriesThenAccepts()
    {
        await using var api = await FakeUltraMsgApi.StartAsync();
        api.Script.EnqueueFor("+14155552671", FakeReply.ServerError(502));
        using var http = new HttpClient();

        var first = await SendAsync(http, api, Form(api.Token, "+14155552671", "hi"));
        var second = await SendAsync(http, api, Form(api.Token, "+14155552671", "hi"));

        UltraMsgPayloads.Classify((int)first.Status, first.Body, "r").Should().BeOfType<SendRetry>();
        UltraMsgPayloads.Classify((int)second.Status, second.Body, "r").Should().BeOfType<SendAccepted>();
    }

    [Fact]
    public async Task SendAck_PostsAnAckTheParserReads()
    {
        await using var api = await FakeUltraMsgApi.StartAsync();
        await using var receiver = await WebhookReceiver.StartAsync();

        var answered = await api.SendAckAsync(receiver.Url, "outbox-1", "read");

        answered.Should().Be(HttpStatusCode.OK);
        using var document = JsonDocument.Parse(receiver.Received.Single().Body);
        UltraMsgWebhookParser.Parse(document.RootElement, api.Instance).Items.Should().ContainSingle()
            .Which.Should().BeOfType<StatusItem>().Which.Should().Match<StatusItem>(s => s.ProviderMessageId == "outbox-1" && s.Status == DeliveryStatus.Read);
    }

    private static IReadOnlyList<KeyValuePair<string, string>> Form(string token, string to, string body) =>
        [new("token", token), new("to", to), new("body", body)];

    private static async Task<(HttpStatusCode Status, string Body)> SendAsync(HttpClient http, FakeUltraMsgApi api, IEnumerable<KeyValuePair<string, string>> fields, string? instance = null)
    {
        using var content = new FormUrlEncodedContent(fields);
        using var response = await http.PostAsync($"{api.BaseUrl}/{instance ?? api.Instance}/messages/chat", content);
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }
}
