using System.Diagnostics;
using System.Globalization;
using ChatRouter.Outbox;
using ChatRouter.Server.Channels.WhatsApp;
using ChatRouter.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace ChatRouter.Testing.Chaos;

/// <summary>
/// Runs one chaos scenario against the fake Cloud API on loopback, on real time: a burst of "hi" from many
/// customers, answered through the faulty provider until every reply is final, then the tally. In process
/// (<see cref="ServerApp"/>), or as <c>chatrouter serve</c> killed with SIGKILL a third of the way through the
/// burst and restarted on the same database (<see cref="ServerProcess"/>).
/// </summary>
public static class ChaosRun
{
    /// <param name="scenario">Faults, and whether to kill the server.</param>
    /// <param name="customers">Customers writing at once.</param>
    /// <param name="perCustomer">Messages each customer writes, one after the other.</param>
    /// <param name="seed">Seeds the fault plan.</param>
    /// <param name="timeout">How long every reply may take to become final.</param>
    /// <exception cref="TimeoutException">Replies were still pending after <paramref name="timeout"/>.</exception>
    public static async Task<ChaosReport> RunAsync(ChaosScenario scenario, int customers, int perCustomer, int seed, TimeSpan timeout)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        using var directory = new TempDirectory();
        var plan = new FaultPlan(scenario.Rate, seed, TimeProvider.System, scenario.Faults);
        await using var api = await FakeWhatsAppApi.StartAsync();
        api.Script.DefaultFrom = plan.Next;
        var burst = new ChaosBurst(customers, perCustomer);
        var started = Stopwatch.GetTimestamp();
        // In process the server's own view of its sends is at hand; a killed process's is not (its in-flight sends may repeat).
        var observer = scenario.Kill ? null : new SendObserver();
        var entries = observer is null
            ? await KilledMidwayAsync(scenario, directory.File("chaos.db"), api, burst, timeout)
            : await InProcessAsync(scenario, directory.File("chaos.db"), api, observer, burst, timeout);
        return ChaosReport.Build(scenario.Name, burst, entries, api.Requests.Snapshot(), observer?.Unanswered, plan.FaultsAnswered, Stopwatch.GetElapsedTime(started));
    }

    private static async Task<IReadOnlyList<OutboxEntry>> InProcessAsync(ChaosScenario scenario, string database, FakeWhatsAppApi api, SendObserver observer, ChaosBurst burst, TimeSpan timeout)
    {
        await using var server = await ServerApp.StartAsync(database, api, settings: scenario.Settings(),
            services: s => s.AddHttpClient<WhatsAppChannel>().AddHttpMessageHandler(observer.Handler));
        await burst.PostAsync(server.Address);
        await server.DrainedAsync(timeout);
        return await server.OutboxEntriesAsync();
    }

    private static async Task<IReadOnlyList<OutboxEntry>> KilledMidwayAsync(ChaosScenario scenario, string database, FakeWhatsAppApi api, ChaosBurst burst, TimeSpan timeout)
    {
        var port = ServerProcess.FreePort();
        await using (var first = await ServerProcess.StartAsync(database, api, port, scenario.Settings()))
        {
            var killAt = burst.Customers * burst.PerCustomer / 3;
            var killed = 0;
            await burst.PostAsync(first.Address, total =>
            {
                if (total >= killAt && Interlocked.Exchange(ref killed, 1) == 0) first.Kill();
            });
            if (killed == 0) throw new InvalidOperationException("The burst ended before the kill; it proves nothing about a crash.");
        }

        await using (var second = await ServerProcess.StartAsync(database, api, port, scenario.Settings()))
        {
            await burst.PostAsync(second.Address);
            await DrainedAsync(second.Address, timeout);
        }

        return await ReadOutboxAsync(database);
    }

    /// <summary>Polls /metrics until nothing is pending in the inbox or queued in the outbox.</summary>
    private static async Task DrainedAsync(string address, TimeSpan timeout)
    {
        using var http = new HttpClient { BaseAddress = new Uri(address) };
        var deadline = Stopwatch.GetTimestamp() + (long)(timeout.TotalSeconds * Stopwatch.Frequency);
        while (true)
        {
            var metrics = await http.GetStringAsync("/metrics");
            if (Gauge(metrics, "chatrouter_inbox_pending") == 0 && Gauge(metrics, "chatrouter_outbox_queued") == 0) return;
            if (Stopwatch.GetTimestamp() > deadline)
                throw new TimeoutException($"After {timeout.TotalSeconds:0} s the server still had {Gauge(metrics, "chatrouter_inbox_pending")} inbox entries and {Gauge(metrics, "chatrouter_outbox_queued")} outbox entries to finish.");
            await Task.Delay(50);
        }
    }

    private static double Gauge(string metrics, string name) =>
        metrics.Split('\n').Where(l => l.StartsWith(name + " ", StringComparison.Ordinal)).Select(l => double.Parse(l[(name.Length + 1)..], CultureInfo.InvariantCulture)).DefaultIfEmpty(-1).First();

    /// <summary>The outbox as the killed server left it on disk.</summary>
    private static async Task<IReadOnlyList<OutboxEntry>> ReadOutboxAsync(string database)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Storage:Path"] = database }).Build();
        await using var services = new ServiceCollection().AddLiteDbStorage(configuration).BuildServiceProvider();
        return await services.GetRequiredService<IOutboxStore>().ListAsync(null, CancellationToken.None).ToListAsync();
    }
}
