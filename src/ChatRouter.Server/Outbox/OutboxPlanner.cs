using ChatRouter.Audit;
using ChatRouter.Conversations;
using ChatRouter.Guardrails;
using ChatRouter.Messaging;
using ChatRouter.Outbox;
using ChatRouter.Server.Proactive;
using ChatRouter.Wire;

namespace ChatRouter.Server.Outbox;

/// <summary>
/// Turns the replies of a turn into outbox entries, keyed so the same turn can never enqueue them twice, each
/// with its audit record.
/// </summary>
internal static class OutboxPlanner
{
    /// <summary>The entries with their audit records, as the turn's writes; <paramref name="proactive"/> says what a business-initiated send is.</summary>
    public static TurnWrites Writes(TurnResult turn, IReadOnlyList<OutboxEntry> entries, ProactiveSend? proactive = null) =>
        new() { Outbox = entries, Audit = [.. entries.Select(e => proactive is null ? Audit(turn, e) : Audit(turn, e, proactive))] };

    /// <summary>
    /// The audit record of a business-initiated message the guardrails let go: its category and event type, the
    /// lawful basis and consent it relied on, and why it went now.
    /// </summary>
    public static AuditRecord Audit(TurnResult turn, OutboxEntry entry, ProactiveSend proactive)
    {
        ArgumentNullException.ThrowIfNull(proactive);
        var record = Audit(turn, entry);
        record.Kind = proactive.Kind;
        record.Purpose = proactive.Purpose;
        record.LawfulBasis = proactive.LawfulBasis;
        record.Consent = proactive.Consent ?? record.Consent;
        record.EventType = proactive.EventType;
        record.CampaignId = proactive.CampaignId;
        record.Reason = proactive.Reason;
        return record;
    }

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
    /// <param name="proactive">
    /// For a business-initiated send, what it is: its entries carry category, urgency (the recipient's queue order),
    /// event type, campaign and expiry, and the first one takes the message's record id, so the record written when
    /// the message was first decided (deferred, say) is the one that follows its delivery.
    /// </param>
    public static IReadOnlyList<OutboxEntry> Plan(TurnResult result, string causeKey, OutboxOrigin origin, DateTimeOffset now, ProactiveSend? proactive = null)
    {
        var conversation = result.Conversation;
        var entries = new List<OutboxEntry>(result.Replies.Count);
        for (var i = 0; i < result.Replies.Count; i++)
        {
            var entry = Entry(conversation, result.Replies[i], $"{causeKey}#{i + 1}", origin, now, conversation.FlowId);
            if (proactive is not null)
            {
                if (i == 0) entry.Id = proactive.RecordId;
                entry.Category = proactive.Category == ContentCategory.Marketing ? Consents.ConsentPurpose.Marketing : Consents.ConsentPurpose.Transactional;
                entry.Urgency = proactive.Urgency;
                entry.EventType = proactive.EventType;
                entry.CampaignId = proactive.CampaignId;
                entry.ExpiresAt = proactive.ExpiresAt;
            }

            entries.Add(entry);
        }

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
