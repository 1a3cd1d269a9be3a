using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using ChatRouter.Server;
using ChatRouter.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ChatRouter.Benchmarks.Load;

/// <summary>
/// <c>load</c>: signed webhooks from many customers (one message each) posted over loopback to the real server
/// (LiteDB inbox and outbox on disk), answered through a fake Cloud API, everything on this machine. Reports
/// accepted and answered messages per second beside a bare Kestrel endpoint measured in the same run (the
/// ratio is the figure that holds on a noisy machine), then the accept → outbound latency at a fixed rate.
/// Pacing is raised to Meta's top tier (1,000 messages/s per number) so the server, not the pacer, is measured.
/// </summary>
internal static class LoadBenchmark
{
    public static async Task<int> RunAsync(string[] args)
    {
        var messages = Arg(args, "--messages", 20_000);
        var concurrency = Arg(args, "--concurrency", 64);
        var rate = Arg(args, "--rate", 1000);
        var seconds = Arg(args, "--seconds", 10);
        var warmup = Arg(args, "--warmup", 5_000);
        var modes = args.Contains("--password") ? [true] : args.Contains("--plain") || args.Contains("--postgres") ? [false] : new[] { false, true };
        // --postgres: the same server on PostgreSQL (a throwaway local server, fsync on) instead of the LiteDB file.
        using var postgres = args.Contains("--postgres") ? new PostgresServer(durable: true) : null;

        Console.WriteLine($"load: {warmup} warm-up messages (not measured), {messages} messages, {concurrency} connections, then {rate}/s for {seconds} s; Outbox:MessagesPerSecond=1000 (top tier); {Environment.ProcessorCount} cores");
        var bare = await BareEndpointAsync(messages, warmup, concurrency);
        Console.WriteLine($"bare Kestrel endpoint: {bare:N0} requests/s");
        foreach (var encrypted in modes)
        {
            using var directory = new TempDirectory();
            await using var api = await FakeWhatsAppApi.StartAsync();
            await using var server = await StartServerAsync(directory.File("load.db"), api, encrypted, postgres?.CreateDatabase());
            // Steady state, as a server runs: the first thousands of turns run on tier-0 JIT code and cold caches.
            if (warmup > 0) await ClosedLoopAsync(server, api, "1999", warmup, concurrency);
            var closed = await ClosedLoopAsync(server, api, "1777", messages, concurrency);
            var open = await OpenLoopAsync(server, api, rate, seconds);
            var mode = postgres is not null ? "PostgreSQL" : encrypted ? "encrypted (Storage:Password)" : "plain";
            Console.WriteLine($"[{mode}] accepted {closed.AcceptedPerSecond:N0}/s, answered {closed.AnsweredPerSecond:N0}/s = {closed.AnsweredPerSecond / bare:0.000} of bare; " +
                $"accept→outbound p50 {closed.P50:0.0} ms, p99 {closed.P99:0.0} ms (saturated)");
            Console.WriteLine($"[{mode}] at {rate}/s for {seconds} s: {open.Answered}/{open.Sent} answered, accept→outbound p50 {open.P50:0.0} ms, p99 {open.P99:0.0} ms");
        }

        return 0;
    }

    private sealed record Result(double AcceptedPerSecond, double AnsweredPerSecond, double P50, double P99, int Sent, int Answered);

    private static async Task<Result> ClosedLoopAsync(Server server, FakeWhatsAppApi api, string customerPrefix, int messages, int concurrency)
    {
        var bodies = Enumerable.Range(0, messages).Select(i => Webhook($"{customerPrefix}{i:D7}")).ToArray();
        var accepted = new long[messages];
        var before = api.Requests.Count;
        using var http = Client(server.Address, concurrency);
        var start = Stopwatch.GetTimestamp();
        await PostAllAsync(http, bodies, messages, concurrency, i => accepted[i] = Stopwatch.GetTimestamp());
        var acceptedAt = Stopwatch.GetTimestamp();
        var arrivals = await WaitForAnswersAsync(api, before + messages, TimeSpan.FromMinutes(5));
        var answeredAt = arrivals.Values.Max();
        var latencies = LatenciesMs(bodies.Select((b, i) => (b.Customer, accepted[i])), arrivals);
        return new Result(
            messages / Stopwatch.GetElapsedTime(start, acceptedAt).TotalSeconds,
            messages / Stopwatch.GetElapsedTime(start, answeredAt).TotalSeconds,
            Percentile(latencies, 0.50),
            Percentile(latencies, 0.99),
            messages,
            latencies.Count);
    }

    private static async Task<Result> OpenLoopAsync(Server server, FakeWhatsAppApi api, int rate, int seconds)
    {
        var count = rate * seconds;
        var bodies = Enumerable.Range(0, count).Select(i => Webhook($"1888{i:D7}")).ToArray();
        var accepted = new long[count];
        var before = api.Requests.Count;
        using var http = Client(server.Address, 256);
        var start = Stopwatch.GetTimestamp();
        var sends = new List<Task>(count);
        for (var i = 0; i < count; i++)
        {
            var due = start + (long)(i * (double)Stopwatch.Frequency / rate);
            while (Stopwatch.GetTimestamp() < due)
            {
                if (due - Stopwatch.GetTimestamp() > Stopwatch.Frequency / 500) await Task.Delay(1);
                else Thread.SpinWait(50);
            }

            var index = i;
            sends.Add(Task.Run(async () =>
            {
                await PostAsync(http, bodies[index]);
                accepted[index] = Stopwatch.GetTimestamp();
            }));
        }

        await Task.WhenAll(sends);
        var arrivals = await WaitForAnswersAsync(api, before + count, TimeSpan.FromMinutes(2));
        var latencies = LatenciesMs(bodies.Select((b, i) => (b.Customer, accepted[i])), arrivals);
        return new Result(0, 0, Percentile(latencies, 0.50), Percentile(latencies, 0.99), count, latencies.Count);
    }

