namespace ChatRouter.Audit;

/// <summary>
/// The outbound audit: a record per outbound message, added with the turn or decision that produced it. A
/// record backed by an outbox entry follows the entry's status (the store keeps them in step).
/// </summary>
public interface IAuditStore
{
    /// <summary>Adds records (no-op for an id already there: decisions are idempotent).</summary>
    Task AddAsync(IReadOnlyList<AuditRecord> records, CancellationToken cancellationToken);

    /// <summary>A record by id, or null.</summary>
    Task<AuditRecord?> FindAsync(string id, CancellationToken cancellationToken);

    /// <summary>Applies <paramref name="change"/> to a record (false leaves it as it was); null when unknown.</summary>
    Task<AuditRecord?> UpdateAsync(string id, Func<AuditRecord, bool> change, CancellationToken cancellationToken);

    /// <summary>Records matching <paramref name="query"/>, oldest first.</summary>
    IAsyncEnumerable<AuditRecord> QueryAsync(AuditQuery query, CancellationToken cancellationToken);

    /// <summary>
    /// When each business-initiated message of a customer went out (decision <c>sent</c>, kind proactive or
    /// digest) since <paramref name="since"/>, with its purpose: what the frequency caps count.
    /// </summary>
    Task<IReadOnlyList<(string Purpose, DateTimeOffset At)>> SendsSinceAsync(string customerId, DateTimeOffset since, CancellationToken cancellationToken);

    /// <summary>
    /// What became of the messages of campaign <paramref name="campaignId"/>: its records counted by decision, by status
    /// (delivered, read) and as failed (see <see cref="Campaigns.CampaignCounts"/>). Reads only that campaign's records.
    /// </summary>
    Task<Campaigns.CampaignCounts> CountCampaignAsync(string campaignId, CancellationToken cancellationToken);

    /// <summary>Replaces the customer's phone by <paramref name="hash"/> in every record of <paramref name="customerId"/> (erasure); returns how many.</summary>
    Task<int> PseudonymizeAsync(string customerId, string hash, CancellationToken cancellationToken);

    /// <summary>Deletes records older than <paramref name="before"/>; returns how many (with <paramref name="dryRun"/>, only counts).</summary>
    Task<int> PurgeAsync(DateTimeOffset before, bool dryRun, CancellationToken cancellationToken);
}

/// <summary>A filter on the audit; null fields do not filter.</summary>
public sealed record AuditQuery
{
    /// <summary>The customer's profile id.</summary>
    public string? CustomerId { get; init; }

    /// <summary>From this instant (inclusive).</summary>
    public DateTimeOffset? Since { get; init; }

    /// <summary>Until this instant (exclusive).</summary>
    public DateTimeOffset? Until { get; init; }

    /// <summary>Only the records of this A/B experiment.</summary>
    public string? Experiment { get; init; }

    /// <summary>Only this decision.</summary>
    public string? Decision { get; init; }

    /// <summary>Records after this id (paging).</summary>
    public string? After { get; init; }

    /// <summary>At most this many.</summary>
    public int? Limit { get; init; }
}
