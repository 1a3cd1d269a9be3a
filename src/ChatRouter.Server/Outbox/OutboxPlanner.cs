using ChatRouter.Audit;
using ChatRouter.Conversations;
using ChatRouter.Guardrails;
using ChatRouter.Messaging;
using ChatRouter.Outbox;
using ChatRouter.Wire;

namespace ChatRouter.Server.Outbox;

/// <summary>
/// Turns the replies of a turn into outbox entries, keyed so the same turn can never enqueue them twice, each
/// with its audit record.
/// </summary>
internal static class OutboxPlanner
{
    /// <summary>The entries with their audit records, as the turn's writes.</summary>
    public static TurnWrites Writes(TurnResult turn, IReadOnlyList<OutboxEntry> entries) =>
        new() { Outbox = entries, Audit = [.. entries.Select(e => Audit(turn, e))] };

    /// <summary>The audit record of a reply in a conversation (a bot's, an agent's or a system notice): decided to go at once.</summary>
    public static AuditRecord Audit(TurnResult turn, OutboxEntry entry) => new()
    {
        Id = entry.Id,
        At = entry.CreatedAt,
        CustomerId = entry.CustomerId,
        Customer = turn.Profile.Phone,
        ConversationId = entry.ConversationId,
        Channel = entry.Channel,
        BusinessNumber = entry.BusinessNumber,
        Kind = entry.Origin switch { OutboxOrigin.Agent => AuditKinds.Agent, OutboxOrigin.BusinessEvent => AuditKinds.Proactive, _ => AuditKinds.Reply },
        Purpose = "conversation:" + (entry.Flow ?? "none"),
        Consent = turn.Profile.Consent.Summary(),
        Flow = entry.Flow is null ? null : new AuditFlow { Id = entry.Flow, Version = turn.Conversation.FlowVersion },
        Experiment = entry.Experiment,
        Variant = entry.Variant,
        Decision = WireName.Of(Decision.Sent),
        Status = AuditStatus.Of(OutboxState.Pending),
        StatusAt = entry.CreatedAt,
    };

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
        Experiment = message.Experiment,
        Variant = message.Variant,
        State = OutboxState.Pending,
        // An experiment's send-time variant holds the message; the sender takes nothing before NextAttemptAt.
        NextAttemptAt = now + (message.SendDelay ?? TimeSpan.Zero),
        CreatedAt = now,
    };
}