    private static async Task<Dictionary<string, long>> WaitForAnswersAsync(FakeWhatsAppApi api, int total, TimeSpan timeout)
    {
        try
        {
            await api.WaitForRequestsAsync(total, timeout);
        }
        catch (TimeoutException)
        {
            Console.WriteLine($"  only {api.Requests.Count} of {total} answers arrived within {timeout}");
        }

        return api.Requests.Snapshot().Where(r => r.To is not null).GroupBy(r => r.To!.TrimStart('+')).ToDictionary(g => g.Key, g => g.Min(r => r.Timestamp));
    }

    private static List<double> LatenciesMs(IEnumerable<(string Customer, long AcceptedAt)> sent, Dictionary<string, long> arrivals) =>
        sent.Where(s => s.AcceptedAt > 0 && arrivals.ContainsKey(s.Customer))
            .Select(s => Math.Max(0, Stopwatch.GetElapsedTime(s.AcceptedAt, arrivals[s.Customer]).TotalMilliseconds))
            .Order()
            .ToList();

    private static double Percentile(List<double> sorted, double p) => sorted.Count == 0 ? double.NaN : sorted[(int)Math.Min(sorted.Count - 1, Math.Ceiling(p * sorted.Count) - 1)];

    private sealed record Body(string Customer, byte[] Bytes, string Signature);

    private static Body Webhook(string customer)
    {
        var bytes = WhatsAppWebhooks.Bytes(WhatsAppWebhooks.Messages(WhatsAppWebhooks.Contact(customer, "Load Test"), WhatsAppWebhooks.Text("hi", from: customer)));
        return new Body(customer, bytes, WhatsAppWebhooks.Sign(bytes, Secret));
    }

    private const string Secret = "load-test-app-secret";

    private static async Task PostAsync(HttpClient http, Body body)
    {
        using var content = new ByteArrayContent(body.Bytes);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        using var request = new HttpRequestMessage(HttpMethod.Post, "/webhooks/whatsapp") { Content = content };
        request.Headers.TryAddWithoutValidation("X-Hub-Signature-256", body.Signature);
        using var response = await http.SendAsync(request);
        if (!response.IsSuccessStatusCode) throw new InvalidOperationException($"The server answered {(int)response.StatusCode}.");
    }

    private static HttpClient Client(string address, int connections) =>
        new(new SocketsHttpHandler { MaxConnectionsPerServer = connections, PooledConnectionLifetime = Timeout.InfiniteTimeSpan })
        {
            BaseAddress = new Uri(address),
            Timeout = TimeSpan.FromMinutes(2),
        };

    private static async Task<double> BareEndpointAsync(int messages, int warmup, int concurrency)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        await using var app = builder.Build();
        app.MapPost("/webhooks/whatsapp", async (HttpRequest request) =>
        {
            await request.Body.CopyToAsync(Stream.Null);
            return Results.Ok();
        });
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        var bodies = Enumerable.Range(0, messages).Select(i => Webhook($"1999{i:D7}")).ToArray();
        using var http = Client(address, concurrency);
        // Warmed up like the server, and measured over several times the requests: it answers them far faster.
        await PostAllAsync(http, bodies, warmup, concurrency);
        var count = 4 * messages;
        var start = Stopwatch.GetTimestamp();
        await PostAllAsync(http, bodies, count, concurrency);
        return count / Stopwatch.GetElapsedTime(start).TotalSeconds;
    }

    /// <summary>Posts <paramref name="count"/> bodies (cycling) over <paramref name="concurrency"/> connections, each as soon as the previous one on its connection is answered.</summary>
    private static Task PostAllAsync(HttpClient http, Body[] bodies, int count, int concurrency, Action<int>? answered = null)
    {
        var next = -1;
        return Task.WhenAll(Enumerable.Range(0, concurrency).Select(async _ =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < count)
            {
                await PostAsync(http, bodies[i % bodies.Length]);
                answered?.Invoke(i);
            }
        }));
    }

    private sealed class Server(WebApplication app, string address) : IAsyncDisposable
    {
        public string Address { get; } = address;

        public async ValueTask DisposeAsync()
        {
            await app.StopAsync();
            await app.DisposeAsync();
        }
    }

    private static async Task<Server> StartServerAsync(string database, FakeWhatsAppApi api, bool encrypted, string? postgres)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Storage:Provider"] = postgres is null ? "LiteDB" : "PostgreSQL",
            ["Storage:ConnectionString"] = postgres is null ? null : postgres + ";Maximum Pool Size=64",
            ["Storage:Path"] = database,
            ["Storage:Password"] = encrypted ? "load-test-password" : null,
            ["Flows:Path"] = RepoPaths.Flows,
            ["Models:Path"] = RepoPaths.Models,
            ["WhatsApp:AppSecret"] = Secret,
            ["WhatsApp:AccessToken"] = api.AccessToken,
            ["WhatsApp:ApiBaseUrl"] = api.BaseUrl,
            ["Outbox:MessagesPerSecond"] = "1000",
            ["Outbox:Concurrency"] = "64",
            ["Serilog:MinimumLevel:Default"] = "Warning",
        };
        var app = ChatRouterServer.Build([], builder =>
        {
            builder.WebHost.UseUrls("http://127.0.0.1:0");
            builder.Configuration.AddInMemoryCollection(settings);
        });
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new Server(app, address);
    }

    private static int Arg(string[] args, string name, int fallback)
    {
        var index = Array.IndexOf(args, name);
        return index >= 0 && index + 1 < args.Length ? int.Parse(args[index + 1], CultureInfo.InvariantCulture) : fallback;
    }
}
