using ChatRouter.Audit;

namespace ChatRouter.Outbox;

/// <summary>
/// A message handed to another channel (email, ticket) because WhatsApp could not carry it. Stored with its
/// <see cref="Deliveries"/> before any is made, so a crash between "decided" and "delivered" loses nothing:
/// the server delivers what is pending when it starts again.
/// </summary>
public sealed class DowngradeRecord
{
    /// <summary>Sortable id; also the ticket id and the idempotency key the connectors send.</summary>
    public string Id { get; set; } = "";

    /// <summary>The conversation.</summary>
    public string ConversationId { get; set; } = "";

    /// <summary>The customer's profile id.</summary>
    public string CustomerId { get; set; } = "";

    /// <summary>Why: <c>window_lapsed</c>, <c>handoff_unclaimed</c> … (<see cref="DowngradeReasons.Code"/> gives the code).</summary>
    public string Reason { get; set; } = "";

    /// <summary>What should have been said.</summary>
    public string Text { get; set; } = "";

    /// <summary>In which locale.</summary>
    public string Locale { get; set; } = "";

    /// <summary>The outbox entry it replaces, if any.</summary>
    public string? OutboxId { get; set; }

    /// <summary>When.</summary>
    public DateTimeOffset At { get; set; }

    /// <summary>Where it goes (one per connector); empty when it is only recorded for an operator.</summary>
    public List<DowngradeDelivery> Deliveries { get; set; } = [];

    /// <summary>Pending while a delivery is; then delivered (all sent), failed (one failed) or recorded (none to make).</summary>
    public DowngradeState State { get; set; }

    /// <summary>Why the deliveries are what they are, when that is not plain (no email on the profile, a ticket instead …).</summary>
    public string? Note { get; set; }

    /// <summary>Sets <see cref="State"/> from the deliveries (stores call it on every write).</summary>
    public void Refresh() => State =
        Deliveries.Count == 0 ? DowngradeState.Recorded
        : Deliveries.Exists(d => d.State == DowngradeDeliveryState.Pending) ? DowngradeState.Pending
        : Deliveries.Exists(d => d.State == DowngradeDeliveryState.Failed) ? DowngradeState.Failed
        : DowngradeState.Delivered;
}

/// <summary>Where a downgrade is.</summary>
public enum DowngradeState
{
    /// <summary>A delivery is still to be made (or retried).</summary>
    Pending = 0,

    /// <summary>Every delivery was accepted.</summary>
    Delivered = 1,

    /// <summary>A delivery failed for good.</summary>
    Failed = 2,

    /// <summary>Nothing to deliver: recorded for an operator (<c>GET /api/downgrades</c>).</summary>
    Recorded = 3,
}

/// <summary>Durable list of downgrades: what the downgrade connectors deliver and operators list.</summary>
public interface IDowngradeStore
{
    /// <summary>
    /// Adds one with the audit records of its deliveries, in one write; idempotent per outbox entry and reason
    /// (then nothing is written). Returns the stored one and whether it is new.
    /// </summary>
    Task<(DowngradeRecord Record, bool Created)> AddAsync(DowngradeRecord record, IReadOnlyList<AuditRecord> audit, CancellationToken cancellationToken);

    /// <summary>A downgrade by id, or null.</summary>
    Task<DowngradeRecord?> FindAsync(string id, CancellationToken cancellationToken);

    /// <summary>The newest first.</summary>
    Task<IReadOnlyList<DowngradeRecord>> LatestAsync(int limit, CancellationToken cancellationToken);

    /// <summary>A conversation's downgrades, oldest first.</summary>
    Task<IReadOnlyList<DowngradeRecord>> ForConversationAsync(string conversationId, CancellationToken cancellationToken);

    /// <summary>Those with a delivery still to make, oldest first (what a restart replays).</summary>
    Task<IReadOnlyList<DowngradeRecord>> PendingAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Applies <paramref name="change"/> atomically (false leaves it as it was); <see cref="DowngradeRecord.State"/>
    /// and the audit record of each delivery follow in the same write (<see cref="DowngradeDelivery.Follow"/>). Null when unknown.
    /// </summary>
    Task<DowngradeRecord?> UpdateAsync(string id, Func<DowngradeRecord, bool> change, CancellationToken cancellationToken);
}
