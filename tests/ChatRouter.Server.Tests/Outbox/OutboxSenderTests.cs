using ChatRouter.Testing;
using Microsoft.Extensions.Time.Testing;

namespace ChatRouter.Server.Tests.Outbox;

/// <summary>The sender's schedule on a fake clock: when it says it is settled.</summary>
public sealed class OutboxSenderTests : IAsyncLifetime
{
    private readonly TempDirectory _directory = new();
    private readonly FakeTimeProvider _time = new(Some.Instant);
    private FakeWhatsAppApi _api = null!;
    private ServerApp _server = null!;

    public async Task InitializeAsync() => _api = await FakeWhatsAppApi.StartAsync(time: _time);

    public async Task DisposeAsync()
    {
        if (_server is not null) await _server.DisposeAsync();
        await _api.DisposeAsync();
        _directory.Dispose();
    }

    private async Task<ServerApp> StartAsync(Dictionary<string, string?>? settings = null) =>
        _server = await ServerApp.StartAsync(_directory.File("chatrouter.db"), _api, time: _time, settings: settings);

    [Fact]
    public async Task WhenSettled_ClockMovedToADueRetry_IncludesThatSend()
    {
        _api.Script.Enqueue(FakeReply.ThroughputLimit());
        var server = await StartAsync();
        await server.PostWhatsAppAsync(WhatsAppWebhooks.Message(WhatsAppWebhooks.Text("hi")));
        await server.SettledAsync();
        var waiting = _api.Requests.Count;

        _time.Advance(TimeSpan.FromSeconds(1));
        await server.SettledAsync();

        waiting.Should().Be(1, "the retry waits for its backoff (at most 1 s)");
        _api.Requests.Count.Should().Be(2, "once the clock reaches the retry, settled means it has been sent");
    }
}
