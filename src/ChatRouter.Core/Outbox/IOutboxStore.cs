namespace ChatRouter.Outbox;

/// <summary>
/// The durable outbox: entries are written with their idempotency key (inside the turn that produced them, see
/// <see cref="Conversations.TurnWrites"/>), replayed after a restart, and updated as the provider accepts,
/// delivers, reads or rejects them.
/// </summary>
public interface IOutboxStore
{
    /// <summary>Stores an entry unless one with its idempotency key exists; returns the stored one and whether it is new.</summary>
    Task<(OutboxEntry Entry, bool Created)> AddAsync(OutboxEntry entry, CancellationToken cancellationToken);

    /// <summary>Everything not yet sent, oldest first (what a restart replays).</summary>
    Task<IReadOnlyList<OutboxEntry>> PendingAsync(CancellationToken cancellationToken);

    /// <summary>An entry by id, or null.</summary>
    Task<OutboxEntry?> FindAsync(string id, CancellationToken cancellationToken);

    /// <summary>The entry stored under an idempotency key, or null.</summary>
    Task<OutboxEntry?> FindByIdempotencyKeyAsync(string key, CancellationToken cancellationToken);

    /// <summary>The entry the provider knows as <paramref name="providerMessageId"/>, or null.</summary>
    Task<OutboxEntry?> FindByProviderIdAsync(string providerMessageId, CancellationToken cancellationToken);

    /// <summary>A conversation's outbound messages, oldest first.</summary>
    Task<IReadOnlyList<OutboxEntry>> ForConversationAsync(string conversationId, CancellationToken cancellationToken);

    /// <summary>
    /// Applies <paramref name="change"/> to the stored entry atomically (changes to one entry never interleave)
    /// and returns it; <paramref name="change"/> returns false to leave the entry as it was. Null when unknown.
    /// </summary>
    Task<OutboxEntry?> UpdateAsync(string id, Func<OutboxEntry, bool> change, CancellationToken cancellationToken);

    /// <summary>Like <see cref="UpdateAsync"/>, finding the entry by the provider's id.</summary>
    Task<OutboxEntry?> UpdateByProviderIdAsync(string providerMessageId, Func<OutboxEntry, bool> change, CancellationToken cancellationToken);

    /// <summary>Entries created at or after <paramref name="since"/> (all when null), oldest first, streamed.</summary>
    IAsyncEnumerable<OutboxEntry> ListAsync(DateTimeOffset? since, CancellationToken cancellationToken);

    /// <summary>
    /// Entries that may be replayed: failed on a retryable provider error (<see cref="OutboxEntry.RetryableFailure"/>)
    /// at or after <paramref name="since"/> and before <paramref name="until"/> (<see cref="OutboxEntry.FailedAt"/>), and
    /// never replayed; oldest first, streamed.
    /// </summary>
    IAsyncEnumerable<OutboxEntry> ReplayableAsync(DateTimeOffset since, DateTimeOffset until, CancellationToken cancellationToken);

    /// <summary>
    /// Applies <paramref name="verdicts"/> in one transaction: each entry still replayable is marked replayed at
    /// <paramref name="now"/> and requeued or closed as its verdict says, its audit record with it. Entries another
    /// replay took meanwhile are left alone. Returns the entries changed, as stored.
    /// </summary>
    Task<IReadOnlyList<OutboxEntry>> ReplayAsync(IReadOnlyList<OutboxReplay> verdicts, DateTimeOffset now, CancellationToken cancellationToken);
}
