using ChatRouter.Audit;
using ChatRouter.Conversations;
using ChatRouter.Profiles;
using ChatRouter.Review;
using ChatRouter.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace ChatRouter.Cli.Tests;

public sealed class PurgeCommandTests : IDisposable
{
    private readonly TempDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    private Task<string> DatabaseAsync(DateTimeOffset now) => AuditCommandTests.DatabaseAsync(_directory, async stores =>
    {
        var conversation = Conversation.MakeId("whatsapp", "1", "p1");
        ConversationMessage Message(int daysAgo) => new() { Id = SortableId.Next(now), ConversationId = conversation, At = now.AddDays(-daysAgo), Text = "hi" };
        await stores.GetRequiredService<IConversationStore>().SaveTurnAsync(
            new TurnRecord(new CustomerProfile { Id = "p1" }, new Conversation { Id = conversation, CustomerId = "p1" }, [Message(200), Message(190), Message(1)]), CancellationToken.None);
        await stores.GetRequiredService<IAuditStore>().AddAsync(
            [new AuditRecord { Id = "old", At = now.AddDays(-800), CustomerId = "p1" }, new AuditRecord { Id = "new", At = now.AddDays(-1), CustomerId = "p1" }], CancellationToken.None);
        await stores.GetRequiredService<IReviewStore>().AddAsync(
            [new ReviewItem { Id = "r-old", At = now.AddDays(-91), CustomerId = "p1" }, new ReviewItem { Id = "r-new", At = now.AddDays(-89), CustomerId = "p1" }], CancellationToken.None);
    });

    [Fact]
    public async Task Purge_DryRunThenForReal_PrintsTheCountPerCollection_AndOnlyTheRealOneDeletes()
    {
        var db = await DatabaseAsync(TimeProvider.System.GetUtcNow());

        var dry = await CliRun.RunAsync("", "purge", "--db", db, "--dry-run");
        var real = await CliRun.RunAsync("", "purge", "--db", db);
        var again = await CliRun.RunAsync("", "purge", "--db", db, "--dry-run");

        dry.ExitCode.Should().Be(0);
        dry.OutLines.Should().Equal("messages: 2", "audit: 1", "inbox: 0", "review: 1", "dry run: nothing was deleted");
        real.OutLines.Should().Equal("messages: 2", "audit: 1", "inbox: 0", "review: 1");
        again.OutLines.Should().Equal("messages: 0", "audit: 0", "inbox: 0", "review: 0", "dry run: nothing was deleted");
    }

    [Fact]
    public async Task Purge_NoSuchDatabase_ExitsTwoWithOneLine()
    {
        var run = await CliRun.RunAsync("", "purge", "--db", _directory.File("missing.db"));

        run.ExitCode.Should().Be(2);
        run.ErrorLines.Should().ContainSingle().Which.Should().Contain("no such database");
    }
}
