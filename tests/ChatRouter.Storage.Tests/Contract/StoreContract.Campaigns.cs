using System.Globalization;
using ChatRouter.Audit;
using ChatRouter.Campaigns;
using ChatRouter.Profiles;
using ChatRouter.Testing;

namespace ChatRouter.Storage.Tests.Contract;

/// <summary>Campaigns, their audiences (phone lists, profiles by attribute) and their counts in the audit.</summary>
public abstract partial class StoreContract
{
    private static Campaign Campaign(string id, string key, int audience = 3) => new()
    {
        Id = id,
        IdempotencyKey = key,
        Name = "Gold cart recovery",
        EventType = "cart.abandoned",
        Data = new Dictionary<string, object?>(StringComparer.Ordinal) { ["coupon"] = "GOLD10", ["percent"] = 10L, ["cart"] = new Dictionary<string, object?> { ["items"] = 2L } },
        BusinessNumber = Records.Business,
        SendAtLocalTime = "10:00",
        Audience = audience,
        CreatedAt = Some.Instant,
    };

    private static List<string> Phones(int count) => [.. Enumerable.Range(0, count).Select(i => string.Create(CultureInfo.InvariantCulture, $"+1555{i:D7}"))];

    [Fact]
    public async Task CampaignAdd_SameKeyTwice_KeepsTheFirstWithItsPhonesInOrder()
    {
        var stores = Open();
        var phones = Phones(2_503);

        var (first, created) = await stores.Campaigns.AddAsync(Campaign("c1", "key-1", phones.Count), phones, CancellationToken.None);
        var (again, createdAgain) = await stores.Campaigns.AddAsync(Campaign("c2", "key-1"), Phones(1), CancellationToken.None);
        stores = Reopen(stores);
        var stored = await stores.Campaigns.FindAsync("c1", CancellationToken.None);
        var head = await stores.Campaigns.MembersAsync("c1", 0, 3, CancellationToken.None);
        var acrossChunks = await stores.Campaigns.MembersAsync("c1", 998, 5, CancellationToken.None);
        var tail = await stores.Campaigns.MembersAsync("c1", 2_500, 10, CancellationToken.None);
        var past = await stores.Campaigns.MembersAsync("c1", 2_503, 10, CancellationToken.None);

        (created, createdAgain, first.Id, again.Id).Should().Be((true, false, "c1", "c1"));
        (await stores.Campaigns.FindAsync("c2", CancellationToken.None)).Should().BeNull();
        stored!.Data["coupon"].Should().Be("GOLD10");
        stored.Data["percent"].Should().Be(10L);
        (stored.SendAtLocalTime, stored.Audience, stored.State, stored.CreatedAt).Should().Be(("10:00", 2_503, CampaignState.Expanding, Some.Instant));
        head.Should().Equal(phones[..3]);
        acrossChunks.Should().Equal(phones[998..1003]);
        tail.Should().Equal(phones[2500..]);
        past.Should().BeEmpty();
    }

    [Fact]
    public async Task CampaignUpdate_RecordsProgress_ExpandingListsOnlyUnfinished()
    {
        var stores = Open();
        await stores.Campaigns.AddAsync(Campaign("c1", "k1"), Phones(3), CancellationToken.None);
        var byAttributes = Campaign("c2", "k2");
        byAttributes.Attributes = new Dictionary<string, string>(StringComparer.Ordinal) { ["tier"] = "gold" };
        await stores.Campaigns.AddAsync(byAttributes, [], CancellationToken.None);

        var updated = await stores.Campaigns.UpdateAsync("c1", c =>
        {
            c.Expanded = 3;
            c.State = CampaignState.Expanded;
            c.ExpandedAt = Some.Instant.AddMinutes(1);
            return true;
        }, CancellationToken.None);
        await stores.Campaigns.UpdateAsync("c2", c =>
        {
            c.Cursor = "profile-9";
            return true;
        }, CancellationToken.None);
        stores = Reopen(stores);
        var expanding = await stores.Campaigns.ExpandingAsync(CancellationToken.None);

        updated!.State.Should().Be(CampaignState.Expanded);
        expanding.Select(c => (c.Id, c.Cursor, c.Attributes!["tier"])).Should().Equal(("c2", "profile-9", "gold"));
        (await stores.Campaigns.UpdateAsync("missing", _ => true, CancellationToken.None)).Should().BeNull();
    }

    [Fact]
    public async Task AuditCountCampaign_CountsThatCampaignsRecordsByDecisionAndStatus()
    {
        var stores = Open();
        AuditRecord Member(string id, string decision, string? status, string campaign = "c1")
        {
            var record = Audit(id, decision: decision);
            record.CampaignId = campaign;
            record.Status = status;
            return record;
        }

        await stores.Audit.AddAsync(
        [
            Member("a1", "sent", "read"), Member("a2", "sent", "delivered"), Member("a3", "sent", "sent"),
            Member("a4", "deferred", "queued"), Member("a5", "suppressed", null), Member("a6", "failed", "failed"),
            Member("b1", "sent", "read", campaign: "c2"), Audit("none"),
        ], CancellationToken.None);

        stores = Reopen(stores);
        var counts = await stores.Audit.CountCampaignAsync("c1", CancellationToken.None);
        var nothing = await stores.Audit.CountCampaignAsync("c9", CancellationToken.None);

        counts.Decisions.Should().BeEquivalentTo(new Dictionary<string, int> { ["sent"] = 3, ["deferred"] = 1, ["suppressed"] = 1, ["failed"] = 1 });
        (counts.Delivered, counts.Read, counts.Failed).Should().Be((2, 1, 1));
        nothing.Decisions.Should().BeEmpty();
    }

    [Fact]
    public async Task ListProfiles_ByAttributes_InIdOrder_PagesAfterAnId()
    {
        var stores = Open();
        foreach (var (id, tier, points) in new[] { ("p3", "gold", 120L), ("p1", "gold", 5L), ("p2", "silver", 120L), ("p4", "gold", 120L) })
        {
            var profile = new CustomerProfile { Id = id, Phone = "+1555000000" + id[1..], CreatedAt = Some.Instant };
            profile.Attributes["tier"] = tier;
            profile.Attributes["points"] = points;
            await stores.Conversations.SaveProfileAsync(profile, [], CancellationToken.None);
        }

        stores = Reopen(stores);
        var gold = await stores.Conversations.ListProfilesAsync(new ProfileQuery { Attributes = new Dictionary<string, string> { ["tier"] = "gold" } }, CancellationToken.None).ToListAsync();
        var rich = await stores.Conversations.ListProfilesAsync(new ProfileQuery { Attributes = new Dictionary<string, string> { ["tier"] = "gold", ["points"] = "120" } }, CancellationToken.None).ToListAsync();
        var page = await stores.Conversations.ListProfilesAsync(new ProfileQuery { Attributes = new Dictionary<string, string> { ["tier"] = "gold" }, After = "p1", Limit = 1 }, CancellationToken.None).ToListAsync();

        gold.Select(p => p.Id).Should().Equal("p1", "p3", "p4");
        rich.Select(p => p.Id).Should().Equal("p3", "p4");
        page.Select(p => p.Id).Should().Equal("p3");
    }
}
