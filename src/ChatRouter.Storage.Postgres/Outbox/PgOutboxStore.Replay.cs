using System.Runtime.CompilerServices;
using ChatRouter.Audit;
using ChatRouter.Outbox;
using ChatRouter.Storage.Outbox;
using static ChatRouter.Storage.Postgres.PgTables;

namespace ChatRouter.Storage.Postgres.Outbox;

/// <summary>Replay after an outage: failures found by the failed_at index, verdicts applied in one transaction.</summary>
internal sealed partial class PgOutboxStore
{
    private const string ReplayableCondition = "state = 'Failed' AND doc ? 'RetryableFailure' AND NOT doc ? 'ReplayedAt'";

    public async IAsyncEnumerable<OutboxEntry> ReplayableAsync(DateTimeOffset since, DateTimeOffset until, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var after = "";
        while (true)
        {
            var page = await db.ReadAsync(s => OutboxRows.ListAsync(s,
                $"WHERE failed_at >= $1 AND failed_at < $2 AND id > $3 AND {ReplayableCondition} ORDER BY id LIMIT $4", since, until, after, Page), cancellationToken);
            foreach (var entry in page.Where(Replayable))
            {
                cancellationToken.ThrowIfCancellationRequested();
                yield return entry;
            }

            if (page.Count < Page) yield break;
            after = page[^1].Id;
        }
    }

    public Task<IReadOnlyList<OutboxEntry>> ReplayAsync(IReadOnlyList<OutboxReplay> verdicts, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(verdicts);
        return db.WriteAsync<IReadOnlyList<OutboxEntry>>(async s =>
        {
            var changed = new List<OutboxEntry>(verdicts.Count);
            foreach (var verdict in verdicts)
            {
                // Checked under the row lock: of two overlapping replays, only the first takes an entry.
                if (await OutboxRows.FindAsync(s, verdict.Id, forUpdate: true) is not { } entry || !Replayable(entry)) continue;
                Apply(entry, verdict, now);
                s.Add(OutboxRows.Upsert(entry));
                if (await AuditRows.FindAsync(s, entry.Id, forUpdate: true) is { } record)
                {
                    Follow(record, entry, verdict, now);
                    s.Add(AuditRows.Upsert(record));
                }

                changed.Add(entry);
            }

            return changed;
        }, cancellationToken);
    }

    // What a replay may take, and what it changes, are the LiteDB store's rules: one place for both providers.
    private static bool Replayable(OutboxEntry entry) => LiteDbOutboxStore.Replayable(entry);

    private static void Apply(OutboxEntry entry, OutboxReplay verdict, DateTimeOffset now) => LiteDbOutboxStore.Apply(entry, verdict, now);

    private static void Follow(AuditRecord record, OutboxEntry entry, OutboxReplay verdict, DateTimeOffset now) => LiteDbOutboxStore.Follow(record, entry, verdict, now);
}
