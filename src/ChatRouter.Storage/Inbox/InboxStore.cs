using LiteDB;

namespace ChatRouter.Storage.Inbox;

/// <summary>The durable inbox: accept with dedupe, list what is pending (replay), mark processed or failed.</summary>
public sealed class InboxStore : ITurnAttachmentWriter
{
    private readonly LiteDbStore _store;
    private readonly ILiteCollection<InboxEntry> _entries;

    /// <summary>The inbox in the same file as <paramref name="store"/>; marks ride along in its turn transactions.</summary>
    public InboxStore(LiteDbStore store)
    {
        ArgumentNullException.ThrowIfNull(store);
        _store = store;
        // No index on State: it changes on every entry, and only a restart asks for it (replay scans once).
        _entries = store.Collection<InboxEntry>("inbox");
        store.AddAttachmentWriter(this);
    }

    /// <summary>
    /// Stores the entries not seen before (by id) and returns them; the others are duplicates. When the task
    /// completes the new entries are on disk: only then may the webhook answer 200.
    /// </summary>
    public Task<IReadOnlyList<InboxEntry>> AcceptAsync(IReadOnlyList<InboxEntry> entries) =>
        _store.Writer.WriteAsync<IReadOnlyList<InboxEntry>>(_ =>
        {
            var accepted = new List<InboxEntry>(entries.Count);
            foreach (var entry in entries)
            {
                if (_entries.FindById(entry.Id) is not null || accepted.Exists(a => a.Id == entry.Id)) continue;
                _entries.Insert(entry);
                accepted.Add(entry);
            }

            return accepted;
        });

    /// <summary>Everything accepted and not processed, in arrival order (what a restart replays).</summary>
    public IReadOnlyList<InboxEntry> Pending() =>
        _entries.Find(e => e.State == InboxState.Pending).OrderBy(e => e.Order, StringComparer.Ordinal).ToList();

    /// <summary>An entry by id.</summary>
    public InboxEntry? Find(string id) => _entries.FindById(id);

    /// <summary>Marks an entry processed on its own (entries processed outside a conversation turn).</summary>
    public Task MarkDoneAsync(string id, DateTimeOffset at) => _store.Writer.WriteAsync(_ => Done(new InboxDone(id, at)));

    /// <summary>Records a failed attempt; after <paramref name="maxAttempts"/> the entry is parked as failed.</summary>
    public Task<InboxEntry?> RecordFailureAsync(string id, string error, int maxAttempts) =>
        _store.Writer.WriteAsync(_ =>
        {
            var entry = _entries.FindById(id);
            if (entry is null) return null;
            entry.Attempts++;
            entry.Error = error;
            if (entry.Attempts >= maxAttempts) entry.State = InboxState.Failed;
            _entries.Update(entry);
            return entry;
        });

    /// <summary>Deletes processed entries older than <paramref name="before"/> (after the provider's retry horizon).</summary>
    public Task<int> PurgeAsync(DateTimeOffset before) =>
        _store.Writer.WriteAsync(_ => _entries.DeleteMany(e => e.State == InboxState.Done && e.ReceivedAt < before));

    /// <summary>Counts per state, for metrics.</summary>
    public int Count(InboxState state) => _entries.Count(e => e.State == state);

    bool ITurnAttachmentWriter.CanWrite(object attachment) => attachment is InboxDone;

    void ITurnAttachmentWriter.Write(object attachment) => Done((InboxDone)attachment);

    private void Done(InboxDone done)
    {
        var entry = _entries.FindById(done.Id);
        if (entry is null) return;
        entry.State = InboxState.Done;
        entry.ProcessedAt = done.At;
        entry.Payload = null;
        _entries.Update(entry);
    }
}
