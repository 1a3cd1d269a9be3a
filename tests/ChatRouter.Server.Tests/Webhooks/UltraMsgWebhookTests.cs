using System.Net;
using System.Net.Http.Headers;
using ChatRouter.Outbox;
using ChatRouter.Testing;

namespace ChatRouter.Server.Tests.Webhooks;

public sealed class UltraMsgWebhookTests : IAsyncLifetime
{
    private readonly TempDirectory _directory = new();
    private FakeUltraMsgApi _api = null!;
    private ServerApp _server = null!;

    public async Task InitializeAsync()
    {
        _api = await FakeUltraMsgApi.StartAsync();
        _server = await ServerApp.StartAsync(_directory.File("chatrouter.db"), ultraMsg: _api);
    }

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        await _api.DisposeAsync();
        _directory.Dispose();
    }

    private async Task<HttpResponseMessage> PostAsync(System.Text.Json.Nodes.JsonNode body, string? secret = ServerApp.UltraMsgSecret)
    {
        using var content = new ByteArrayContent(UltraMsgWebhooks.Bytes(body));
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        return await _server.Http.PostAsync("/webhooks/ultramsg" + (secret is null ? "" : "?secret=" + secret), content);
    }

    [Fact]
    public async Task Received_IsAnsweredWithQuickRepliesAsANumberedMenu()
    {
        var response = await PostAsync(UltraMsgWebhooks.Received("hello"));
        var sent = await _api.WaitForRequestsAsync(1, TimeSpan.FromSeconds(20));

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        sent[0].Form["to"].Should().Be(UltraMsgWebhooks.CustomerChatId);
        sent[0].Form["body"].Should().Contain("1. Order status").And.Contain("5. Talk to a person");
    }

    [Fact]
    public async Task OwnEcho_IsNeverAnswered()
    {
        await PostAsync(UltraMsgWebhooks.Echo("Hi! I'm the virtual assistant"));
        await _server.SettledAsync();

        _api.Requests.Count.Should().Be(0);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("wrong")]
    public async Task MissingOrWrongSecret_Is401(string? secret)
    {
        var response = await PostAsync(UltraMsgWebhooks.Received("hello"), secret);

        response.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
    }

    [Theory]
    [InlineData("UltraMsg:Token")]
    [InlineData("UltraMsg:InstanceId")]
    public async Task WithoutInstanceOrToken_Is503AndNothingIsAccepted(string unset)
    {
        using var directory = new TempDirectory();
        await using var server = await ServerApp.StartAsync(directory.File("chatrouter.db"), ultraMsg: _api, settings: new Dictionary<string, string?> { [unset] = "" });
        using var content = new ByteArrayContent(UltraMsgWebhooks.Bytes(UltraMsgWebhooks.Received("hello")));
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");

        var response = await server.Http.PostAsync("/webhooks/ultramsg?secret=" + ServerApp.UltraMsgSecret, content);
        await server.IdleAsync();

        response.StatusCode.Should().Be(HttpStatusCode.ServiceUnavailable);
        (await response.Content.ReadAsStringAsync()).Should().Contain($"{unset} is not set");
        _api.Requests.Count.Should().Be(0);
    }

    [Fact]
    public async Task Ack_UpdatesTheOutboxEntryItRefersTo()
    {
        await PostAsync(UltraMsgWebhooks.Received("hello"));
        var sent = await _api.WaitForRequestsAsync(1, TimeSpan.FromSeconds(20));
        var reference = sent[0].Form["referenceId"];

        await _api.SendAckAsync(_server.Address + "/webhooks/ultramsg?secret=" + ServerApp.UltraMsgSecret, reference, "read");
        await _server.IdleAsync();

        (await _server.Outbox.FindAsync(reference, CancellationToken.None))!.State.Should().Be(OutboxState.Read);
    }
}
