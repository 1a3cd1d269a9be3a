using ChatRouter.Testing;

namespace ChatRouter.Cli.Tests;

public sealed class ServeCommandTests
{
    [Fact]
    public async Task Serve_InvalidConfiguration_NamesEverySectionOnOneLineEachAndExitsTwo()
    {
        using var directory = new TempDirectory();

        var run = await CliRun.RunAsync("", "serve", "--urls", "http://127.0.0.1:0", "--db", directory.File("chatrouter.db"),
            "--Outbox:MessagesPerSecond=-5", "--Handoff:UnclaimedTimeout=-00:01:00");

        run.ExitCode.Should().Be(2);
        var lines = run.ErrorLines.Where(l => l.StartsWith("chatrouter: configuration: ", StringComparison.Ordinal)).ToList();
        lines.Should().HaveCount(2);
        lines.Should().ContainSingle(l => l.Contains("OutboxOptions") && l.Contains("MessagesPerSecond"));
        lines.Should().ContainSingle(l => l.Contains("HandoffOptions") && l.Contains("UnclaimedTimeout"));
        run.Error.Should().NotContain("   at ", "a configuration mistake is not a crash: no stack trace");
    }
}
