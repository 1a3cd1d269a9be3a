using ChatRouter.Audit;
using ChatRouter.Conversations;
using ChatRouter.Inbox;
using ChatRouter.Review;
using ChatRouter.Server.Retention;
using ChatRouter.Storage;
using ChatRouter.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace ChatRouter.Server.Tests.Retention;

/// <summary>One purge pass with the default horizons: messages 180 days, audit 730 days, review 90 days, the inbox its own 8.</summary>
public sealed class RetentionPurgeTests : IDisposable
{
    private readonly ServiceProvider _stores = new ServiceCollection()
        .AddLiteDbStorage(new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Storage:Path"] = ":memory:" }).Build())
        .BuildServiceProvider();

    public void Dispose() => _stores.Dispose();

    private T Store<T>() where T : notnull => _stores.GetRequiredService<T>();

    private RetentionPurge Purge() =>
        new(Store<IConversationStore>(), Store<IAuditStore>(), Store<IInboxStore>(), Store<IReviewStore>(), new RetentionOptions(), TimeSpan.FromDays(8));

    private async Task SeedAsync(DateTimeOffset at)
    {
        var conversation = Conversation.MakeId("whatsapp", "1", "p1");
        var message = new ConversationMessage { Id = SortableId.Next(at), ConversationId = conversation, At = at, Text = "hi" };
        var profile = new Profiles.CustomerProfile { Id = "p1", Phone = "+442079460958" };
        await Store<IConversationStore>().SaveTurnAsync(new TurnRecord(profile, new Conversation { Id = conversation, CustomerId = "p1" }, [message]), CancellationToken.None);
        await Store<IAuditStore>().AddAsync([new AuditRecord { Id = SortableId.Next(at), At = at, CustomerId = "p1", Decision = "sent" }], CancellationToken.None);
        await Store<IInboxStore>().AcceptAsync([new InboxEntry { Id = "in-" + at.Ticks, Order = SortableId.Next(at), Kind = "message", ReceivedAt = at }], CancellationToken.None);
        await Store<IInboxStore>().MarkDoneAsync("in-" + at.Ticks, at, CancellationToken.None);
        await Store<IReviewStore>().AddAsync([new ReviewItem { Id = SortableId.Next(at), At = at, CustomerId = "p1", Text = "asdf", Locale = "en" }], CancellationToken.None);
    }

    [Fact]
    public async Task Run_WithTheDefaults_EachCollectionKeepsItsOwnHorizon_ADryRunOnlyCounts()
    {
        var now = Some.Instant.AddDays(1000);
        foreach (var age in new[] { 7, 89, 91, 179, 181, 729, 731 }) await SeedAsync(now.AddDays(-age));

        var dry = await Purge().RunAsync(now, dryRun: true, includeInbox: true, CancellationToken.None);
        var done = await Purge().RunAsync(now, dryRun: false, includeInbox: true, CancellationToken.None);
        var again = await Purge().RunAsync(now, dryRun: false, includeInbox: false, CancellationToken.None);

        dry.Should().Be(new RetentionCounts(Messages: 3, Audit: 1, Inbox: 6, Review: 5));
        done.Should().Be(dry);
        again.Should().Be(new RetentionCounts(0, 0, null));
    }
}
