using System.Diagnostics;
using System.Globalization;
using ChatRouter.Inbox;
using ChatRouter.Server.Channels;
using ChatRouter.Server.Channels.WhatsApp;
using ChatRouter.Testing;
using ChatRouter.Testing.Fuzz;
using W = ChatRouter.Testing.WhatsAppWebhooks;

namespace ChatRouter.Benchmarks.Fuzz;

/// <summary>
/// <c>fuzz</c>: the suite's HTTP fuzzing at scale. Cases (WhatsApp, UltraMsg and events in turn, numbered from
/// <c>--seed</c>, so any case replays with <c>FuzzCases.Create</c>) are posted over loopback to the real server
/// with a LiteDB file and fake provider APIs. Prints the answers by target and status, failed requests, 5xx,
/// latency, and what the server logged or parked once settled; then the time to read a notification of 1,000
/// messages from 1,000 contacts (issue 9 measured 41 s for 20,000 of each with the quadratic match).
/// </summary>
internal static class FuzzBenchmark
{
    private static readonly int[] FailureEvents = [5007, 5008, 5201, 2002];

    public static async Task<int> RunAsync(string[] args)
    {
        var cases = Arg(args, "--cases", 10_000);
        var seed = Arg(args, "--seed", 0);
        var concurrency = Arg(args, "--concurrency", 4);
        var maxString = Arg(args, "--max-string", 5_000_000);
        Console.WriteLine($"fuzz: {cases:N0} cases from #{seed}, {concurrency} connections, strings up to {maxString:N0} characters; {Environment.ProcessorCount} cores");

        using var directory = new TempDirectory();
        var logs = new CapturedLogs();
        await using var whatsApp = await FakeWhatsAppApi.StartAsync();
        await using var ultraMsg = await FakeUltraMsgApi.StartAsync();
        await using var server = await ServerApp.StartAsync(directory.File("fuzz.db"), whatsApp, ultraMsg, settings: new Dictionary<string, string?>
        {
            ["Inbox:MaxAttempts"] = "1",
            ["Outbox:MessagesPerSecond"] = "1000",
        }, configure: logs.AddTo);

        var started = Stopwatch.GetTimestamp();
        var numbers = Enumerable.Range(0, cases).Select(i => ((FuzzTarget)(i % 3), seed + i));
        var results = await FuzzRunner.RunAsync(server.Http, numbers, concurrency, maxString);
        var elapsed = Stopwatch.GetElapsedTime(started);
        await server.SettledAsync();

        Print(results, elapsed);
        var parked = await server.Inbox.CountAsync(InboxState.Failed, CancellationToken.None);
        var failures = logs.Entries.Count(l => (l.EventId is { } id && FailureEvents.Contains(id)) || (l.Level >= Serilog.Events.LogEventLevel.Error && l.Exception is not null));
        var answered = await StillAnswersAsync(server, whatsApp);
        Console.WriteLine($"after settling: {parked} accepted entries parked as failed, {failures} parser/store/processing failures logged; a normal message afterwards answered: {(answered ? "yes" : "NO")}");
        foreach (var failed in results.Where(r => !r.IsExpected).Take(20)) Console.WriteLine($"  {failed.Status} {failed.Error} ← {failed.Case}");

        await ContactsAsync(server);
        return results.All(r => r.IsExpected) && parked == 0 && failures == 0 && answered ? 0 : 1;
    }

    private static void Print(IReadOnlyList<FuzzResult> results, TimeSpan elapsed)
    {
        Console.WriteLine();
        Console.WriteLine("| target | cases | 200/202 | 400 | 413 | other 4xx | 5xx | failed requests | median ms | p99 ms | max ms |");
        Console.WriteLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var group in results.GroupBy(r => r.Target.ToString()).Append(results.GroupBy(_ => "all").Single()))
        {
            var rows = group.ToList();
            var ms = rows.Select(r => r.Elapsed.TotalMilliseconds).Order().ToList();
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {group.Key} | {rows.Count:N0} | {rows.Count(r => r.Status is 200 or 202):N0} | {rows.Count(r => r.Status == 400):N0} | {rows.Count(r => r.Status == 413):N0} | " +
                $"{rows.Count(r => r.Status is >= 401 and < 500 and not 413):N0} | {rows.Count(r => r.Status >= 500):N0} | {rows.Count(r => r.Error is not null):N0} | " +
                $"{Percentile(ms, 0.5):0.0} | {Percentile(ms, 0.99):0.0} | {ms[^1]:0.0} |"));
        }

        Console.WriteLine();
        var codes = string.Join(", ", results.GroupBy(r => r.Status).OrderBy(g => g.Key).Select(g => string.Create(CultureInfo.InvariantCulture, $"{(g.Key == 0 ? "none" : g.Key)} × {g.Count():N0}")));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"elapsed {elapsed.TotalSeconds:0.0} s ({results.Count / elapsed.TotalSeconds:0} cases/s); status codes: {codes}"));
    }

    private static async Task<bool> StillAnswersAsync(ServerApp server, FakeWhatsAppApi whatsApp)
    {
        await server.PostWhatsAppAsync(W.Message(W.Text("hi", from: "15559990001"), W.Contact("15559990001")));
        await server.SettledAsync();
        return whatsApp.Requests.Snapshot().Any(r => r.To == "+15559990001");
    }

    /// <summary>Reading and storing the largest notification Meta sends: 1,000 messages, each from its own contact.</summary>
    private static async Task ContactsAsync(ServerApp server)
    {
        static string WaId(int i) => "1777" + i.ToString("D7", CultureInfo.InvariantCulture);
        var value = W.MessagesValue(
            Enumerable.Range(0, 1000).Select(i => W.Contact(WaId(i), "Customer " + i)).Reverse(),
            Enumerable.Range(0, 1000).Select(i => W.Text("m" + i, from: WaId(i), id: "wamid.contacts-" + i)));
        var body = W.Bytes(W.Envelope(W.Entry(W.Change("messages", value))));

        var parses = new List<double>();
        for (var run = 0; run < 21; run++)
        {
            var started = Stopwatch.GetTimestamp();
            using var document = JsonStrings.Parse(body, out _);
            WhatsAppWebhookParser.Parse(document.RootElement);
            parses.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }

        var posted = Stopwatch.GetTimestamp();
        var response = await server.PostWhatsAppAsync(body);
        var post = Stopwatch.GetElapsedTime(posted).TotalMilliseconds;
        parses.Sort();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"1,000 messages from 1,000 contacts ({body.Length / 1024.0:0} KiB): parse median {Percentile(parses, 0.5):0.0} ms (21 runs, max {parses[^1]:0.0} ms); POST → {(int)response.StatusCode} in {post:0} ms (stored)"));
    }

    private static double Percentile(List<double> sorted, double p) => sorted.Count == 0 ? double.NaN : sorted[(int)Math.Min(sorted.Count - 1, Math.Ceiling(p * sorted.Count) - 1)];

    private static int Arg(string[] args, string name, int fallback)
    {
        var index = Array.IndexOf(args, name);
        return index >= 0 && index + 1 < args.Length ? int.Parse(args[index + 1], CultureInfo.InvariantCulture) : fallback;
    }
}
