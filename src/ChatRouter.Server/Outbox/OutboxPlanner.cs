using ChatRouter.Conversations;
using ChatRouter.Messaging;
using ChatRouter.Outbox;

namespace ChatRouter.Server.Outbox;

/// <summary>Turns the replies of a turn into outbox entries, keyed so the same turn can never enqueue them twice.</summary>
internal static class OutboxPlanner
{
    /// <param name="result">The turn.</param>
    /// <param name="causeKey">What caused the turn (the inbox entry id); with the reply's position it is the idempotency key.</param>
    /// <param name="origin">Reply to the customer, or business-initiated (an event).</param>
    /// <param name="now">When the entries are created.</param>
    public static IReadOnlyList<OutboxEntry> Plan(TurnResult result, string causeKey, OutboxOrigin origin, DateTimeOffset now)
    {
        var conversation = result.Conversation;
        var entries = new List<OutboxEntry>(result.Replies.Count);
        for (var i = 0; i < result.Replies.Count; i++)
            entries.Add(Entry(conversation, result.Replies[i], $"{causeKey}#{i + 1}", origin, now, conversation.FlowId));
        return entries;
    }

    public static OutboxEntry Entry(Conversation conversation, OutboundMessage message, string idempotencyKey, OutboxOrigin origin, DateTimeOffset now, string? flow, string? agent = null) => new()
    {
        Id = SortableId.Next(now),
        IdempotencyKey = idempotencyKey,
        ConversationId = conversation.Id,
        CustomerId = conversation.CustomerId,
        Channel = conversation.Channel,
        BusinessNumber = conversation.BusinessNumber,
        To = conversation.Address,
        Origin = origin,
        AgentName = agent,
        Message = OutboxJson.Write(message),
        Text = message.Text,
        Locale = message.Locale,
        Flow = flow,
        ReplyKey = message.Key,
        WindowExpiresAt = conversation.WindowExpiresAt,
        State = OutboxState.Pending,
        NextAttemptAt = now,
        CreatedAt = now,
    };
}
