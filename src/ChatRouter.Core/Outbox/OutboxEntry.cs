namespace ChatRouter.Outbox;

/// <summary>Where an outbound message is. Statuses only move forward (sent → delivered → read); failed is final.</summary>
public enum OutboxState
{
    /// <summary>Stored, waiting to be sent (or to be retried).</summary>
    Pending = 0,

    /// <summary>Accepted by the provider.</summary>
    Sent = 1,

    /// <summary>Delivered to the customer's phone.</summary>
    Delivered = 2,

    /// <summary>Read by the customer.</summary>
    Read = 3,

    /// <summary>Failed for good; see the error code and reason.</summary>
    Failed = 10,

    /// <summary>Not sent because the customer opted out (business-initiated messages only).</summary>
    Suppressed = 11,

    /// <summary>Not sent on WhatsApp because the window lapsed and no approved template applied; handed to the downgrade hook.</summary>
    Downgraded = 12,
}

/// <summary>Who caused a message.</summary>
public enum OutboxOrigin
{
    /// <summary>The bot answering the customer.</summary>
    Reply,

    /// <summary>The bot acting on a business event (business-initiated).</summary>
    BusinessEvent,

    /// <summary>A human agent.</summary>
    Agent,

    /// <summary>A system notice (handoff unclaimed …).</summary>
    System,
}

/// <summary>
/// One outbound message, stored with its idempotency key before it is sent, and kept as the audit record of
/// what was sent to whom, when, and what became of it.
/// </summary>
public sealed class OutboxEntry
{
    /// <summary>Sortable id; also the reference sent to the provider (biz_opaque_callback_data / referenceId).</summary>
    public string Id { get; set; } = "";

    /// <summary>Unique: the same logical message is stored once (e.g. <c>{inbox id}#1</c>, an API caller's key).</summary>
    public string IdempotencyKey { get; set; } = "";

    /// <summary>The conversation.</summary>
    public string ConversationId { get; set; } = "";

    /// <summary>The customer's profile id.</summary>
    public string CustomerId { get; set; } = "";

    /// <summary>Channel name.</summary>
    public string Channel { get; set; } = "";

    /// <summary>The sending business number.</summary>
    public string BusinessNumber { get; set; } = "";

    /// <summary>The customer's address on the channel.</summary>
    public string To { get; set; } = "";

    /// <summary>Who caused it.</summary>
    public OutboxOrigin Origin { get; set; }

    /// <summary>What a business-initiated message is for (its content category): marketing needs granted consent. Null for replies in a conversation.</summary>
    public Consents.ConsentPurpose? Category { get; set; }

    /// <summary>The consent purpose the entry is judged by: its category, transactional when it has none.</summary>
    public Consents.ConsentPurpose Purpose => Category ?? Consents.ConsentPurpose.Transactional;

    /// <summary>How urgent a business-initiated message is (it orders the recipient's queue: replies, then high, normal, low). Null for replies.</summary>
    public Guardrails.Urgency? Urgency { get; set; }

    /// <summary>The business event type behind a business-initiated message.</summary>
    public string? EventType { get; set; }

    /// <summary>The campaign a business-initiated message belongs to.</summary>
    public string? CampaignId { get; set; }

    /// <summary>The running A/B experiment the message is an exposure of, if any.</summary>
    public string? Experiment { get; set; }

    /// <summary>The variant of <see cref="Experiment"/> it carries.</summary>
    public string? Variant { get; set; }

    /// <summary>When a business-initiated message stops being sendable (its event's TTL, counted from acceptance); null for replies.</summary>
    public DateTimeOffset? ExpiresAt { get; set; }

    /// <summary>The agent who wrote it.</summary>
    public string? AgentName { get; set; }

    /// <summary>The message (OutboundMessage as JSON).</summary>
    public string Message { get; set; } = "";

    /// <summary>Text, for the audit view.</summary>
    public string Text { get; set; } = "";

    /// <summary>Locale it was written in.</summary>
    public string Locale { get; set; } = "";

    /// <summary>The flow that produced it.</summary>
    public string? Flow { get; set; }

    /// <summary>The reply-template key it came from.</summary>
    public string? ReplyKey { get; set; }

    /// <summary>When the customer-service window closes, as known when the message was stored.</summary>
    public DateTimeOffset? WindowExpiresAt { get; set; }

    /// <summary>Current state.</summary>
    public OutboxState State { get; set; }

    /// <summary>Send attempts so far.</summary>
    public int Attempts { get; set; }

    /// <summary>Not before this time (backoff).</summary>
    public DateTimeOffset NextAttemptAt { get; set; }

    /// <summary>The provider's message id (wamid).</summary>
    public string? ProviderMessageId { get; set; }

    /// <summary>The WhatsApp message template sent instead of the text (window lapsed).</summary>
    public string? TemplateName { get; set; }

    /// <summary>The Meta language of <see cref="TemplateName"/> as sent (<c>pt_BR</c>).</summary>
    public string? TemplateLanguage { get; set; }

    /// <summary>The registry's version of <see cref="TemplateName"/> when it was sent (what the audit names).</summary>
    public string? TemplateVersion { get; set; }

    /// <summary>Error code of the last failure (provider code, or HTTP status).</summary>
    public int? ErrorCode { get; set; }

    /// <summary>Reason of the last failure.</summary>
    public string? ErrorReason { get; set; }

    /// <summary>When it was stored.</summary>
    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>When the provider accepted it.</summary>
    public DateTimeOffset? SentAt { get; set; }

    /// <summary>When it was delivered.</summary>
    public DateTimeOffset? DeliveredAt { get; set; }

    /// <summary>When it was read.</summary>
    public DateTimeOffset? ReadAt { get; set; }

    /// <summary>When it failed, was suppressed or downgraded.</summary>
    public DateTimeOffset? FailedAt { get; set; }

    /// <summary>
    /// Set when it failed because every attempt met a retryable provider error (an outage, a timeout, a rate limit):
    /// the last cause (<c>Provider</c>, <c>Timeout</c>, <c>Connection</c>, <c>RecipientRateLimit</c>). Such a message may
    /// be replayed (<c>POST /api/outbox/replay</c>); null otherwise.
    /// </summary>
    public string? RetryableFailure { get; set; }

    /// <summary>When a replay took it (requeued, or judged expired or skipped); a message is replayed at most once.</summary>
    public DateTimeOffset? ReplayedAt { get; set; }
}
