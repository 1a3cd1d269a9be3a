using ChatRouter.Audit;
using ChatRouter.Campaigns;
using ChatRouter.Conversations;
using ChatRouter.Profiles;
using ChatRouter.Storage;
using ChatRouter.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace ChatRouter.Cli.Tests;

public sealed class MigrateCommandTests : IDisposable
{
    private readonly TempDirectory _directory = new();
    private readonly string _connectionString = PostgresServer.Shared.CreateDatabase();

    public void Dispose() => _directory.Dispose();

    [Fact]
    public async Task Migrate_AppliesTheSchemaOnce_ThenReportsItUpToDate()
    {
        var first = await CliRun.RunAsync("", "migrate", "--connection-string", _connectionString);
        var second = await CliRun.RunAsync("", "migrate", "--connection-string", _connectionString);

        first.ExitCode.Should().Be(0);
        first.OutLines.Should().Contain("applied 0001_initial");
        second.ExitCode.Should().Be(0);
        second.OutLines.Should().ContainSingle().Which.Should().StartWith("schema at version ");
    }

    [Fact]
    public async Task MigrateFromLiteDb_CopiesEveryCollection_AndASecondRunCopiesNothing()
    {
        var file = await AuditCommandTests.DatabaseAsync(_directory, async stores =>
        {
            var conversation = Conversation.MakeId("whatsapp", "1", "p1");
            var message = new ConversationMessage { Id = SortableId.Next(Some.Instant), ConversationId = conversation, At = Some.Instant, Text = "مرحبا 📦" };
            await stores.GetRequiredService<IConversationStore>().SaveTurnAsync(
                new TurnRecord(new CustomerProfile { Id = "p1", Identities = ["whatsapp:1"], Phone = "+1" }, new Conversation { Id = conversation, CustomerId = "p1", Slots = { ["n"] = 9L } }, [message]),
                CancellationToken.None);
            await stores.GetRequiredService<IAuditStore>().AddAsync([new AuditRecord { Id = "a1", At = Some.Instant, CustomerId = "p1" }], CancellationToken.None);
            await stores.GetRequiredService<ICampaignStore>().AddAsync(new Campaign { Id = "c1", IdempotencyKey = "k1" }, [.. Enumerable.Range(0, 1500).Select(i => $"+1555{i:D7}")], CancellationToken.None);
        });

        var first = await CliRun.RunAsync("", "migrate", "--connection-string", _connectionString, "--from-litedb", file);
        var second = await CliRun.RunAsync("", "migrate", "--connection-string", _connectionString, "--from-litedb", file);

        first.ExitCode.Should().Be(0, first.Error);
        first.OutLines.Should().Contain(["profiles: 1 copied, 0 already there", "identities: 1 copied, 0 already there", "messages: 1 copied, 0 already there", "audit: 1 copied, 0 already there", "campaign_members: 1500 copied, 0 already there"]);
        second.OutLines.Should().Contain(["profiles: 0 copied, 1 already there", "campaign_members: 0 copied, 1500 already there"]);
        using var stores = new ServiceCollection().AddStorage(new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Storage:Provider"] = "PostgreSQL", ["Storage:ConnectionString"] = _connectionString,
        }).Build()).BuildServiceProvider();
        var profile = await stores.GetRequiredService<IConversationStore>().FindProfileAsync(["whatsapp:1"], null, CancellationToken.None);
        var history = await stores.GetRequiredService<IConversationStore>().GetMessagesAsync(Conversation.MakeId("whatsapp", "1", "p1"), 10, CancellationToken.None);
        var members = await stores.GetRequiredService<ICampaignStore>().MembersAsync("c1", 999, 2, CancellationToken.None);
        profile!.Id.Should().Be("p1");
        history.Single().Text.Should().Be("مرحبا 📦");
        members.Should().Equal("+15550000999", "+15550001000");
    }

    [Fact]
    public async Task Migrate_NoSuchLiteDbFile_ExitsTwoWithOneLine()
    {
        var run = await CliRun.RunAsync("", "migrate", "--connection-string", _connectionString, "--from-litedb", _directory.File("missing.db"));

        run.ExitCode.Should().Be(2);
        run.ErrorLines.Should().ContainSingle().Which.Should().Contain("missing.db: no such LiteDB file");
    }

    [Fact]
    public async Task Migrate_UnreachableServer_ExitsTwoWithOneLineWithoutThePassword()
    {
        var run = await CliRun.RunAsync("", "migrate", "--connection-string", "Host=127.0.0.1;Port=1;Database=x;Username=u;Password=hunter2;Timeout=2");

        run.ExitCode.Should().Be(2);
        run.ErrorLines.Should().ContainSingle().Which.Should().Contain("PostgreSQL at 127.0.0.1:1/x cannot be reached").And.NotContain("hunter2");
    }
}
