using ChatRouter.Audit;
using ChatRouter.Outbox;
using ChatRouter.Storage.Audit;

namespace ChatRouter.Storage.Outbox;

/// <summary>Downgrades in a <see cref="LiteDbFile"/>, with the audit records of their deliveries kept in step in the same writes.</summary>
internal sealed class LiteDbDowngradeStore(LiteDbFile file) : IDowngradeStore
{
    public Task<(DowngradeRecord Record, bool Created)> AddAsync(DowngradeRecord record, IReadOnlyList<AuditRecord> audit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(record);
        ArgumentNullException.ThrowIfNull(audit);
        return file.Writer.WriteAsync(_ =>
        {
            if (record.OutboxId is not null && file.Downgrades.FindOne(r => r.OutboxId == record.OutboxId && r.Reason == record.Reason) is { } known) return (known, false);
            record.Refresh();
            file.Downgrades.Insert(record);
            LiteDbAuditStore.Add(file, audit);
            return (record, true);
        });
    }

    public Task<DowngradeRecord?> FindAsync(string id, CancellationToken cancellationToken) => Task.FromResult<DowngradeRecord?>(file.Downgrades.FindById(id));

    public Task<IReadOnlyList<DowngradeRecord>> LatestAsync(int limit, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<DowngradeRecord>>(file.Downgrades.Query().OrderByDescending(r => r.Id).Limit(limit).ToList());

    public Task<IReadOnlyList<DowngradeRecord>> ForConversationAsync(string conversationId, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<DowngradeRecord>>(file.Downgrades.Find(r => r.ConversationId == conversationId).OrderBy(r => r.Id, StringComparer.Ordinal).ToList());

    public Task<IReadOnlyList<DowngradeRecord>> PendingAsync(CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<DowngradeRecord>>(file.Downgrades.Find(r => r.State == DowngradeState.Pending).OrderBy(r => r.Id, StringComparer.Ordinal).ToList());

    // Read and written on the writer thread, so changes to one downgrade never interleave.
    public Task<DowngradeRecord?> UpdateAsync(string id, Func<DowngradeRecord, bool> change, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(change);
        return file.Writer.WriteAsync(_ =>
        {
            var record = file.Downgrades.FindById(id);
            if (record is null || !change(record)) return record;
            record.Refresh();
            file.Downgrades.Update(record);
            foreach (var delivery in record.Deliveries)
            {
                if (file.Audit.FindById(DowngradeDelivery.AuditId(record.Id, delivery.Connector)) is { } audit && delivery.Follow(audit)) file.Audit.Update(audit);
            }

            return record;
        });
    }
}
