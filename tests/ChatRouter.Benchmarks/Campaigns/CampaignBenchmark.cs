using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using ChatRouter.Campaigns;
using ChatRouter.Conversations;
using ChatRouter.Profiles;
using ChatRouter.Server;
using ChatRouter.Server.Inbox;
using ChatRouter.Server.Outbox;
using ChatRouter.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace ChatRouter.Benchmarks.Campaigns;

/// <summary>
/// <c>campaign</c>: one campaign to <c>--customers</c> people (a phone list in the body, or <c>--audience attributes</c>:
/// profiles written straight into the store, selected by <c>tier = gold</c>) posted to the real server (Kestrel on
/// 127.0.0.1, LiteDB on disk, the bundled flows) and sent through a counting fake Cloud API on loopback at
/// <c>Outbox:MessagesPerSecond</c> = <c>--rate</c>. Reports the time to accept (the 202), the process's memory while
/// the members are written and sent, the rate of guardrail decisions (each member's event processed), and the send
/// rate at the fake over 10-second windows against the pace.
/// </summary>
internal static class CampaignBenchmark
{
    private const string Key = "campaign-bench-crm-key-0123456789";

    public static async Task<int> RunAsync(string[] args)
    {
        var customers = Arg(args, "--customers", 100_000);
        var rate = Arg(args, "--rate", 80);
        var backlog = Arg(args, "--outbox-backlog", 10_000);
        var byAttributes = args.Contains("--audience") && args[Array.IndexOf(args, "--audience") + 1] == "attributes";
        Console.WriteLine($"campaign: {customers:N0} customers by {(byAttributes ? "attributes" : "phone list")}, Outbox:MessagesPerSecond={rate}, Campaigns:MaxOutboxBacklog={backlog:N0}, {Environment.ProcessorCount} cores, server GC {System.Runtime.GCSettings.IsServerGC}");

        using var directory = new TempDirectory();
        await using var provider = await CountingProvider.StartAsync();
        var app = await StartServerAsync(directory.File("campaign.db"), provider.BaseUrl, rate, backlog);
        try
        {
            var phones = Enumerable.Range(0, customers).Select(i => string.Create(CultureInfo.InvariantCulture, $"+1555{i:D7}")).ToList();
            if (byAttributes) await SeedProfilesAsync(app.Services.GetRequiredService<IConversationStore>(), phones);
            var body = Body(byAttributes ? null : phones);
            phones = null;
            GC.Collect();
            var baseline = Memory.Now();

            using var http = new HttpClient { BaseAddress = new Uri(app.Urls.First()), Timeout = TimeSpan.FromMinutes(5) };
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Key);
            using var sampler = new Sampler(app.Services, provider);
            var posted = Stopwatch.GetTimestamp();
            using var response = await http.PostAsync("/api/campaigns", new StringContent(body, Encoding.UTF8, "application/json"));
            var accept = Stopwatch.GetElapsedTime(posted);
            var answer = await response.Content.ReadAsStringAsync();
            if (!response.IsSuccessStatusCode) throw new InvalidOperationException($"The campaign was refused: {(int)response.StatusCode} {answer}");
            var id = JsonDocument.Parse(answer).RootElement.GetProperty("campaignId").GetString()!;
            Console.WriteLine($"accepted in {accept.TotalSeconds:0.00} s: {answer}");
            if (args.Contains("--accept-only"))
            {
                // The same body under another key, now that the code is jitted and the caches warm.
                var again = Stopwatch.GetTimestamp();
                using var second = await http.PostAsync("/api/campaigns", new StringContent(body.Replace("bench-1", "bench-2", StringComparison.Ordinal), Encoding.UTF8, "application/json"));
                Console.WriteLine($"accepted again (warm) in {Stopwatch.GetElapsedTime(again).TotalSeconds:0.00} s: {(int)second.StatusCode}");
                return 0;
            }


            var limit = TimeSpan.FromSeconds(customers / (double)rate * 1.5 + 120);
            var done = await sampler.UntilAsync(id, customers, limit);
            Report(new Figures(customers, rate, accept, baseline, sampler, provider, done, byAttributes));
            return done ? 0 : 1;
        }
        finally
        {
            await app.StopAsync();
            await app.DisposeAsync();
        }
    }

    private sealed record Figures(int Customers, int Rate, TimeSpan Accept, Memory Baseline, Sampler Sampler, CountingProvider Provider, bool Done, bool ByAttributes);

    private static void Report(Figures f)
    {
        var samples = f.Sampler.Samples;
        var peak = new Memory(samples.Max(s => s.Memory.WorkingSet), samples.Max(s => s.Memory.GcHeap));
        var expandedAt = samples.FirstOrDefault(s => s.Expanded >= f.Customers)?.At;
        var decidedAt = samples.FirstOrDefault(s => s.Decided >= f.Customers)?.At;
        var decisionWindows = Windows(samples.Select(s => (s.At, (double)s.Decided)).ToList());
        var seconds = f.Provider.PerSecond(f.Provider.SecondsSinceStart + 1);
        var first = Array.FindIndex(seconds, c => c > 0);
        var last = Array.FindLastIndex(seconds, c => c > 0);
        var tenSecond = first < 0 ? [] : Enumerable.Range(0, (last - first + 1) / 10).Select(w => seconds.Skip(first + w * 10).Take(10).Sum() / 10.0).ToList();
        var sendWindow = last >= first && first >= 0 ? last - first + 1 : 0;
        var ceiling = f.Rate * 1.1;

        Console.WriteLine();
        Console.WriteLine($"| figure | {f.Customers:N0} customers, {(f.ByAttributes ? "attributes" : "phone list")}, {f.Rate}/s |");
        Console.WriteLine("|---|---:|");
        Console.WriteLine($"| time to accept (POST → 202) | {f.Accept.TotalSeconds:0.00} s |");
        Console.WriteLine($"| all members in the inbox | {Seconds(expandedAt)} |");
        Console.WriteLine($"| all guardrail decisions taken (events processed) | {Seconds(decidedAt)} |");
        Console.WriteLine($"| decisions per second, mean to the last | {(decidedAt is { } d ? f.Customers / d.TotalSeconds : double.NaN):N0}/s |");
        Console.WriteLine($"| decisions per second, best 10 s | {(decisionWindows.Count > 0 ? decisionWindows.Max() : double.NaN):N0}/s |");
        Console.WriteLine($"| sent (taken by the fake) | {f.Provider.Total:N0} in {sendWindow:N0} s |");
        Console.WriteLine($"| send rate, 10 s windows: max / mean | {(tenSecond.Count > 0 ? tenSecond.Max() : 0):0.0} / {(tenSecond.Count > 0 ? tenSecond.Average() : 0):0.0} per s (pace {f.Rate}, ceiling {ceiling:0}) |");
        Console.WriteLine($"| send rate, busiest single second | {(first >= 0 ? seconds.Max() : 0)} |");
        Console.WriteLine($"| working set: before / peak | {Mb(f.Baseline.WorkingSet)} / {Mb(peak.WorkingSet)} |");
        Console.WriteLine($"| GC heap: before / peak | {Mb(f.Baseline.GcHeap)} / {Mb(peak.GcHeap)} |");
        Console.WriteLine($"| most in the inbox / the outbox at once | {samples.Max(s => s.Inbox):N0} / {samples.Max(s => s.Outbox):N0} |");
        Console.WriteLine();
        var paced = tenSecond.Count == 0 || tenSecond.Max() <= ceiling;
        Console.WriteLine(f.Done && paced ? "PASS: every member was sent, and no 10-second window went above the pace plus one second of burst." : $"FAIL: done={f.Done}, paced={paced}");
    }

    private static List<double> Windows(List<(TimeSpan At, double Count)> series) =>
        [.. series.Select(s => (s, end: series.FirstOrDefault(e => e.At >= s.At + TimeSpan.FromSeconds(10))))
            .Where(p => p.end.At > TimeSpan.Zero)
            .Select(p => (p.end.Count - p.s.Count) / (p.end.At - p.s.At).TotalSeconds)];

    private static string Seconds(TimeSpan? at) => at is { } t ? $"{t.TotalSeconds:0.0} s" : "not reached";

    private static string Mb(long bytes) => $"{bytes / (1024.0 * 1024):N0} MB";

    private static string Body(List<string>? phones)
    {
        var audience = phones is null ? (object)new { attributes = new { tier = "gold" } } : new { phones };
        return JsonSerializer.Serialize(new { name = "Benchmark", @event = "order.shipped", data = new { orderId = "A1001", carrier = "DHL" }, audience, idempotencyKey = "bench-1" });
    }

    /// <summary>Profiles as a CRM import would leave them, written through the store a group commit at a time.</summary>
    private static async Task SeedProfilesAsync(IConversationStore store, List<string> phones)
    {
        var started = Stopwatch.GetTimestamp();
        foreach (var chunk in phones.Chunk(512))
        {
            await Task.WhenAll(chunk.Select(phone =>
            {
                var profile = new CustomerProfile { Id = Guid.NewGuid().ToString("N"), Phone = phone, Identities = ["whatsapp:" + phone[1..]], CreatedAt = DateTimeOffset.UnixEpoch };
                profile.Attributes["tier"] = "gold";
                return store.SaveProfileAsync(profile, [], CancellationToken.None);
            }));
        }

        Console.WriteLine($"seeded {phones.Count:N0} profiles in {Stopwatch.GetElapsedTime(started).TotalSeconds:0.0} s");
    }

    private static async Task<WebApplication> StartServerAsync(string database, string providerUrl, int rate, int backlog)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Storage:Path"] = database,
            ["Flows:Path"] = RepoPaths.Flows,
            ["Models:Path"] = RepoPaths.Models,
            ["WhatsApp:AppSecret"] = "campaign-bench-app-secret",
            ["WhatsApp:AccessToken"] = "campaign-bench-token",
            ["WhatsApp:ApiBaseUrl"] = providerUrl,
            ["WhatsApp:PhoneNumberId"] = WhatsAppWebhooks.PhoneNumberId,
            ["Outbox:MessagesPerSecond"] = rate.ToString(CultureInfo.InvariantCulture),
            ["Campaigns:MaxOutboxBacklog"] = backlog.ToString(CultureInfo.InvariantCulture),
            ["Agents:ApiKeys:0:Key"] = Key,
            ["Agents:ApiKeys:0:Role"] = "crm",
            ["Agents:ApiKeys:0:Name"] = "Benchmark CRM",
            ["Serilog:MinimumLevel:Default"] = "Warning",
        };
        var app = ChatRouterServer.Build([], builder =>
        {
            builder.WebHost.UseUrls("http://127.0.0.1:0");
            builder.Configuration.AddInMemoryCollection(settings);
        });
        await app.StartAsync();
        return app;
    }

    private static int Arg(string[] args, string name, int fallback)
    {
        var index = Array.IndexOf(args, name);
        return index >= 0 && index + 1 < args.Length ? int.Parse(args[index + 1], CultureInfo.InvariantCulture) : fallback;
    }

    /// <summary>The process's working set and the GC heap (live objects and garbage not yet collected).</summary>
    internal sealed record Memory(long WorkingSet, long GcHeap)
    {
        public static Memory Now() => new(Environment.WorkingSet, GC.GetTotalMemory(false));
    }

    /// <summary>One look at the server: progress of the campaign, its queues, the sends, the memory.</summary>
    internal sealed record Sample(TimeSpan At, int Expanded, int Decided, int Inbox, int Outbox, long Sent, Memory Memory);

    /// <summary>Looks at the server every 250 ms and prints a line every 10 s.</summary>
    internal sealed class Sampler(IServiceProvider services, CountingProvider provider) : IDisposable
    {
        private readonly long _start = Stopwatch.GetTimestamp();
        private readonly CancellationTokenSource _stop = new();

        public List<Sample> Samples { get; } = [];

        public async Task<bool> UntilAsync(string campaignId, int customers, TimeSpan limit)
        {
            var campaigns = services.GetRequiredService<ICampaignStore>();
            var inbox = services.GetRequiredService<InboxProcessor>();
            var outbox = services.GetRequiredService<OutboxSender>();
            var printed = TimeSpan.Zero;
            while (Stopwatch.GetElapsedTime(_start) < limit)
            {
                var expanded = (await campaigns.FindAsync(campaignId, CancellationToken.None))?.Expanded ?? 0;
                var pending = inbox.Pending;
                var sample = new Sample(Stopwatch.GetElapsedTime(_start), expanded, Math.Max(0, expanded - pending), pending, outbox.Queued, provider.Total, Memory.Now());
                Samples.Add(sample);
                if (sample.At - printed >= TimeSpan.FromSeconds(10))
                {
                    printed = sample.At;
                    Console.WriteLine($"  {sample.At.TotalSeconds,5:0} s: {expanded,7:N0} in the inbox, {sample.Decided,7:N0} decided, {sample.Sent,7:N0} sent; queued inbox {pending:N0}, outbox {sample.Outbox:N0}; working set {Mb(sample.Memory.WorkingSet)}, GC heap {Mb(sample.Memory.GcHeap)}");
                }

                if (provider.Total >= customers) return true;
                await Task.Delay(250, _stop.Token);
            }

            return false;
        }

        public void Dispose()
        {
            _stop.Cancel();
            _stop.Dispose();
        }
    }
}
