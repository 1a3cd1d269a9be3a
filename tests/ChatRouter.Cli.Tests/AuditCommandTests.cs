using System.Text.Json;
using ChatRouter.Audit;
using ChatRouter.Storage;
using ChatRouter.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace ChatRouter.Cli.Tests;

public sealed class AuditCommandTests : IDisposable
{
    private readonly TempDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    /// <summary>A database file with what <paramref name="seed"/> stores, closed again.</summary>
    internal static async Task<string> DatabaseAsync(TempDirectory directory, Func<IServiceProvider, Task> seed)
    {
        var path = directory.File("chatrouter.db");
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Storage:Path"] = path }).Build();
        await using var stores = new ServiceCollection().AddLiteDbStorage(configuration).BuildServiceProvider();
        stores.GetRequiredService<ChatRouter.Conversations.IConversationStore>();
        await seed(stores);
        return path;
    }

    private static AuditRecord Record(string id, DateTimeOffset at) => new()
    {
        Id = id, At = at, CustomerId = "p1", Customer = "+442079460958", Channel = "whatsapp", BusinessNumber = "106540352242922",
        Kind = AuditKinds.Reply, Purpose = "conversation:welcome", Decision = "sent", Status = "delivered", Flow = new AuditFlow { Id = "welcome", Version = 2 },
    };

    [Fact]
    public async Task Export_WritesOneJsonRecordPerLine_OldestFirst_BetweenSinceAndUntil()
    {
        var db = await DatabaseAsync(_directory, stores => stores.GetRequiredService<IAuditStore>().AddAsync(
            [Record("a3", Some.Instant.AddDays(2)), Record("a1", Some.Instant), Record("a2", Some.Instant.AddDays(1))], CancellationToken.None));

        var all = await CliRun.RunAsync("", "audit", "export", "--db", db);
        var some = await CliRun.RunAsync("", "audit", "export", "--db", db, "--since", "2026-01-16T00:00:00Z", "--until", "2026-01-17T00:00:00Z");

        all.ExitCode.Should().Be(0);
        all.OutLines.Select(l => JsonDocument.Parse(l).RootElement.GetProperty("id").GetString()).Should().Equal("a1", "a2", "a3");
        var first = JsonDocument.Parse(all.OutLines[0]).RootElement;
        first.GetProperty("customer").GetString().Should().Be("+442079460958");
        first.GetProperty("flow").GetProperty("version").GetInt32().Should().Be(2);
        first.GetProperty("template").ValueKind.Should().Be(JsonValueKind.Null);
        some.OutLines.Select(l => JsonDocument.Parse(l).RootElement.GetProperty("id").GetString()).Should().Equal("a2");
    }

    [Fact]
    public async Task Export_NoSuchDatabase_ExitsTwoWithOneLine_AndCreatesNothing()
    {
        var missing = _directory.File("nope.db");

        var run = await CliRun.RunAsync("", "audit", "export", "--db", missing);

        run.ExitCode.Should().Be(2);
        run.ErrorLines.Should().ContainSingle().Which.Should().Contain(missing).And.Contain("--db");
        File.Exists(missing).Should().BeFalse();
    }

    [Fact]
    public async Task Export_DatabaseHeldByAnotherProcess_ExitsTwoWithOneLine()
    {
        var db = await DatabaseAsync(_directory, _ => Task.CompletedTask);
        await using var held = new FileStream(db, FileMode.Open, FileAccess.ReadWrite, FileShare.None);

        var run = await CliRun.RunAsync("", "audit", "export", "--db", db);

        run.ExitCode.Should().Be(2);
        run.ErrorLines.Should().ContainSingle().Which.Should().Contain("another process");
        run.Error.Should().NotContain("   at ");
    }

    [Fact]
    public async Task Export_NotAnInstant_ExitsTwoNamingTheOption()
    {
        var db = await DatabaseAsync(_directory, _ => Task.CompletedTask);

        var run = await CliRun.RunAsync("", "audit", "export", "--db", db, "--since", "last week");

        run.ExitCode.Should().Be(2);
        run.ErrorLines.Should().ContainSingle().Which.Should().Contain("--since").And.Contain("ISO 8601");
    }
}
