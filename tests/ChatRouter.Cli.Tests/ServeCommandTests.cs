using ChatRouter.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using ChatRouter.Conversations;
using ChatRouter.Storage;

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

    [Fact]
    public async Task Serve_NoFlowsFolder_ExitsTwoWithOneLine_Issue9()
    {
        using var directory = new TempDirectory();
        var missing = directory.File("no-such-flows");

        var run = await CliRun.RunAsync("", "serve", "--urls", "http://127.0.0.1:0", "--db", directory.File("chatrouter.db"), "--Flows:Path=" + missing);

        run.ExitCode.Should().Be(2);
        run.ErrorLines.Should().ContainSingle().Which.Should().Contain(missing).And.Contain("Flows:Path");
        run.Error.Should().NotContain("   at ");
    }

    [Fact]
    public async Task Serve_DatabaseHeldByAnotherProcess_ExitsTwoNamingTheFile_Issue9()
    {
        using var directory = new TempDirectory();
        var database = directory.File("chatrouter.db");
        await using var held = new FileStream(database, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None);

        var run = await CliRun.RunAsync("", "serve", "--urls", "http://127.0.0.1:0", "--db", database, "--Flows:Path=" + RepoPaths.Flows);

        run.ExitCode.Should().Be(2);
        run.ErrorLines.Should().ContainSingle().Which.Should().Contain(database).And.Contain("another process");
        run.Error.Should().NotContain("   at ");
    }

    [Theory]
    [InlineData("wrong-password")]
    [InlineData(null)]
    public async Task Serve_WrongOrMissingStoragePassword_ExitsTwoWithOneLine_Issue9(string? password)
    {
        using var directory = new TempDirectory();
        var database = directory.File("chatrouter.db");
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Storage:Path"] = database, ["Storage:Password"] = "the-right-one" })
            .Build();
        using (var services = new ServiceCollection().AddLiteDbStorage(configuration).BuildServiceProvider())
        {
            _ = services.GetRequiredService<IConversationStore>();
        }

        string[] args = ["serve", "--urls", "http://127.0.0.1:0", "--db", database, "--Flows:Path=" + RepoPaths.Flows];
        var run = await CliRun.RunAsync("", password is null ? args : [.. args, "--Storage:Password=" + password]);

        run.ExitCode.Should().Be(2);
        run.ErrorLines.Should().ContainSingle().Which.Should().Contain(database).And.Contain("Storage:Password").And.NotContain("the-right-one");
        run.Error.Should().NotContain("   at ");
    }

    [Fact]
    public async Task Serve_PostgreSqlUnreachable_ExitsTwoWithOneLineWithoutThePassword()
    {
        var run = await CliRun.RunAsync("", "serve", "--urls", "http://127.0.0.1:0", "--Flows:Path=" + RepoPaths.Flows, "--Storage:Provider=PostgreSQL",
            "--Storage:ConnectionString=Host=127.0.0.1;Port=1;Database=chatrouter;Username=chatrouter;Password=pg-s3cret;Timeout=2");

        run.ExitCode.Should().Be(2);
        run.ErrorLines.Should().ContainSingle().Which.Should().Contain("PostgreSQL at 127.0.0.1:1/chatrouter cannot be reached").And.Contain("Storage:ConnectionString");
        run.Error.Should().NotContain("pg-s3cret").And.NotContain("   at ");
    }

    [Theory]
    [InlineData("--Storage:Provider=Oracle", "Storage:Provider 'Oracle' is not a storage provider")]
    [InlineData("--Storage:Provider=PostgreSQL", "Storage:ConnectionString is not set")]
    public async Task Serve_BadStorageProviderSettings_ExitTwoNamingTheKey(string setting, string expected)
    {
        var run = await CliRun.RunAsync("", "serve", "--urls", "http://127.0.0.1:0", "--Flows:Path=" + RepoPaths.Flows, setting);

        run.ExitCode.Should().Be(2);
        run.ErrorLines.Should().ContainSingle().Which.Should().Contain(expected);
    }
}
