using ChatRouter.Audit;
using ChatRouter.Consents;
using ChatRouter.Conversations;
using ChatRouter.Outbox;
using ChatRouter.Profiles;
using ChatRouter.Scheduling;
using ChatRouter.Testing;

namespace ChatRouter.Storage.Tests.Contract;

/// <summary>Profiles by CRM id and attributes, merging two profiles, erasing one.</summary>
public abstract partial class StoreContract
{
    /// <summary>A turn of another customer: profile <paramref name="id"/> with <paramref name="phone"/>.</summary>
    private static TurnRecord TurnOf(string id, string phone, string text = "hi")
    {
        var turn = Records.Turn(text);
        turn.Profile.Id = id;
        turn.Profile.Phone = phone;
        turn.Profile.Identities = ["whatsapp:" + phone.TrimStart('+')];
        turn.Conversation.Id = Conversation.MakeId("whatsapp", Records.Business, id);
        turn.Conversation.CustomerId = id;
        return turn with { NewMessages = [Records.Message(turn.Conversation.Id, text, MessageAuthor.Customer)] };
    }

    private static ConsentRecord Ledger(string profileId, ConsentState status, int minutes) =>
        ConsentRecord.From(SortableId.Next(Some.Instant.AddMinutes(minutes)), profileId,
            new ConsentEntry(ConsentPurpose.Marketing, status, LawfulBasis.Consent, ConsentSource.Api, "form 77 by ana@example.com", "CRM", Some.Instant.AddMinutes(minutes)));

    [Fact]
    public async Task SaveProfile_ExternalId_IsKeptAndFoundByIt()
    {
        var stores = Open();
        var one = TurnOf("p1", "+16505551234").Profile;
        var two = TurnOf("p2", "+447700900123").Profile;
        (one.ExternalId, two.ExternalId) = ("C-1001", "C-1001");
        await stores.Conversations.SaveProfileAsync(one, [], CancellationToken.None);
        await stores.Conversations.SaveProfileAsync(two, [], CancellationToken.None);

        var cached = await stores.Conversations.GetProfileAsync("p1", CancellationToken.None);
        stores = Reopen(stores);
        var found = await stores.Conversations.FindProfilesByExternalIdAsync("C-1001", CancellationToken.None);

        cached!.ExternalId.Should().Be("C-1001");
        found.Select(p => p.Id).Should().BeEquivalentTo(["p1", "p2"]);
        (await stores.Conversations.FindProfilesByExternalIdAsync("C-9", CancellationToken.None)).Should().BeEmpty();
    }

    [Fact]
    public async Task ListProfiles_ByAttributes_MatchesAsTextAndPagesInIdOrder()
    {
        var stores = Open();
        foreach (var (id, tier, points) in new[] { ("p1", "gold", 120L), ("p2", "silver", 120L), ("p3", "gold", 5L), ("p4", "gold", 120L) })
        {
            var profile = TurnOf(id, "+1650555000" + id[1..]).Profile;
            profile.Attributes["tier"] = tier;
            profile.Attributes["points"] = points;
            await stores.Conversations.SaveProfileAsync(profile, [], CancellationToken.None);
        }

        var query = new ProfileQuery { Attributes = new Dictionary<string, string> { ["tier"] = "gold", ["points"] = "120" } };
        var all = await stores.Conversations.ListProfilesAsync(query, CancellationToken.None).ToListAsync();
        var first = await stores.Conversations.ListProfilesAsync(query with { Limit = 1 }, CancellationToken.None).ToListAsync();
        var next = await stores.Conversations.ListProfilesAsync(query with { After = first[0].Id }, CancellationToken.None).ToListAsync();
        var everyone = await stores.Conversations.ListProfilesAsync(new ProfileQuery(), CancellationToken.None).ToListAsync();

        all.Select(p => p.Id).Should().Equal("p1", "p4");
        first.Select(p => p.Id).Should().Equal("p1");
        next.Select(p => p.Id).Should().Equal("p4");
        everyone.Should().HaveCount(4);
    }

