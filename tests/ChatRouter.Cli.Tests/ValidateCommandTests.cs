using System.Text.RegularExpressions;
using ChatRouter.Testing;

namespace ChatRouter.Cli.Tests;

public sealed class ValidateCommandTests
{
    [Fact]
    public async Task Validate_BundledFlows_ExitsZeroWithSummary()
    {
        var run = await CliRun.RunAsync("", "validate", "--flows", RepoPaths.Flows);

        run.ExitCode.Should().Be(0);
        run.OutLines.Should().Equal("9 files, 0 errors, 0 warnings");
    }

    [Fact]
    public async Task Validate_BrokenFlowBesideGoodOne_ReportsEveryProblemInContractFormatAndExitsOne()
    {
        using var flows = new FlowFolder();
        flows.Flow("good", new { initial = "s", states = new { s = new { reply = "hi", end = true } } }, new Dictionary<string, string> { ["hi"] = "Hi" });
        flows.Write("bad/flow.json", """
            {
              "id": "bad",
              "version": 1,
              "locales": ["en"],
              "initial": "start",
              "states": { "start": { "reply": "nope", "next": "nowhere" } }
            }
            """);
        flows.Write("bad/en.json", "{}");

        var run = await CliRun.RunAsync("", "validate", "--flows", flows.Path);

        run.ExitCode.Should().Be(1);
        run.OutLines[..^1].Should().OnlyContain(l => Regex.IsMatch(l, @"^.+:\d+:\d+: (error|warning): .+$"));
        run.Out.Should().Contain("bad/flow.json:6:35: error: reply template 'nope' is missing in locale 'en'");
        run.Out.Should().Contain("bad/flow.json:6:51: error: target state 'nowhere' does not exist");
        run.OutLines[^1].Should().Be("2 files, 2 errors, 0 warnings");
    }

    [Fact]
    public async Task Validate_MissingFolder_IsBadUsageWithOneLineOnStderr()
    {
        var run = await CliRun.RunAsync("", "validate", "--flows", "/no/such/folder");

        run.ExitCode.Should().Be(2);
        run.ErrorLines.Should().ContainSingle().Which.Should().Be("chatrouter: /no/such/folder: no such folder; pass --flows DIR");
        run.Out.Should().BeEmpty();
    }

    [Fact]
    public async Task UnknownOption_IsBadUsage()
    {
        var run = await CliRun.RunAsync("", "validate", "--flow", "x");

        run.ExitCode.Should().Be(2);
        run.Error.Should().Contain("--flow");
    }

    [Theory]
    [InlineData("validate")]
    [InlineData("chat")]
    [InlineData("test")]
    public async Task Help_OfEveryVerb_ExitsZero(string verb)
    {
        var run = await CliRun.RunAsync("", verb, "--help");

        run.ExitCode.Should().Be(0);
        run.Out.Should().Contain("--flows");
    }
}
