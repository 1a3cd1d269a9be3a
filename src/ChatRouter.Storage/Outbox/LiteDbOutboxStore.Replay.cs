using System.Runtime.CompilerServices;
using ChatRouter.Audit;
using ChatRouter.Outbox;
using ChatRouter.Wire;
using LiteDB;

namespace ChatRouter.Storage.Outbox;

/// <summary>Replay after an outage: failures found by the FailedAt index, verdicts applied in one transaction.</summary>
internal sealed partial class LiteDbOutboxStore
{
    public async IAsyncEnumerable<OutboxEntry> ReplayableAsync(DateTimeOffset since, DateTimeOffset until, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await Task.CompletedTask;
        // Ids first (an outage may fail many thousands), each entry read when its turn comes; ids sort in creation order.
        var ids = file.Database.GetCollection("outbox").Query()
            .Where(Query.And(Query.GTE("FailedAt", new BsonValue(since.UtcDateTime)), Query.LT("FailedAt", new BsonValue(until.UtcDateTime))))
            .Select("{ i: $._id, s: $.State, r: $.RetryableFailure, p: $.ReplayedAt }")
            .ToEnumerable()
            .Where(row => row["s"].AsString == nameof(OutboxState.Failed) && row["r"].IsString && row["p"].IsNull)
            .Select(row => row["i"].AsString)
            .Order(StringComparer.Ordinal)
            .ToList();
        foreach (var id in ids)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (file.Outbox.FindById(id) is { } entry && Replayable(entry)) yield return entry;
        }
    }

    public Task<IReadOnlyList<OutboxEntry>> ReplayAsync(IReadOnlyList<OutboxReplay> verdicts, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(verdicts);
        return file.Writer.WriteAsync<IReadOnlyList<OutboxEntry>>(_ =>
        {
            var changed = new List<OutboxEntry>(verdicts.Count);
            foreach (var verdict in verdicts)
            {
                // Checked inside the transaction: of two overlapping replays, only the first takes an entry.
                if (file.Outbox.FindById(verdict.Id) is not { } entry || !Replayable(entry)) continue;
                Apply(entry, verdict, now);
                file.Outbox.Update(entry);
                if (file.Audit.FindById(entry.Id) is { } record)
                {
                    Follow(record, entry, verdict, now);
                    file.Audit.Update(record);
                }

                changed.Add(entry);
            }

            return changed;
        });
    }

    internal static bool Replayable(OutboxEntry entry) => entry.State == OutboxState.Failed && entry.RetryableFailure is not null && entry.ReplayedAt is null;

    internal static void Apply(OutboxEntry entry, OutboxReplay verdict, DateTimeOffset now)
    {
        entry.ReplayedAt = now;
        if (verdict.WindowExpiresAt is { } window && !(entry.WindowExpiresAt >= window)) entry.WindowExpiresAt = window;
        if (verdict.Requeues)
        {
            // The same entry (same id, so the same audit record and the same place in its customer's order) as a new attempt.
            entry.State = OutboxState.Pending;
            entry.Attempts = 0;
            entry.NextAttemptAt = verdict.NotBefore is { } at && at > now ? at : now;
            entry.ErrorCode = null;
            entry.ErrorReason = null;
            entry.FailedAt = null;
            entry.RetryableFailure = null;
            return;
        }

        entry.ErrorReason = $"not replayed: {verdict.Reason} (had failed: {entry.ErrorReason})";
        if (verdict.Decision == Guardrails.Decision.Suppressed) entry.State = OutboxState.Suppressed;
    }

    internal static void Follow(AuditRecord record, OutboxEntry entry, OutboxReplay verdict, DateTimeOffset now)
    {
        record.Decision = WireName.Of(verdict.Decision);
        record.Reason = verdict.Requeues ? $"replayed after an outage: {verdict.Reason}" : verdict.Reason;
        record.DueAt = verdict.Requeues && entry.NextAttemptAt > now ? entry.NextAttemptAt : null;
        record.Status = AuditStatus.Of(entry.State);
        record.StatusAt = now;
    }
}
