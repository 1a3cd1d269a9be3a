using System.Globalization;
using ChatRouter.Testing.Chaos;

namespace ChatRouter.Benchmarks.Chaos;

/// <summary>
/// <c>chaos</c>: the whole chaos matrix at full size (by default 1,000 messages from 200 customers per scenario,
/// kill -9 included) against the loopback fake Cloud API, printed as a Markdown table. The same scenarios and
/// tally as the tests in tests/ChatRouter.Server.Tests/Chaos, which run them small.
/// </summary>
internal static class ChaosBenchmark
{
    public static async Task<int> RunAsync(string[] args)
    {
        var customers = Arg(args, "--customers", 200);
        var perCustomer = Arg(args, "--per-customer", 5);
        var seed = Arg(args, "--seed", 1);
        var only = Array.IndexOf(args, "--only") is var i and >= 0 && i + 1 < args.Length ? args[i + 1] : null;
        var scenarios = ChaosScenario.Matrix.Where(s => only is null || s.Name == only).ToList();
        if (scenarios.Count == 0)
        {
            Console.Error.WriteLine($"chaos: no scenario '{only}'; the scenarios are: {string.Join(", ", ChaosScenario.Matrix.Select(s => s.Name))}.");
            return 2;
        }

        Console.WriteLine($"chaos: {customers * perCustomer} messages from {customers} customers per scenario, seed {seed}, Outbox:Concurrency {ChaosScenario.Concurrency}; {Environment.ProcessorCount} cores");
        // Not printed: the first run pays for JIT and cold caches, which would make its row look slow.
        await ChaosRun.RunAsync(ChaosScenario.Named("500"), 20, 2, seed, TimeSpan.FromMinutes(1));
        Console.WriteLine(ChaosReport.Header);
        var failures = 0;
        foreach (var scenario in scenarios)
        {
            var report = await ChaosRun.RunAsync(scenario, customers, perCustomer, seed, TimeSpan.FromMinutes(10));
            Console.WriteLine(report.Row());
            var allowed = scenario.Kill ? ChaosScenario.Concurrency : 0;
            if (report.Stuck + report.Unanswered > 0 || report.Duplicates > allowed || report.OrderViolations > 0 || report.Messages != customers * perCustomer) failures++;
        }

        if (failures > 0) Console.Error.WriteLine($"chaos: {failures} scenario(s) broke a promise (stuck, unanswered, duplicated or out of order).");
        return failures == 0 ? 0 : 1;
    }

    private static int Arg(string[] args, string name, int fallback)
    {
        var index = Array.IndexOf(args, name);
        return index >= 0 && index + 1 < args.Length ? int.Parse(args[index + 1], CultureInfo.InvariantCulture) : fallback;
    }
}
