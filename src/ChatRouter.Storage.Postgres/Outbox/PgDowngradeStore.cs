using ChatRouter.Audit;
using ChatRouter.Outbox;
using ChatRouter.Storage.Postgres.Audit;
using static ChatRouter.Storage.Postgres.PgTables;

namespace ChatRouter.Storage.Postgres.Outbox;

/// <summary>Downgrades in PostgreSQL, unique per outbox entry and reason, with their deliveries' audit records kept in step.</summary>
internal sealed class PgDowngradeStore(PgDatabase db) : IDowngradeStore
{
    public Task<(DowngradeRecord Record, bool Created)> AddAsync(DowngradeRecord record, IReadOnlyList<AuditRecord> audit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(record);
        ArgumentNullException.ThrowIfNull(audit);
        return db.WriteAsync(async s =>
        {
            record.Refresh();
            // The unique (outbox_id, reason) index decides between two servers adding the same downgrade.
            if (await s.ExecuteBatchAsync(DowngradeRows.Insert(record, ignoreExisting: true)) == 0)
            {
                var known = await DowngradeRows.ListAsync(s, "WHERE outbox_id = $1 AND reason = $2", record.OutboxId, record.Reason);
                return (known[0], false);
            }

            PgAuditStore.Add(s, audit);
            return (record, true);
        }, cancellationToken);
    }

    public Task<DowngradeRecord?> FindAsync(string id, CancellationToken cancellationToken) => db.ReadAsync(s => DowngradeRows.FindAsync(s, id), cancellationToken);

    public Task<IReadOnlyList<DowngradeRecord>> LatestAsync(int limit, CancellationToken cancellationToken) =>
        db.ReadAsync<IReadOnlyList<DowngradeRecord>>(async s => await DowngradeRows.ListAsync(s, "ORDER BY id DESC LIMIT $1", limit), cancellationToken);

    public Task<IReadOnlyList<DowngradeRecord>> ForConversationAsync(string conversationId, CancellationToken cancellationToken) =>
        db.ReadAsync<IReadOnlyList<DowngradeRecord>>(async s => await DowngradeRows.ListAsync(s, "WHERE conversation_id = $1 ORDER BY id", conversationId), cancellationToken);

    public Task<IReadOnlyList<DowngradeRecord>> PendingAsync(CancellationToken cancellationToken) =>
        db.ReadAsync<IReadOnlyList<DowngradeRecord>>(async s => await DowngradeRows.ListAsync(s, "WHERE state = 'Pending' ORDER BY id"), cancellationToken);

    public Task<DowngradeRecord?> UpdateAsync(string id, Func<DowngradeRecord, bool> change, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(change);
        return db.WriteAsync(async s =>
        {
            var record = await DowngradeRows.FindAsync(s, id, forUpdate: true);
            if (record is null || !change(record)) return record;
            record.Refresh();
            s.Add(DowngradeRows.Upsert(record));
            foreach (var delivery in record.Deliveries)
            {
                if (await AuditRows.FindAsync(s, DowngradeDelivery.AuditId(record.Id, delivery.Connector), forUpdate: true) is { } audit && delivery.Follow(audit)) s.Add(AuditRows.Upsert(audit));
            }

            return record;
        }, cancellationToken);
    }
}
