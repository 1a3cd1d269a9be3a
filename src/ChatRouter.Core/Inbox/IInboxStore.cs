namespace ChatRouter.Inbox;

/// <summary>The durable inbox: accept with dedupe, list what is pending (replay), mark processed or failed.</summary>
public interface IInboxStore
{
    /// <summary>
    /// Stores the entries not seen before (by id) and returns them; the others are duplicates. When the task
    /// completes the new entries are durable: only then may a webhook answer 200.
    /// </summary>
    Task<IReadOnlyList<InboxEntry>> AcceptAsync(IReadOnlyList<InboxEntry> entries, CancellationToken cancellationToken);

    /// <summary>Everything accepted and not processed, in arrival order (what a restart replays).</summary>
    Task<IReadOnlyList<InboxEntry>> PendingAsync(CancellationToken cancellationToken);

    /// <summary>An entry by id, or null.</summary>
    Task<InboxEntry?> FindAsync(string id, CancellationToken cancellationToken);

    /// <summary>Marks an entry processed on its own (entries processed outside a conversation turn).</summary>
    Task MarkDoneAsync(string id, DateTimeOffset at, CancellationToken cancellationToken);

    /// <summary>Records a failed attempt; after <paramref name="maxAttempts"/> the entry is parked as failed. Null when unknown.</summary>
    Task<InboxEntry?> RecordFailureAsync(string id, string error, int maxAttempts, CancellationToken cancellationToken);

    /// <summary>Deletes processed entries received before <paramref name="before"/> (past the provider's retry horizon); returns how many.</summary>
    Task<int> PurgeAsync(DateTimeOffset before, CancellationToken cancellationToken);

    /// <summary>How many entries <see cref="PurgeAsync"/> would delete for <paramref name="before"/> (<c>chatrouter purge --dry-run</c>).</summary>
    Task<int> CountPurgeableAsync(DateTimeOffset before, CancellationToken cancellationToken);

    /// <summary>How many entries are in <paramref name="state"/>.</summary>
    Task<int> CountAsync(InboxState state, CancellationToken cancellationToken);
}
