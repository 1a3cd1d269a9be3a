using ChatRouter.Testing;
using Microsoft.Extensions.Time.Testing;

namespace ChatRouter.Server.Tests.Outbox;

/// <summary>
/// A provider's Retry-After, end to end through the fake Cloud API on a fake clock: the next attempt is never
/// before it, and never later than Outbox:MaxBackoff. The outbox's own backoff (1 s base) would retry within
/// a second, so each test fails if the header were ignored.
/// </summary>
public sealed class RetryAfterTests : IAsyncLifetime
{
    private readonly TempDirectory _directory = new();
    private readonly FakeTimeProvider _time = new(Some.Instant);
    private FakeWhatsAppApi _api = null!;
    private ServerApp? _server;

    public async Task InitializeAsync() => _api = await FakeWhatsAppApi.StartAsync(time: _time);

    public async Task DisposeAsync()
    {
        if (_server is not null) await _server.DisposeAsync();
        await _api.DisposeAsync();
        _directory.Dispose();
    }

    /// <summary>The customer writes; the first attempt gets <paramref name="refusal"/>, later ones succeed.</summary>
    private async Task<ServerApp> FirstAttemptRefusedAsync(FakeReply refusal, Dictionary<string, string?>? settings = null)
    {
        _api.Script.Enqueue(refusal);
        _server = await ServerApp.StartAsync(_directory.File("chatrouter.db"), _api, time: _time, settings: settings);
        await _server.PostWhatsAppAsync(WhatsAppWebhooks.Message(WhatsAppWebhooks.Text("hi")));
        await _server.SettledAsync();
        _api.Requests.Count.Should().Be(1);
        return _server;
    }

    /// <summary>Moves the clock on and returns how many requests the fake has once the server has nothing due.</summary>
    private async Task<int> RequestsAfterAsync(ServerApp server, TimeSpan step)
    {
        _time.Advance(step);
        await server.SettledAsync();
        return _api.Requests.Count;
    }

    [Fact]
    public async Task Send_429WithRetryAfterSeconds_NextAttemptNotBeforeThen()
    {
        var server = await FirstAttemptRefusedAsync(FakeReply.ThroughputLimit().WithRetryAfter(30));

        var early = await RequestsAfterAsync(server, TimeSpan.FromSeconds(29));
        var due = await RequestsAfterAsync(server, TimeSpan.FromSeconds(1));

        early.Should().Be(1, "Retry-After: 30 holds the retry for 30 s");
        due.Should().Be(2);
        var sent = _api.Requests.Snapshot();
        (sent[1].At - sent[0].At).Should().Be(TimeSpan.FromSeconds(30));
        sent[1].ProviderMessageId.Should().StartWith("wamid.");
    }

    [Fact]
    public async Task Send_503WithRetryAfterHttpDate_NextAttemptNotBeforeThatDate()
    {
        var unavailable = FakeReply.MetaError(503, 133004, "Server temporarily unavailable", "Service unavailable")
            .WithRetryAfter(Some.Instant + TimeSpan.FromSeconds(45));
        var server = await FirstAttemptRefusedAsync(unavailable);

        var early = await RequestsAfterAsync(server, TimeSpan.FromSeconds(44));
        var due = await RequestsAfterAsync(server, TimeSpan.FromSeconds(1));

        early.Should().Be(1, "the retry waits for the date in Retry-After");
        due.Should().Be(2);
    }

    [Fact]
    public async Task Send_RetryAfterBeyondMaxBackoff_IsCappedByIt()
    {
        var server = await FirstAttemptRefusedAsync(FakeReply.ThroughputLimit().WithRetryAfter(3600), new() { ["Outbox:MaxBackoff"] = "00:00:10" });

        var early = await RequestsAfterAsync(server, TimeSpan.FromSeconds(9));
        var capped = await RequestsAfterAsync(server, TimeSpan.FromSeconds(1));

        early.Should().Be(1, "Retry-After is a floor up to Outbox:MaxBackoff (10 s)");
        capped.Should().Be(2, "an hour is capped at Outbox:MaxBackoff");
    }
}
