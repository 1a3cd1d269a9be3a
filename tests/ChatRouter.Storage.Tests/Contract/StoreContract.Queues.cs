using ChatRouter.Conversations;
using ChatRouter.Inbox;
using ChatRouter.Outbox;
using ChatRouter.Testing;

namespace ChatRouter.Storage.Tests.Contract;

/// <summary>The inbox, outbox, downgrade and handoff-history stores.</summary>
public abstract partial class StoreContract
{
    [Fact]
    public async Task InboxAccept_SeenIdsAndRepeatsWithinABatch_AreStoredOnce()
    {
        var stores = Open();
        await stores.Inbox.AcceptAsync([Records.InboxEntry("a")], CancellationToken.None);

        var accepted = await stores.Inbox.AcceptAsync([Records.InboxEntry("a"), Records.InboxEntry("b"), Records.InboxEntry("b")], CancellationToken.None);

        accepted.Select(e => e.Id).Should().Equal("b");
        (await stores.Inbox.CountAsync(InboxState.Pending, CancellationToken.None)).Should().Be(2);
    }

    [Fact]
    public async Task InboxPending_InArrivalOrder_WithoutProcessedOnes()
    {
        var stores = Open();
        await stores.Inbox.AcceptAsync([Records.InboxEntry("first"), Records.InboxEntry("second"), Records.InboxEntry("third")], CancellationToken.None);
        await stores.Inbox.MarkDoneAsync("second", Some.Instant, CancellationToken.None);

        stores = Reopen(stores);
        var pending = await stores.Inbox.PendingAsync(CancellationToken.None);

        pending.Select(e => e.Id).Should().Equal("first", "third");
    }

    [Fact]
    public async Task InboxRecordFailure_CountsAttempts_ThenParksTheEntry()
    {
        var stores = Open();
        await stores.Inbox.AcceptAsync([Records.InboxEntry("poison")], CancellationToken.None);

        var first = await stores.Inbox.RecordFailureAsync("poison", "boom 1", maxAttempts: 3, CancellationToken.None);
        var second = await stores.Inbox.RecordFailureAsync("poison", "boom 2", maxAttempts: 3, CancellationToken.None);
        var third = await stores.Inbox.RecordFailureAsync("poison", "boom 3", maxAttempts: 3, CancellationToken.None);
        var unknown = await stores.Inbox.RecordFailureAsync("nope", "boom", maxAttempts: 3, CancellationToken.None);

        (first!.State, first.Attempts).Should().Be((InboxState.Pending, 1));
        (second!.State, second.Attempts).Should().Be((InboxState.Pending, 2));
        (third!.State, third.Attempts, third.Error).Should().Be((InboxState.Failed, 3, "boom 3"));
        unknown.Should().BeNull();
        (await stores.Inbox.PendingAsync(CancellationToken.None)).Should().BeEmpty("a parked entry is not replayed");
        (await stores.Inbox.CountAsync(InboxState.Failed, CancellationToken.None)).Should().Be(1);
    }

    [Fact]
    public async Task InboxPurge_DeletesOnlyProcessedEntriesOlderThanTheHorizon()
    {
        var stores = Open();
        await stores.Inbox.AcceptAsync(
            [Records.InboxEntry("old-done", Some.Instant.AddDays(-9)), Records.InboxEntry("old-pending", Some.Instant.AddDays(-9)), Records.InboxEntry("new-done")],
            CancellationToken.None);
        await stores.Inbox.MarkDoneAsync("old-done", Some.Instant, CancellationToken.None);
        await stores.Inbox.MarkDoneAsync("new-done", Some.Instant, CancellationToken.None);

        var purged = await stores.Inbox.PurgeAsync(Some.Instant.AddDays(-8), CancellationToken.None);

        purged.Should().Be(1);
        (await stores.Inbox.FindAsync("old-done", CancellationToken.None)).Should().BeNull();
        (await stores.Inbox.FindAsync("old-pending", CancellationToken.None)).Should().NotBeNull();
        (await stores.Inbox.FindAsync("new-done", CancellationToken.None)).Should().NotBeNull("its redelivery must still be recognised");
    }

    [Fact]
    public async Task OutboxAdd_SameIdempotencyKey_ReturnsTheFirstEntry()
    {
        var stores = Open();
        var first = Records.OutboxEntry("agent:c1:k1");

        var (stored, created) = await stores.Outbox.AddAsync(first, CancellationToken.None);
        var (again, createdAgain) = await stores.Outbox.AddAsync(Records.OutboxEntry("agent:c1:k1"), CancellationToken.None);

        (created, createdAgain).Should().Be((true, false));
        again.Id.Should().Be(stored.Id);
        (await stores.Outbox.FindByIdempotencyKeyAsync("agent:c1:k1", CancellationToken.None))!.Id.Should().Be(first.Id);
    }

