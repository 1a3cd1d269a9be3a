using System.Runtime.CompilerServices;
using ChatRouter.Audit;
using ChatRouter.Outbox;
using static ChatRouter.Storage.Postgres.PgTables;

namespace ChatRouter.Storage.Postgres.Outbox;

/// <summary>The outbox in PostgreSQL: unique by idempotency key, found by provider id; an entry's row is locked while it changes.</summary>
internal sealed partial class PgOutboxStore(PgDatabase db) : IOutboxStore
{
    private const int Page = 500;

    public Task<(OutboxEntry Entry, bool Created)> AddAsync(OutboxEntry entry, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entry);
        return db.WriteAsync(async s =>
        {
            s.Add(OutboxRows.Insert(entry, ignoreExisting: true));
            var stored = (await OutboxRows.ListAsync(s, "WHERE idempotency_key = $1", entry.IdempotencyKey))[0];
            return stored.Id == entry.Id ? (entry, true) : (stored, false);
        }, cancellationToken);
    }

    public Task<IReadOnlyList<OutboxEntry>> PendingAsync(CancellationToken cancellationToken) =>
        db.ReadAsync<IReadOnlyList<OutboxEntry>>(async s => await OutboxRows.ListAsync(s, "WHERE state = 'Pending' ORDER BY id"), cancellationToken);

    public Task<OutboxEntry?> FindAsync(string id, CancellationToken cancellationToken) => db.ReadAsync(s => OutboxRows.FindAsync(s, id), cancellationToken);

    public Task<OutboxEntry?> FindByIdempotencyKeyAsync(string key, CancellationToken cancellationToken) =>
        db.ReadAsync(async s => (await OutboxRows.ListAsync(s, "WHERE idempotency_key = $1", key)).FirstOrDefault(), cancellationToken);

    public Task<OutboxEntry?> FindByProviderIdAsync(string providerMessageId, CancellationToken cancellationToken) =>
        db.ReadAsync(async s => (await OutboxRows.ListAsync(s, "WHERE provider_message_id = $1 ORDER BY id LIMIT 1", providerMessageId)).FirstOrDefault(), cancellationToken);

    public Task<IReadOnlyList<OutboxEntry>> ForConversationAsync(string conversationId, CancellationToken cancellationToken) =>
        db.ReadAsync<IReadOnlyList<OutboxEntry>>(async s => await OutboxRows.ListAsync(s, "WHERE conversation_id = $1 ORDER BY id", conversationId), cancellationToken);

    // The row is locked (FOR UPDATE) until the change commits, so changes to one entry never interleave, on any server.
    public Task<OutboxEntry?> UpdateAsync(string id, Func<OutboxEntry, bool> change, CancellationToken cancellationToken) =>
        db.WriteAsync(async s => await ApplyAsync(s, await OutboxRows.FindAsync(s, id, forUpdate: true), change), cancellationToken);

    public Task<OutboxEntry?> UpdateByProviderIdAsync(string providerMessageId, Func<OutboxEntry, bool> change, CancellationToken cancellationToken) =>
        db.WriteAsync(async s =>
            await ApplyAsync(s, (await OutboxRows.ListAsync(s, "WHERE provider_message_id = $1 ORDER BY id LIMIT 1 FOR UPDATE", providerMessageId)).FirstOrDefault(), change),
            cancellationToken);

    public async IAsyncEnumerable<OutboxEntry> ListAsync(DateTimeOffset? since, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        // A page at a time by id (ids sort in creation order), so a long export holds no connection between pages.
        var after = "";
        while (true)
        {
            var page = await db.ReadAsync(s => since is { } from
                ? OutboxRows.ListAsync(s, "WHERE id > $1 AND created_at >= $2 ORDER BY id LIMIT $3", after, from, Page)
                : OutboxRows.ListAsync(s, "WHERE id > $1 ORDER BY id LIMIT $2", after, Page), cancellationToken);
            foreach (var entry in page)
            {
                cancellationToken.ThrowIfCancellationRequested();
                yield return entry;
            }

            if (page.Count < Page) yield break;
            after = page[^1].Id;
        }
    }

    private static async Task<OutboxEntry?> ApplyAsync(PgSession s, OutboxEntry? entry, Func<OutboxEntry, bool> change)
    {
        if (entry is null || !change(entry)) return entry;
        s.Add(OutboxRows.Upsert(entry));
        // The audit record follows its entry in the same transaction, so the two never disagree.
        if (await AuditRows.FindAsync(s, entry.Id, forUpdate: true) is { } record && AuditStatus.Follow(record, entry, entry.NextAttemptAt)) s.Add(AuditRows.Upsert(record));
        return entry;
    }
}
