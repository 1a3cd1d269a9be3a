using ChatRouter.Testing;

namespace ChatRouter.Cli.Tests;

public sealed class TestCommandTests
{
    [Fact]
    public async Task Test_BundledFlowsWithTheBundledModels_AllPass()
    {
        var run = await CliRun.RunAsync("", "test", "--flows", RepoPaths.Flows, "--models", RepoPaths.Models);

        run.ExitCode.Should().Be(0);
        run.OutLines[^1].Should().MatchRegex(@"^\d+ passed, 0 failed$");
        run.OutLines.Should().NotContain(l => l.StartsWith("FAIL", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Test_PassingRunWithSimulatedOutages_PrintsNoErrors_Issue9()
    {
        // The sample data simulates an order service outage, and the bundled tests check the bot's answer to it.
        var run = await CliRun.RunAsync("", "test", "--flows", RepoPaths.Flows, "--models", RepoPaths.Models);

        run.ExitCode.Should().Be(0);
        run.Error.Should().NotContain("error", "an outage a test provokes and expects is not an error of the run");
    }

    [Fact]
    public async Task Test_FailingTest_PrintsFirstDifferenceAndExitsOne()
    {
        using var flows = new FlowFolder();
        flows.Flow("f", new
        {
            @default = true,
            initial = "s",
            states = new { s = new { reply = "hi", end = true } },
        }, new Dictionary<string, string> { ["hi"] = "Hello there" });
        flows.Write("f/f.chat", """
            === says hello
            > hey
            < Hello there

            === wrong expectation
            > hey
            < Good morning
            state: s
            """);

        var run = await CliRun.RunAsync("", "test", "--flows", flows.Path);

        run.ExitCode.Should().Be(1);
        run.OutLines.Should().Equal(
            $"FAIL {flows.Path}/f/f.chat:7: wrong expectation [en]: expected reply \"Good morning\", got \"Hello there\"",
            "1 passed, 1 failed");
    }

    [Fact]
    public async Task Test_MalformedTestFile_ReportsLineAndCountsAsFailure()
    {
        using var flows = new FlowFolder();
        flows.Flow("f", new { @default = true, initial = "s", states = new { s = new { reply = "hi", end = true } } }, new Dictionary<string, string> { ["hi"] = "Hi" });
        flows.Write("f/f.chat", """
            === ok
            > hey
            stat: s
            """);

        var run = await CliRun.RunAsync("", "test", "--flows", flows.Path);

        run.ExitCode.Should().Be(1);
        run.OutLines[0].Should().Be($"{flows.Path}/f/f.chat:3:1: error: unknown line 'stat'; did you mean 'state'?; see docs/flow-authoring.md#conversation-tests");
        run.OutLines[^1].Should().Be("0 passed, 1 failed");
    }

    [Fact]
    public async Task Test_FolderWithoutTests_IsBadUsage()
    {
        using var flows = new FlowFolder();

        var run = await CliRun.RunAsync("", "test", "--flows", flows.Path);

        run.ExitCode.Should().Be(2);
        run.ErrorLines.Should().ContainSingle().Which.Should().Contain("no *.chat test files");
    }
}
