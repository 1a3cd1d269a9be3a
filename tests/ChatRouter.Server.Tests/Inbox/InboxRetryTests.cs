using System.Threading.Channels;
using ChatRouter.Conversations;
using ChatRouter.Inbox;
using ChatRouter.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace ChatRouter.Server.Tests.Inbox;

/// <summary>
/// The inbox's retry and park path on a real server: a turn that cannot be saved is retried with backoff
/// (Inbox:RetryBackoff 10 s, doubling, jittered to [½, 1] of it) and parked as failed after Inbox:MaxAttempts (3);
/// meanwhile the customer's later messages wait behind it and other customers are answered.
/// </summary>
public sealed class InboxRetryTests : IAsyncLifetime
{
    private const string Poisoned = "whatsapp:msg:wamid.A1";
    private const string Later = "whatsapp:msg:wamid.A2";
    private const string CustomerA = "15550000001";
    private const string CustomerB = "15550000002";
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(20);

    private readonly TempDirectory _directory = new();
    private readonly FakeTimeProvider _fake = new(Some.Instant);
    private ArmedTimers _time = null!;
    private FakeWhatsAppApi _api = null!;
    private ServerApp _server = null!;
    private FailingTurns _turns = null!;

    public async Task InitializeAsync()
    {
        _time = new ArmedTimers(_fake);
        _api = await FakeWhatsAppApi.StartAsync(time: _fake);
        _server = await ServerApp.StartAsync(_directory.File("chatrouter.db"), _api, time: _time, settings: new Dictionary<string, string?>
        {
            ["Inbox:MaxAttempts"] = "3",
            ["Inbox:RetryBackoff"] = "00:00:10",
            ["Inbox:MaxRetryBackoff"] = "00:01:00",
            ["Handoff:CheckInterval"] = "01:00:00",
        }, services: services =>
        {
            var real = services.Last(d => d.ServiceType == typeof(IConversationStore));
            services.AddSingleton(sp => _turns = new FailingTurns((IConversationStore)real.ImplementationFactory!(sp), sp.GetRequiredService<TimeProvider>(), new HashSet<string> { Poisoned }));
            services.AddSingleton<IConversationStore>(sp => sp.GetRequiredService<FailingTurns>().Store);
        });
        _ = _server.Services.GetRequiredService<IConversationStore>();
    }

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        await _api.DisposeAsync();
        _directory.Dispose();
    }

    /// <summary>A writes twice (the first turn cannot be saved), then B writes once; A's first turn fails its three attempts.</summary>
    private async Task PoisonedFirstMessageAsync()
    {
        await _server.PostWhatsAppAsync(Says(CustomerA, "hi", "wamid.A1"));
        await _server.PostWhatsAppAsync(Says(CustomerA, "hi", "wamid.A2"));
        await _server.PostWhatsAppAsync(Says(CustomerB, "hi", "wamid.B1"));
        await _api.WaitForRequestsAsync(1, Wait);
        await _turns.WaitForFailuresAsync(1, Wait);
        await _time.ArmedAsync(TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(10));
        _fake.Advance(TimeSpan.FromSeconds(10));
        await _turns.WaitForFailuresAsync(2, Wait);
        await _time.ArmedAsync(TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(20));
        _fake.Advance(TimeSpan.FromSeconds(20));
        await _turns.WaitForFailuresAsync(3, Wait);
        await _server.SettledAsync();
    }

    [Fact]
    public async Task Entry_ProcessingKeepsFailing_IsRetriedWithBackoff_ThenParkedAsFailed()
    {
        await PoisonedFirstMessageAsync();

        var attempts = _turns.Turns.Where(t => t.InboxId == Poisoned).Select(t => t.At - Some.Instant);
        var parked = await _server.Inbox.FindAsync(Poisoned, CancellationToken.None);

        attempts.Should().Equal([TimeSpan.Zero, TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(30)],
            "each retry waits for its backoff (5–10 s, then 10–20 s), and the clock only stood at these times");
        parked!.State.Should().Be(InboxState.Failed);
        parked.Attempts.Should().Be(3);
        parked.Error.Should().Contain("No space left on device");
        (await _server.Inbox.CountAsync(InboxState.Pending, CancellationToken.None)).Should().Be(0);
    }

    [Fact]
    public async Task Entry_Retrying_HoldsItsCustomersLaterEntries_ButNotOtherCustomers()
    {
        await PoisonedFirstMessageAsync();

        var sent = _api.Requests.Snapshot();
        var later = _turns.Turns.Single(t => t.InboxId == Later);

        sent.Select(r => r.To).Should().Equal(["+" + CustomerB, "+" + CustomerA], "B is answered at once; A's second message only after the first was parked");
        sent[0].At.Should().Be(Some.Instant, "B did not wait for A's retries");
        later.At.Should().Be(Some.Instant + TimeSpan.FromSeconds(30), "A's second message waited behind the first until it was parked");
        (await _server.Inbox.FindAsync(Later, CancellationToken.None))!.State.Should().Be(InboxState.Done);
    }

    private static System.Text.Json.Nodes.JsonObject Says(string from, string text, string id) =>
        WhatsAppWebhooks.Messages(WhatsAppWebhooks.Contact(from, "Customer " + from), WhatsAppWebhooks.Text(text, from: from, id: id));

    /// <summary>
    /// The fake clock, reporting each one-shot timer armed on it (a Task.Delay), so a test advances the clock
    /// only once the retry's timer exists and never races it.
    /// </summary>
    private sealed class ArmedTimers(FakeTimeProvider inner) : TimeProvider
    {
        private readonly Channel<TimeSpan> _armed = Channel.CreateUnbounded<TimeSpan>();

        public override DateTimeOffset GetUtcNow() => inner.GetUtcNow();

        public override long GetTimestamp() => inner.GetTimestamp();

        public override long TimestampFrequency => inner.TimestampFrequency;

        public override TimeZoneInfo LocalTimeZone => inner.LocalTimeZone;

        public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
        {
            var timer = inner.CreateTimer(callback, state, dueTime, period);
            if (period == Timeout.InfiniteTimeSpan) _armed.Writer.TryWrite(dueTime);
            return timer;
        }

        /// <summary>Waits until a one-shot timer due within [<paramref name="least"/>, <paramref name="most"/>] is armed.</summary>
        public async Task ArmedAsync(TimeSpan least, TimeSpan most)
        {
            using var timeout = new CancellationTokenSource(Wait);
            while (await _armed.Reader.ReadAsync(timeout.Token) is var due && (due < least || due > most))
            {
                // Another timer (the outbox's pace, say): keep waiting for the retry's.
            }
        }
    }
}
