using ChatRouter.Conversations;
using ChatRouter.Guardrails;
using ChatRouter.Outbox;
using ChatRouter.Testing;

namespace ChatRouter.Storage.Tests.Contract;

/// <summary>Replay after an outage: which failures qualify, and each taken once with its audit record.</summary>
public abstract partial class StoreContract
{
    private static OutboxEntry Failed(string key, DateTimeOffset failedAt, string? retryable = "Provider")
    {
        var entry = Records.OutboxEntry(key, OutboxOrigin.BusinessEvent, failedAt.AddMinutes(-1));
        entry.State = OutboxState.Failed;
        entry.Attempts = 3;
        entry.ErrorCode = 133004;
        entry.ErrorReason = "gave up after 3 attempts: service unavailable";
        entry.FailedAt = failedAt;
        entry.RetryableFailure = retryable;
        return entry;
    }

    [Fact]
    public async Task OutboxReplayable_RetryableFailuresInTheRange_OldestFirst()
    {
        var stores = Open();
        var outage = Some.Instant;
        var entries = new[]
        {
            Failed("before", outage.AddMinutes(-5)), Failed("first", outage.AddMinutes(10)), Failed("permanent", outage.AddMinutes(10), retryable: null),
            Failed("second", outage.AddMinutes(20)), Failed("after", outage.AddHours(1)), Records.OutboxEntry("pending"),
        };
        // Stored out of creation order: the answer follows the ids (creation), not the store's.
        foreach (var entry in entries.Reverse()) await stores.Outbox.AddAsync(entry, CancellationToken.None);

        stores = Reopen(stores);
        var replayable = await stores.Outbox.ReplayableAsync(outage, outage.AddHours(1), CancellationToken.None).ToListAsync();

        replayable.Select(e => e.IdempotencyKey).Should().Equal("first", "second");
    }

    [Fact]
    public async Task OutboxReplay_RequeuesOrClosesEachOnce_WithItsAuditRecord()
    {
        var stores = Open();
        var requeue = Failed("requeue", Some.Instant);
        var expire = Failed("expire", Some.Instant);
        var record = Audit(requeue.Id, decision: "failed");
        record.Status = "failed";
        await stores.Conversations.SaveTurnAsync(Records.Turn("hi") with { Writes = new TurnWrites { Outbox = [requeue, expire], Audit = [record, Audit(expire.Id, decision: "failed")] } }, CancellationToken.None);
        var now = Some.Instant.AddHours(2);
        OutboxReplay[] verdicts =
        [
            new(requeue.Id, Decision.Sent, "within guardrails", WindowExpiresAt: now.AddHours(24)),
            new(expire.Id, Decision.Expired, "TTL of cart.abandoned ran out"),
        ];

        var changed = await stores.Outbox.ReplayAsync(verdicts, now, CancellationToken.None);
        var again = await stores.Outbox.ReplayAsync(verdicts, now.AddMinutes(1), CancellationToken.None);
        stores = Reopen(stores);
        var queued = await stores.Outbox.FindAsync(requeue.Id, CancellationToken.None);
        var closed = await stores.Outbox.FindAsync(expire.Id, CancellationToken.None);
        var queuedRecord = await stores.Audit.FindAsync(requeue.Id, CancellationToken.None);
        var closedRecord = await stores.Audit.FindAsync(expire.Id, CancellationToken.None);

        changed.Select(e => e.Id).Should().Equal(requeue.Id, expire.Id);
        again.Should().BeEmpty("a message is replayed at most once");
        (queued!.State, queued.Attempts, queued.NextAttemptAt, queued.ReplayedAt, queued.FailedAt, queued.WindowExpiresAt).Should().Be((OutboxState.Pending, 0, now, now, null, now.AddHours(24)));
        (closed!.State, closed.ReplayedAt).Should().Be((OutboxState.Failed, now));
        closed.ErrorReason.Should().StartWith("not replayed: TTL of cart.abandoned ran out");
        (queuedRecord!.Decision, queuedRecord.Status).Should().Be(("sent", "queued"));
        (closedRecord!.Decision, closedRecord.Reason).Should().Be(("expired", "TTL of cart.abandoned ran out"));
        (await stores.Outbox.PendingAsync(CancellationToken.None)).Select(e => e.Id).Should().Equal(requeue.Id);
        (await stores.Outbox.ReplayableAsync(Some.Instant.AddDays(-1), now, CancellationToken.None).ToListAsync()).Should().BeEmpty();
    }
}
