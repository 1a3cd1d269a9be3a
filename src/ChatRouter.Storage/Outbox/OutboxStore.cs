using LiteDB;

namespace ChatRouter.Storage.Outbox;

/// <summary>
/// The durable outbox: entries are written with their idempotency key (inside the turn that produced them),
/// replayed after a restart, and updated as the provider accepts, delivers, reads or rejects them.
/// </summary>
public sealed class OutboxStore : ITurnAttachmentWriter
{
    private readonly LiteDbStore _store;
    private readonly ILiteCollection<OutboxEntry> _entries;

    /// <summary>The outbox in the same file as <paramref name="store"/>; entries ride along in its turn transactions.</summary>
    public OutboxStore(LiteDbStore store)
    {
        ArgumentNullException.ThrowIfNull(store);
        _store = store;
        _entries = store.Collection<OutboxEntry>("outbox");
        _entries.EnsureIndex(e => e.IdempotencyKey, unique: true);
        _entries.EnsureIndex(e => e.ProviderMessageId);
        _entries.EnsureIndex(e => e.ConversationId);
        store.AddAttachmentWriter(this);
    }

    /// <summary>Stores an entry unless one with its idempotency key exists; returns the stored one.</summary>
    public Task<(OutboxEntry Entry, bool Created)> AddAsync(OutboxEntry entry) =>
        _store.Writer.WriteAsync(_ => Insert(entry));

    /// <summary>Everything not yet sent, oldest first (what a restart replays).</summary>
    public IReadOnlyList<OutboxEntry> Pending() =>
        _entries.Find(e => e.State == OutboxState.Pending).OrderBy(e => e.Id, StringComparer.Ordinal).ToList();

    /// <summary>An entry by id.</summary>
    public OutboxEntry? Find(string id) => _entries.FindById(id);

    /// <summary>The entry stored under an idempotency key.</summary>
    public OutboxEntry? FindByIdempotencyKey(string key) => _entries.FindOne(e => e.IdempotencyKey == key);

    /// <summary>The entry the provider knows as <paramref name="providerMessageId"/>.</summary>
    public OutboxEntry? FindByProviderId(string providerMessageId) => _entries.FindOne(e => e.ProviderMessageId == providerMessageId);

    /// <summary>A conversation's outbound messages, oldest first.</summary>
    public IReadOnlyList<OutboxEntry> ForConversation(string conversationId) =>
        _entries.Find(e => e.ConversationId == conversationId).OrderBy(e => e.Id, StringComparer.Ordinal).ToList();

    /// <summary>Applies <paramref name="change"/> to the stored entry (read and written on the writer thread, so changes never interleave).</summary>
    public Task<OutboxEntry?> UpdateAsync(string id, Action<OutboxEntry> change) =>
        _store.Writer.WriteAsync(_ =>
        {
            var entry = _entries.FindById(id);
            if (entry is null) return null;
            change(entry);
            _entries.Update(entry);
            return entry;
        });

    /// <summary>Like <see cref="UpdateAsync"/>, finding the entry by the provider's id; null when unknown.</summary>
    public Task<OutboxEntry?> UpdateByProviderIdAsync(string providerMessageId, Func<OutboxEntry, bool> change) =>
        _store.Writer.WriteAsync(_ =>
        {
            var entry = _entries.FindOne(e => e.ProviderMessageId == providerMessageId);
            if (entry is null || !change(entry)) return entry;
            _entries.Update(entry);
            return entry;
        });

    /// <summary>All entries (reports; small installations). Streams from the file.</summary>
    public IEnumerable<OutboxEntry> All() => _entries.FindAll();

    bool ITurnAttachmentWriter.CanWrite(object attachment) => attachment is OutboxEntry;

    // A turn is saved once (its inbox mark commits with it), so its entries cannot exist yet; the unique index still guards.
    void ITurnAttachmentWriter.Write(object attachment) => _entries.Insert((OutboxEntry)attachment);

    private (OutboxEntry, bool) Insert(OutboxEntry entry)
    {
        var existing = _entries.FindOne(e => e.IdempotencyKey == entry.IdempotencyKey);
        if (existing is not null) return (existing, false);
        _entries.Insert(entry);
        return (entry, true);
    }
}
