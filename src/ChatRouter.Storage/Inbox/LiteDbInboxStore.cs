using ChatRouter.Inbox;

namespace ChatRouter.Storage.Inbox;

/// <summary>The inbox in a <see cref="LiteDbFile"/>; entries are keyed by their dedupe key.</summary>
internal sealed class LiteDbInboxStore(LiteDbFile file) : IInboxStore
{
    public Task<IReadOnlyList<InboxEntry>> AcceptAsync(IReadOnlyList<InboxEntry> entries, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entries);
        return file.Writer.WriteAsync<IReadOnlyList<InboxEntry>>(_ =>
        {
            var accepted = new List<InboxEntry>(entries.Count);
            var seen = new HashSet<string>(StringComparer.Ordinal);
            foreach (var entry in entries)
            {
                if (!seen.Add(entry.Id) || file.Inbox.FindById(entry.Id) is not null) continue;
                file.Inbox.Insert(entry);
                accepted.Add(entry);
            }

            return accepted;
        });
    }

    public Task<IReadOnlyList<InboxEntry>> PendingAsync(CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<InboxEntry>>(file.Inbox.Find(e => e.State == InboxState.Pending).OrderBy(e => e.Order, StringComparer.Ordinal).ToList());

    public Task<InboxEntry?> FindAsync(string id, CancellationToken cancellationToken) => Task.FromResult<InboxEntry?>(file.Inbox.FindById(id));

    public Task MarkDoneAsync(string id, DateTimeOffset at, CancellationToken cancellationToken) =>
        file.Writer.WriteAsync(_ => MarkDone(file, new InboxDone(id, at)));

    public Task<InboxEntry?> RecordFailureAsync(string id, string error, int maxAttempts, CancellationToken cancellationToken) =>
        file.Writer.WriteAsync(_ =>
        {
            var entry = file.Inbox.FindById(id);
            if (entry is null) return null;
            entry.Attempts++;
            entry.Error = error;
            if (entry.Attempts >= maxAttempts) entry.State = InboxState.Failed;
            file.Inbox.Update(entry);
            return entry;
        });

    public Task<int> PurgeAsync(DateTimeOffset before, CancellationToken cancellationToken) =>
        file.Writer.WriteAsync(_ => file.Inbox.DeleteMany(e => e.State == InboxState.Done && e.ReceivedAt < before));

    public Task<int> CountPurgeableAsync(DateTimeOffset before, CancellationToken cancellationToken) =>
        Task.FromResult(file.Inbox.Count(e => e.State == InboxState.Done && e.ReceivedAt < before));

    public Task<int> CountAsync(InboxState state, CancellationToken cancellationToken) => Task.FromResult(file.Inbox.Count(e => e.State == state));

    /// <summary>Marks an entry processed; runs on the writer thread (alone, or inside the turn that processed it).</summary>
    public static void MarkDone(LiteDbFile file, InboxDone done)
    {
        var entry = file.Inbox.FindById(done.Id);
        if (entry is null) return;
        entry.State = InboxState.Done;
        entry.ProcessedAt = done.At;
        entry.Payload = null;
        file.Inbox.Update(entry);
    }
}