    [Fact]
    public async Task OutboxUpdate_AppliesTheChange_AndFindsByProviderId()
    {
        var stores = Open();
        var entry = Records.OutboxEntry("k");
        await stores.Outbox.AddAsync(entry, CancellationToken.None);

        await stores.Outbox.UpdateAsync(entry.Id, e =>
        {
            e.State = OutboxState.Sent;
            e.ProviderMessageId = "wamid.1";
            return true;
        }, CancellationToken.None);
        var unchanged = await stores.Outbox.UpdateByProviderIdAsync("wamid.1", e =>
        {
            e.State = OutboxState.Failed;
            return false;
        }, CancellationToken.None);
        var read = await stores.Outbox.UpdateByProviderIdAsync("wamid.1", e =>
        {
            e.State = OutboxState.Read;
            return true;
        }, CancellationToken.None);

        stores = Reopen(stores);
        unchanged!.Id.Should().Be(entry.Id);
        read!.State.Should().Be(OutboxState.Read);
        (await stores.Outbox.FindByProviderIdAsync("wamid.1", CancellationToken.None))!.State.Should().Be(OutboxState.Read);
        (await stores.Outbox.UpdateAsync("missing", _ => true, CancellationToken.None)).Should().BeNull();
        (await stores.Outbox.PendingAsync(CancellationToken.None)).Should().BeEmpty();
    }

    [Fact]
    public async Task OutboxPendingAndList_OldestFirst_ListFiltersByCreation()
    {
        var stores = Open();
        var older = Records.OutboxEntry("older", at: Some.Instant.AddHours(-2));
        var newer = Records.OutboxEntry("newer", at: Some.Instant);
        await stores.Outbox.AddAsync(newer, CancellationToken.None);
        await stores.Outbox.AddAsync(older, CancellationToken.None);

        var pending = await stores.Outbox.PendingAsync(CancellationToken.None);
        var recent = await stores.Outbox.ListAsync(Some.Instant.AddHours(-1), CancellationToken.None).ToListAsync();
        var conversation = await stores.Outbox.ForConversationAsync(Records.ConversationId, CancellationToken.None);

        pending.Select(e => e.IdempotencyKey).Should().Equal("older", "newer");
        recent.Select(e => e.IdempotencyKey).Should().Equal("newer");
        conversation.Select(e => e.IdempotencyKey).Should().Equal("older", "newer");
    }

    [Fact]
    public async Task DowngradeAdd_OncePerOutboxEntryAndReason_LatestNewestFirst()
    {
        var stores = Open();
        DowngradeRecord Record(string id, string? outbox, string reason) =>
            new() { Id = id, ConversationId = Records.ConversationId, CustomerId = "p1", Reason = reason, Text = "t", Locale = "en", OutboxId = outbox, At = Some.Instant };

        await stores.Downgrades.AddAsync(Record("1", "o1", "window_lapsed"), [], CancellationToken.None);
        await stores.Downgrades.AddAsync(Record("2", "o1", "window_lapsed"), [], CancellationToken.None);
        await stores.Downgrades.AddAsync(Record("3", "o1", "template_unavailable"), [], CancellationToken.None);
        await stores.Downgrades.AddAsync(Record("4", null, "handoff_unclaimed"), [], CancellationToken.None);

        (await stores.Downgrades.LatestAsync(10, CancellationToken.None)).Select(r => r.Id).Should().Equal("4", "3", "1");
        (await stores.Downgrades.ForConversationAsync(Records.ConversationId, CancellationToken.None)).Select(r => r.Id).Should().Equal("1", "3", "4");
    }

    [Fact]
    public async Task HandoffHistorySince_FiltersByRelease()
    {
        var stores = Open();
        foreach (var (id, released) in new[] { ("early", Some.Instant.AddDays(-1)), ("late", Some.Instant) })
        {
            var handoff = new Handoff { Id = id, Status = HandoffStatus.Released, RequestedAt = released.AddMinutes(-5), ReleasedAt = released };
            await stores.Conversations.SaveTurnAsync(Records.Turn("x") with { NewMessages = [], Writes = new TurnWrites { EndedHandoff = HandoffRecord.From(Records.ConversationId, handoff) } }, CancellationToken.None);
        }

        var since = await stores.Handoffs.SinceAsync(Some.Instant.AddHours(-1), CancellationToken.None);

        since.Select(r => r.Id).Should().Equal("late");
    }
}
