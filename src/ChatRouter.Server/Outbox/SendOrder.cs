using ChatRouter.Guardrails;
using ChatRouter.Outbox;

namespace ChatRouter.Server.Outbox;

/// <summary>
/// Which of a recipient's messages goes first (<see cref="OutboxPriority"/>): replies in a conversation the
/// customer is having (the bot's, an agent's, a system notice) before anything the business starts, then high,
/// normal and low urgency; each class oldest first (ids sort by creation), so a queue of proactive messages
/// never makes a customer wait for an answer.
/// </summary>
internal static class SendOrder
{
    public static IComparer<OutboxEntry> Comparer { get; } = Comparer<OutboxEntry>.Create((a, b) =>
    {
        var byClass = Rank(a).CompareTo(Rank(b));
        return byClass != 0 ? byClass : string.CompareOrdinal(a.Id, b.Id);
    });

    /// <summary>Lower goes first.</summary>
    public static OutboxPriority Rank(OutboxEntry entry) =>
        entry.Origin == OutboxOrigin.BusinessEvent ? OutboxPriorities.For(entry.Urgency ?? Urgency.Normal) : OutboxPriority.Reply;
}
