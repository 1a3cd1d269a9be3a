using System.Diagnostics;
using System.Globalization;
using ChatRouter.Audit;
using ChatRouter.Conversations;
using ChatRouter.Inbox;
using ChatRouter.Outbox;
using ChatRouter.Profiles;
using ChatRouter.Storage;
using ChatRouter.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace ChatRouter.Benchmarks.Store;

/// <summary>
/// <c>store</c>: durable turn writes straight into each provider, side by side in one run: a LiteDB file (group
/// commit, one fsync per batch) and PostgreSQL (a throwaway local server with fsync on, a transaction per turn).
/// Each turn is what a real one writes: the profile, the conversation, two history entries, an outbox entry, its
/// audit record and the inbox mark, for <c>--customers</c> customers from <c>--concurrency</c> writers at once.
/// Reports turns/s and the p50/p99 latency of one save.
/// </summary>
internal static class StoreBenchmark
{
    public static async Task<int> RunAsync(string[] args)
    {
        var turns = Arg(args, "--turns", 20_000);
        var concurrency = Arg(args, "--concurrency", 32);
        var customers = Arg(args, "--customers", 2_000);
        Console.WriteLine($"store: {turns:N0} turns, {customers:N0} customers, {concurrency} writers, {Environment.ProcessorCount} cores");

        using var directory = new TempDirectory();
        await RunAsync("LiteDB file", new() { ["Storage:Path"] = directory.File("bench.db") }, turns, concurrency, customers);
        using var postgres = new PostgresServer(durable: true);
        await RunAsync("PostgreSQL 15", new() { ["Storage:Provider"] = "PostgreSQL", ["Storage:ConnectionString"] = postgres.CreateDatabase() + ";Maximum Pool Size=" + concurrency }, turns, concurrency, customers);
        return 0;
    }

    private static async Task RunAsync(string name, Dictionary<string, string?> settings, int turns, int concurrency, int customers)
    {
        await using var services = new ServiceCollection().AddStorage(new ConfigurationBuilder().AddInMemoryCollection(settings).Build()).BuildServiceProvider();
        var store = services.GetRequiredService<IConversationStore>();
        var inbox = services.GetRequiredService<IInboxStore>();
        // Warm up (connections, JIT), then the measured run.
        await WriteAsync(store, inbox, Math.Min(turns / 10, 2_000), concurrency, customers, "w");
        var latencies = new double[turns];
        var clock = Stopwatch.StartNew();
        await WriteAsync(store, inbox, turns, concurrency, customers, "m", latencies);
        var elapsed = clock.Elapsed.TotalSeconds;
        Array.Sort(latencies);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{name,-14} {turns / elapsed,8:N0} turns/s   p50 {latencies[turns / 2],6:N1} ms   p99 {latencies[turns * 99 / 100],6:N1} ms   ({elapsed:N1} s)"));
    }

    private static async Task WriteAsync(IConversationStore store, IInboxStore inbox, int turns, int concurrency, int customers, string run, double[]? latencies = null)
    {
        var next = -1;
        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(async _ =>
        {
            for (var i = Interlocked.Increment(ref next); i < turns; i = Interlocked.Increment(ref next))
            {
                var turn = Turn(run, i, i % customers);
                await inbox.AcceptAsync([new InboxEntry { Id = turn.Writes.InboxDone!.Id, Order = turn.Writes.InboxDone.Id, OrderingKey = turn.Profile.Id, Kind = "message", Payload = "{}", ReceivedAt = Now }], CancellationToken.None);
                var started = Stopwatch.GetTimestamp();
                await store.SaveTurnAsync(turn, CancellationToken.None);
                if (latencies is not null) latencies[i] = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            }
        }));
    }

    private static readonly DateTimeOffset Now = new(2026, 11, 30, 12, 0, 0, TimeSpan.Zero);

    private static TurnRecord Turn(string run, int i, int customer)
    {
        var id = $"p{customer:D6}";
        var conversationId = Conversation.MakeId("whatsapp", "106540352242922", id);
        var profile = new CustomerProfile { Id = id, Identities = [$"whatsapp:1555{customer:D7}"], Phone = $"+1555{customer:D7}", Name = "Customer", Locale = "en", CreatedAt = Now };
        var conversation = new Conversation
        {
            Id = conversationId, Channel = "whatsapp", BusinessNumber = "106540352242922", CustomerId = id, FlowId = "order_status", FlowVersion = 1,
            State = "ask_order", Slots = { ["order"] = "A1001", ["attempts"] = 1L }, LastInboundAt = Now,
        };
        var outbox = new OutboxEntry
        {
            Id = SortableId.Next(Now), IdempotencyKey = $"{run}:{i}:reply", ConversationId = conversationId, CustomerId = id, Channel = "whatsapp", BusinessNumber = "106540352242922",
            To = profile.Phone!, Message = "{\"text\":\"Your order A1001 ships tomorrow.\"}", Text = "Your order A1001 ships tomorrow.", Locale = "en", NextAttemptAt = Now, CreatedAt = Now,
        };
        return new TurnRecord(profile, conversation,
        [
            new ConversationMessage { Id = SortableId.Next(Now), ConversationId = conversationId, At = Now, Author = MessageAuthor.Customer, Text = "where is my order A1001?" },
            new ConversationMessage { Id = SortableId.Next(Now), ConversationId = conversationId, At = Now, Author = MessageAuthor.Bot, Text = "Your order A1001 ships tomorrow." },
        ])
        {
            ProfileChanged = customer == i, // the first turn of each customer creates the profile; later ones leave it as it was
            Writes = new TurnWrites
            {
                Outbox = [outbox],
                InboxDone = new InboxDone($"whatsapp:{run}.{i}", Now),
                Audit = [new AuditRecord { Id = outbox.Id, At = Now, CustomerId = id, Channel = "whatsapp", BusinessNumber = "106540352242922", Kind = AuditKinds.Reply, Purpose = "conversation:order_status", Decision = "sent" }],
            },
        };
    }

    private static int Arg(string[] args, string name, int fallback)
    {
        var at = Array.IndexOf(args, name);
        return at >= 0 && at + 1 < args.Length ? int.Parse(args[at + 1], CultureInfo.InvariantCulture) : fallback;
    }
}
