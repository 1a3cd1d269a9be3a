using System.CommandLine;
using ChatRouter.Diagnostics;
using ChatRouter.FlowTests;
using Serilog.Events;

namespace ChatRouter.Cli.Commands;

/// <summary><c>test [--flows DIR] [--tests DIR]</c>: runs the <c>.chat</c> conversation tests; last line <c>N passed, N failed</c>.</summary>
internal static class TestCommand
{
    public static Command Create(CliConsole console)
    {
        var flows = CommonOptions.Flows();
        var models = CommonOptions.Models();
        var tests = new Option<string?>("--tests") { Description = "Folder searched for *.chat files (default: the flows folder)." };
        var command = new Command("test", "Run the conversation tests (*.chat) against the flows.") { flows, tests, models };
        command.SetAction(async (result, cancellationToken) =>
        {
            var flowsDirectory = CommonOptions.ExistingDirectory(result.GetValue(flows)!, "--flows");
            var testsDirectory = CommonOptions.ExistingDirectory(result.GetValue(tests) ?? flowsDirectory, "--tests");
            // A test expects what it provokes (the sample data's simulated outages log errors): only its verdict is printed.
            using var host = EngineHost.Create(flowsDirectory, result.GetValue(models)!, console.Error, LogEventLevel.Fatal, new FixedTimeProvider());
            var diagnostics = new DiagnosticBag();
            diagnostics.AddRange(host.Catalog.Diagnostics.Where(d => d.Severity == Severity.Error));
            var suite = ConversationTestSuite.Discover(testsDirectory, diagnostics);
            foreach (var problem in diagnostics.Items) await console.Out.WriteLineAsync(problem.ToString());
            if (suite.FileCount == 0) throw new UsageException($"{testsDirectory}: no *.chat test files; pass --tests DIR");

            var runner = new ConversationTestRunner(() => host.Open(":memory:"), host.Routing.DefaultLocale);
            var results = await runner.RunAsync(suite, cancellationToken);
            foreach (var failed in results.Where(r => !r.Passed)) await console.Out.WriteLineAsync($"FAIL {failed}");
            var failures = results.Count(r => !r.Passed) + (diagnostics.HasErrors ? 1 : 0);
            await console.Out.WriteLineAsync($"{results.Count(r => r.Passed)} passed, {failures} failed");
            return failures > 0 ? ChatRouterCli.Problems : ChatRouterCli.Success;
        });
        return command;
    }

    /// <summary>Conversation tests see the same clock every run, so dates in replies do not change under them.</summary>
    private sealed class FixedTimeProvider : TimeProvider
    {
        private static readonly DateTimeOffset Instant = new(2026, 1, 15, 12, 0, 0, TimeSpan.Zero);

        public override DateTimeOffset GetUtcNow() => Instant;
    }
}
