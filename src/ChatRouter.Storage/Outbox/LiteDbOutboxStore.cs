using System.Runtime.CompilerServices;
using ChatRouter.Audit;
using ChatRouter.Outbox;

namespace ChatRouter.Storage.Outbox;

/// <summary>The outbox in a <see cref="LiteDbFile"/>: unique by idempotency key, found by provider id.</summary>
internal sealed partial class LiteDbOutboxStore(LiteDbFile file) : IOutboxStore
{
    public Task<(OutboxEntry Entry, bool Created)> AddAsync(OutboxEntry entry, CancellationToken cancellationToken) =>
        file.Writer.WriteAsync(_ =>
        {
            var existing = file.Outbox.FindOne(e => e.IdempotencyKey == entry.IdempotencyKey);
            if (existing is not null) return (existing, false);
            file.Outbox.Insert(entry);
            return (entry, true);
        });

    public Task<IReadOnlyList<OutboxEntry>> PendingAsync(CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<OutboxEntry>>(file.Outbox.Find(e => e.State == OutboxState.Pending).OrderBy(e => e.Id, StringComparer.Ordinal).ToList());

    public Task<OutboxEntry?> FindAsync(string id, CancellationToken cancellationToken) => Task.FromResult<OutboxEntry?>(file.Outbox.FindById(id));

    public Task<OutboxEntry?> FindByIdempotencyKeyAsync(string key, CancellationToken cancellationToken) =>
        Task.FromResult<OutboxEntry?>(file.Outbox.FindOne(e => e.IdempotencyKey == key));

    public Task<OutboxEntry?> FindByProviderIdAsync(string providerMessageId, CancellationToken cancellationToken) =>
        Task.FromResult<OutboxEntry?>(file.Outbox.FindOne(e => e.ProviderMessageId == providerMessageId));

    public Task<IReadOnlyList<OutboxEntry>> ForConversationAsync(string conversationId, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<OutboxEntry>>(file.Outbox.Find(e => e.ConversationId == conversationId).OrderBy(e => e.Id, StringComparer.Ordinal).ToList());

    // Read and written on the writer thread, so changes to one entry never interleave.
    public Task<OutboxEntry?> UpdateAsync(string id, Func<OutboxEntry, bool> change, CancellationToken cancellationToken) =>
        file.Writer.WriteAsync(_ => Apply(file.Outbox.FindById(id), change));

    public Task<OutboxEntry?> UpdateByProviderIdAsync(string providerMessageId, Func<OutboxEntry, bool> change, CancellationToken cancellationToken) =>
        file.Writer.WriteAsync(_ => Apply(file.Outbox.FindOne(e => e.ProviderMessageId == providerMessageId), change));

    public async IAsyncEnumerable<OutboxEntry> ListAsync(DateTimeOffset? since, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await Task.CompletedTask;
        var entries = since is { } from ? file.Outbox.Find(e => e.CreatedAt >= from) : file.Outbox.FindAll();
        foreach (var entry in entries)
        {
            cancellationToken.ThrowIfCancellationRequested();
            yield return entry;
        }
    }

    private OutboxEntry? Apply(OutboxEntry? entry, Func<OutboxEntry, bool> change)
    {
        if (entry is null || !change(entry)) return entry;
        file.Outbox.Update(entry);
        // The audit record follows its entry in the same transaction, so the two never disagree.
        if (file.Audit.FindById(entry.Id) is { } record && AuditStatus.Follow(record, entry, entry.NextAttemptAt)) file.Audit.Update(record);
        return entry;
    }
}