    [Fact]
    public async Task MergeProfiles_MovesHistoryLedgerOutboxAuditAndScheduledSends_ToTheSurvivor()
    {
        var stores = Open();
        var older = TurnOf("old", "+16505551234", "from the old number");
        var newer = TurnOf("new", "+447700900123", "from the new number");
        var oldConversation = older.Conversation.Id;
        var outbox = Records.OutboxEntry("k-old");
        (outbox.ConversationId, outbox.CustomerId) = (oldConversation, "old");
        await stores.Conversations.SaveTurnAsync(older with { Writes = new TurnWrites { Outbox = [outbox], Consents = [Ledger("old", ConsentState.Withdrawn, 5)] } }, CancellationToken.None);
        await stores.Conversations.SaveTurnAsync(newer with { Writes = new TurnWrites { Consents = [Ledger("new", ConsentState.Granted, 1)] } }, CancellationToken.None);
        await stores.Audit.AddAsync([Audit("a-old", customer: "old")], CancellationToken.None);
        await stores.Schedule.AddAsync([Scheduled("s-old", 60, customer: "old")], CancellationToken.None);
        var merged = newer.Profile;
        merged.Identities = [.. merged.Identities, .. older.Profile.Identities];

        await stores.Conversations.MergeProfilesAsync("old", merged, CancellationToken.None);

        stores = Reopen(stores);
        var survivor = Conversation.MakeId("whatsapp", Records.Business, "new");
        (await stores.Conversations.GetProfileAsync("old", CancellationToken.None)).Should().BeNull();
        (await stores.Conversations.GetConversationAsync(oldConversation, CancellationToken.None)).Should().BeNull();
        (await stores.Conversations.FindProfileAsync(["whatsapp:16505551234"], null, CancellationToken.None))!.Id.Should().Be("new");
        (await stores.Conversations.GetMessagesAsync(survivor, 10, CancellationToken.None)).Select(m => m.Text).Should().BeEquivalentTo(["from the old number", "from the new number"]);
        (await stores.Conversations.GetConsentsAsync("new", CancellationToken.None)).Should().HaveCount(2);
        (await stores.Outbox.FindAsync(outbox.Id, CancellationToken.None)).Should().BeEquivalentTo(new { ConversationId = survivor, CustomerId = "new" });
        (await stores.Audit.FindAsync("a-old", CancellationToken.None))!.CustomerId.Should().Be("new");
        (await stores.Schedule.ForCustomerAsync("new", CancellationToken.None)).Select(s => s.Id).Should().Equal("s-old");
    }

    [Fact]
    public async Task MergeProfiles_WithoutAConversationOnTheSurvivor_ReKeysTheOldOne()
    {
        var stores = Open();
        var older = TurnOf("old", "+16505551234");
        older.Conversation.State = "ask_score";
        await stores.Conversations.SaveTurnAsync(older, CancellationToken.None);
        var newer = TurnOf("new", "+447700900123").Profile;
        await stores.Conversations.SaveProfileAsync(newer, [], CancellationToken.None);

        await stores.Conversations.MergeProfilesAsync("old", newer, CancellationToken.None);

        var moved = await stores.Conversations.GetConversationAsync(Conversation.MakeId("whatsapp", Records.Business, "new"), CancellationToken.None);
        moved.Should().BeEquivalentTo(new { CustomerId = "new", State = "ask_score" });
    }

