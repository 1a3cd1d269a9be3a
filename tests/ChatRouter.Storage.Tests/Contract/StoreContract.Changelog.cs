using ChatRouter.Changelog;
using ChatRouter.Testing;

namespace ChatRouter.Storage.Tests.Contract;

// The changelog store: the latest entry of an item, and entries by time, oldest first.
public abstract partial class InsightStoreContract : StoreContract
{
    private static ChangelogEntry Entry(string id, int minutes, string kind, string item, string hash) => new()
    {
        Id = id, At = Some.Instant.AddMinutes(minutes), Kind = kind, ItemId = item, Hash = hash, Summary = "s",
        Parts = [new ChangelogPart { Name = "state:start", Value = "sha256:ab" }],
    };

    [Fact]
    public async Task ChangelogLatest_IsTheNewestEntryOfThatKindAndItem_AfterAReopen()
    {
        var stores = Open();
        await stores.Changelog.AddAsync(Entry("01", 0, ChangelogKinds.Flow, "order-status", "h1"), CancellationToken.None);
        await stores.Changelog.AddAsync(Entry("02", 1, ChangelogKinds.Flow, "order-status", "h2"), CancellationToken.None);
        await stores.Changelog.AddAsync(Entry("03", 2, ChangelogKinds.Replies, "order-status", "h3"), CancellationToken.None);
        stores = Reopen(stores);

        var latest = await stores.Changelog.LatestAsync(ChangelogKinds.Flow, "order-status", CancellationToken.None);
        var none = await stores.Changelog.LatestAsync(ChangelogKinds.Model, "order-status", CancellationToken.None);

        latest!.Hash.Should().Be("h2");
        latest.Parts.Should().ContainSingle().Which.Name.Should().Be("state:start");
        none.Should().BeNull();
    }

    [Fact]
    public async Task ChangelogList_SinceAnInstant_OldestFirst()
    {
        var stores = Open();
        await stores.Changelog.AddAsync(Entry("02", 5, ChangelogKinds.Model, "en", "b"), CancellationToken.None);
        await stores.Changelog.AddAsync(Entry("01", 0, ChangelogKinds.Flow, "support", "a"), CancellationToken.None);
        await stores.Changelog.AddAsync(Entry("03", 9, ChangelogKinds.WhatsAppTemplate, "nps_survey|en", "c"), CancellationToken.None);

        var all = await stores.Changelog.ListAsync(null, CancellationToken.None);
        var recent = await stores.Changelog.ListAsync(Some.Instant.AddMinutes(5), CancellationToken.None);

        all.Select(e => e.Id).Should().Equal("01", "02", "03");
        recent.Select(e => e.Hash).Should().Equal("b", "c");
    }
}
