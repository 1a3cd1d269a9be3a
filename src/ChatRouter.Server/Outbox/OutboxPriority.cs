using ChatRouter.Outbox;

namespace ChatRouter.Server.Outbox;

/// <summary>
/// Which of a recipient's messages goes first: replies in a conversation the customer is having (the bot's,
/// an agent's, a system notice) before anything the business starts, each class oldest first (ids sort by
/// creation), so a queue of proactive messages never makes a customer wait for an answer.
/// </summary>
internal static class OutboxPriority
{
    public static IComparer<OutboxEntry> SendOrder { get; } = Comparer<OutboxEntry>.Create((a, b) =>
    {
        var byClass = Rank(a).CompareTo(Rank(b));
        return byClass != 0 ? byClass : string.CompareOrdinal(a.Id, b.Id);
    });

    /// <summary>Lower goes first.</summary>
    public static int Rank(OutboxEntry entry) => entry.Origin == OutboxOrigin.BusinessEvent ? 1 : 0;
}
