using System.Globalization;
using ChatRouter.Inbox;
using ChatRouter.Testing;

namespace ChatRouter.Server.Tests.Fuzz;

/// <summary>
/// One real server (and both fake provider APIs) for a fuzz class. Entries that fail processing are parked at
/// once (Inbox:MaxAttempts=1), so an accepted body that cannot be processed shows as a failed entry instead of
/// a retry for later; replies are not paced, so a normal message is answered right after a burst.
/// </summary>
public sealed class FuzzServer : IAsyncLifetime
{
    // Logged when a parser threw, a store failed, or an accepted entry could not be processed.
    private static readonly int[] FailureEvents = [5007, 5008, 5201, 2002];

    private readonly TempDirectory _directory = new();

    public CapturedLogs Logs { get; } = new();

    public FakeWhatsAppApi WhatsApp { get; private set; } = null!;

    public FakeUltraMsgApi UltraMsg { get; private set; } = null!;

    public ServerApp Server { get; private set; } = null!;

    /// <summary>The first case number: CHATROUTER_FUZZ_SEED when set (to explore), else 0 (the suite stays the same run to run).</summary>
    public static int FirstCase => Setting("CHATROUTER_FUZZ_SEED") ?? 0;

    /// <summary>Cases per target: CHATROUTER_FUZZ_CASES when set, else <paramref name="suite"/>.</summary>
    public static int Cases(int suite) => Setting("CHATROUTER_FUZZ_CASES") ?? suite;

    private static int? Setting(string name) =>
        int.TryParse(Environment.GetEnvironmentVariable(name), CultureInfo.InvariantCulture, out var value) ? value : null;

    public async Task InitializeAsync()
    {
        WhatsApp = await FakeWhatsAppApi.StartAsync();
        UltraMsg = await FakeUltraMsgApi.StartAsync();
        Server = await ServerApp.StartAsync(_directory.File("fuzz.db"), WhatsApp, UltraMsg, settings: new Dictionary<string, string?>
        {
            ["Inbox:MaxAttempts"] = "1",
            ["Outbox:MessagesPerSecond"] = "1000",
        }, configure: Logs.AddTo);
    }

    public async Task DisposeAsync()
    {
        await Server.DisposeAsync();
        await UltraMsg.DisposeAsync();
        await WhatsApp.DisposeAsync();
        _directory.Dispose();
    }

    /// <summary>Where the log and the parked entries stand now, so a test looks only at what it caused.</summary>
    public async Task<(int Logs, int Failed)> MarkAsync()
    {
        await Server.SettledAsync();
        return (Logs.Entries.Count, await Server.Inbox.CountAsync(InboxState.Failed, CancellationToken.None));
    }

    /// <summary>Once everything is processed: no entry parked and no parser, store or processing failure logged since <paramref name="mark"/>.</summary>
    public async Task<IReadOnlyList<string>> FailuresSinceAsync((int Logs, int Failed) mark)
    {
        await Server.SettledAsync();
        var failed = await Server.Inbox.CountAsync(InboxState.Failed, CancellationToken.None) - mark.Failed;
        return
        [
            .. failed > 0 ? [$"{failed} accepted entries failed processing"] : Array.Empty<string>(),
            .. Logs.Entries.Skip(mark.Logs).Where(l => (l.EventId is { } id && FailureEvents.Contains(id)) || (l.Level >= Serilog.Events.LogEventLevel.Error && l.Exception is not null))
                .Select(l => $"{l.EventId}: {l.Message} {l.Exception?.GetType().Name}: {l.Exception?.Message}"),
        ];
    }
}
