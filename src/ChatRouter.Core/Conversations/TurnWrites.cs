using ChatRouter.Audit;
using ChatRouter.Consents;
using ChatRouter.Inbox;
using ChatRouter.Outbox;
using ChatRouter.Review;

namespace ChatRouter.Conversations;

/// <summary>
/// Records stored in the same transaction as a turn, so a crash never keeps one without the other: the replies
/// to send, the mark that the inbox entry behind the turn is processed, and a handoff episode the turn ended.
/// </summary>
public sealed record TurnWrites
{
    /// <summary>Nothing besides the turn itself.</summary>
    public static TurnWrites None { get; } = new();

    /// <summary>Outbound messages to send (new entries: a turn is saved once).</summary>
    public IReadOnlyList<OutboxEntry> Outbox { get; init; } = [];

    /// <summary>The inbox entry this turn processed.</summary>
    public InboxDone? InboxDone { get; init; }

    /// <summary>The handoff episode this turn ended.</summary>
    public HandoffRecord? EndedHandoff { get; init; }

    /// <summary>The audit records of the messages this turn queued (or decided not to).</summary>
    public IReadOnlyList<AuditRecord> Audit { get; init; } = [];

    /// <summary>Consent ledger entries this turn appended (the profile it saves holds the new current consent).</summary>
    public IReadOnlyList<ConsentRecord> Consents { get; init; } = [];

    /// <summary>The customer message this turn did not route with confidence, queued for a trainer (masked).</summary>
    public IReadOnlyList<ReviewItem> Review { get; init; } = [];

    /// <summary>These writes with <paramref name="other"/>'s added.</summary>
    public TurnWrites With(TurnWrites other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return new TurnWrites
        {
            Outbox = [.. Outbox, .. other.Outbox],
            InboxDone = other.InboxDone ?? InboxDone,
            EndedHandoff = other.EndedHandoff ?? EndedHandoff,
            Consents = [.. Consents, .. other.Consents],
            Audit = [.. Audit, .. other.Audit],
            Review = [.. Review, .. other.Review],
        };
    }
}