    [Fact]
    public async Task EraseProfile_RemovesTheCustomer_KeepsSentFactsAndTheLedgerPseudonymous()
    {
        var stores = Open();
        var turn = TurnOf("p1", "+16505551234", "my address is 1 Main St");
        var pending = Records.OutboxEntry("pending");
        var sent = Records.OutboxEntry("sent");
        sent.State = OutboxState.Delivered;
        await stores.Conversations.SaveTurnAsync(turn with { Writes = new TurnWrites { Outbox = [pending, sent], Consents = [Ledger("p1", ConsentState.Granted, 1)] } }, CancellationToken.None);
        await stores.Conversations.SaveTurnAsync(TurnOf("p2", "+447700900123", "someone else"), CancellationToken.None);

        var erased = await stores.Conversations.EraseProfileAsync("p1", "erased:abc", CancellationToken.None);

        stores = Reopen(stores);
        erased.Should().Be(new ProfileErasure(Conversations: 1, Messages: 1, Outbox: 2, ConsentEntries: 1));
        (await stores.Conversations.GetProfileAsync("p1", CancellationToken.None)).Should().BeNull();
        (await stores.Conversations.FindProfileAsync(["whatsapp:16505551234"], "+16505551234", CancellationToken.None)).Should().BeNull();
        (await stores.Conversations.GetConversationAsync(turn.Conversation.Id, CancellationToken.None)).Should().BeNull();
        (await stores.Conversations.GetMessagesAsync(turn.Conversation.Id, 10, CancellationToken.None)).Should().BeEmpty();
        (await stores.Outbox.FindAsync(pending.Id, CancellationToken.None)).Should().BeNull();
        (await stores.Outbox.FindAsync(sent.Id, CancellationToken.None)).Should().BeEquivalentTo(new { Text = "", Message = "", To = "erased:abc", State = OutboxState.Delivered });
        (await stores.Conversations.GetConsentsAsync("p1", CancellationToken.None)).Should().ContainSingle().Which.Should().BeEquivalentTo(new { Status = ConsentState.Granted, Evidence = (string?)null });
        (await stores.Conversations.GetProfileAsync("p2", CancellationToken.None)).Should().NotBeNull();
    }

    [Fact]
    public async Task PurgeMessages_OlderThanTheHorizon_DryRunOnlyCounts()
    {
        var stores = Open();
        var turn = Records.Turn("hi");
        var old = Records.Message(turn.Conversation.Id, "old", MessageAuthor.Customer);
        var recent = Records.Message(turn.Conversation.Id, "recent", MessageAuthor.Bot);
        recent.At = Some.Instant.AddDays(10);
        await stores.Conversations.SaveTurnAsync(turn with { NewMessages = [old, recent] }, CancellationToken.None);

        var counted = await stores.Conversations.PurgeMessagesAsync(Some.Instant.AddDays(1), dryRun: true, CancellationToken.None);
        var purged = await stores.Conversations.PurgeMessagesAsync(Some.Instant.AddDays(1), dryRun: false, CancellationToken.None);

        (counted, purged).Should().Be((1, 1));
        (await stores.Conversations.GetMessagesAsync(turn.Conversation.Id, 10, CancellationToken.None)).Select(m => m.Text).Should().Equal("recent");
    }

    [Fact]
    public async Task GetOrAddSetting_TheFirstValueWins_AndOutlivesAReopen()
    {
        var stores = Open();

        var first = await stores.Conversations.GetOrAddSettingAsync("salt", "one", CancellationToken.None);
        var second = await stores.Conversations.GetOrAddSettingAsync("salt", "two", CancellationToken.None);
        stores = Reopen(stores);
        var reopened = await stores.Conversations.GetOrAddSettingAsync("salt", "three", CancellationToken.None);

        (first, second, reopened).Should().Be(("one", "one", "one"));
    }

    [Fact]
    public async Task InboxCountPurgeable_CountsWhatPurgeDeletes()
    {
        var stores = Open();
        await stores.Inbox.AcceptAsync([Records.InboxEntry("done-old"), Records.InboxEntry("pending-old"), Records.InboxEntry("done-new", Some.Instant.AddDays(9))], CancellationToken.None);
        await stores.Inbox.MarkDoneAsync("done-old", Some.Instant, CancellationToken.None);
        await stores.Inbox.MarkDoneAsync("done-new", Some.Instant.AddDays(9), CancellationToken.None);

        var counted = await stores.Inbox.CountPurgeableAsync(Some.Instant.AddDays(8), CancellationToken.None);
        var purged = await stores.Inbox.PurgeAsync(Some.Instant.AddDays(8), CancellationToken.None);

        (counted, purged).Should().Be((1, 1));
    }
}
