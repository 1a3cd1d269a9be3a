namespace ChatRouter.Audit;

/// <summary>
/// Why one outbound message went out (or did not), kept longer than the message itself and without its text: what
/// it was for, on which lawful basis, the consent at the time, the WhatsApp message template and flow versions in
/// force, the guardrail decision and what the provider made of it. Every outbound message of every kind has one;
/// one backed by an outbox entry shares its id, and its status follows the entry's.
/// </summary>
public sealed class AuditRecord
{
    /// <summary>The outbox entry's id, or a sortable id of its own when nothing was queued (capped, suppressed …).</summary>
    public string Id { get; set; } = "";

    /// <summary>When the decision was taken.</summary>
    public DateTimeOffset At { get; set; }

    /// <summary>The customer's profile id (kept after erasure, which leaves nothing to join it with).</summary>
    public string CustomerId { get; set; } = "";

    /// <summary>The customer's E.164 phone, or a salted hash of it once the customer is erased.</summary>
    public string? Customer { get; set; }

    /// <summary>The conversation, when there is one.</summary>
    public string? ConversationId { get; set; }

    /// <summary>Channel name.</summary>
    public string Channel { get; set; } = "";

    /// <summary>The sending business number.</summary>
    public string BusinessNumber { get; set; } = "";

    /// <summary><c>reply</c>, <c>agent</c>, <c>proactive</c>, <c>digest</c>, <c>downgrade</c> (<see cref="AuditKinds"/>).</summary>
    public string Kind { get; set; } = "";

    /// <summary><c>category:event type</c> for business-initiated messages, <c>conversation:flow id</c> for replies.</summary>
    public string Purpose { get; set; } = "";

    /// <summary>The lawful basis the message relied on (<c>consent</c>, <c>contract</c> …); null for replies the customer asked for.</summary>
    public string? LawfulBasis { get; set; }

    /// <summary>The customer's consent at the time, in words (e.g. "marketing consent granted (keyword) at …").</summary>
    public string? Consent { get; set; }

    /// <summary>The WhatsApp message template it went as, if any.</summary>
    public AuditTemplate? Template { get; set; }

    /// <summary>The flow that produced it.</summary>
    public AuditFlow? Flow { get; set; }

    /// <summary>The business event type behind a business-initiated message.</summary>
    public string? EventType { get; set; }

    /// <summary>The campaign it belongs to, if any.</summary>
    public string? CampaignId { get; set; }

    /// <summary>The experiment variant the customer was assigned, if any.</summary>
    public string? Variant { get; set; }

    /// <summary>The running A/B experiment the message was an exposure of (with <see cref="Variant"/>), if any.</summary>
    public string? Experiment { get; set; }

    /// <summary>
    /// The guardrail decision: <c>sent</c>, <c>deferred</c>, <c>digested</c>, <c>capped</c>, <c>suppressed</c>,
    /// <c>expired</c>, <c>downgraded</c> or <c>failed</c> (<see cref="Guardrails.Decision"/>).
    /// </summary>
    public string Decision { get; set; } = "";

    /// <summary>Why, in one sentence.</summary>
    public string? Reason { get; set; }

    /// <summary>When a deferred or digested message is due.</summary>
    public DateTimeOffset? DueAt { get; set; }

    /// <summary>The provider's message id once accepted.</summary>
    public string? ProviderMessageId { get; set; }

    /// <summary><c>queued</c>, <c>sent</c>, <c>delivered</c>, <c>read</c>, <c>failed</c>, or null when nothing was queued.</summary>
    public string? Status { get; set; }

    /// <summary>When the status last changed.</summary>
    public DateTimeOffset? StatusAt { get; set; }
}

/// <summary>The WhatsApp message template of an audited message.</summary>
public sealed class AuditTemplate
{
    /// <summary>Template name.</summary>
    public string Name { get; set; } = "";

    /// <summary>Meta language code.</summary>
    public string Locale { get; set; } = "";

    /// <summary>The registry's version of the template when it was sent.</summary>
    public string? Version { get; set; }
}

/// <summary>The flow of an audited message.</summary>
public sealed class AuditFlow
{
    /// <summary>Flow id.</summary>
    public string Id { get; set; } = "";

    /// <summary>Flow version.</summary>
    public int Version { get; set; }
}

/// <summary>The kinds of outbound message the audit tells apart.</summary>
public static class AuditKinds
{
    /// <summary>The bot answering the customer.</summary>
    public const string Reply = "reply";

    /// <summary>A human agent.</summary>
    public const string Agent = "agent";

    /// <summary>Business-initiated (an event, a campaign).</summary>
    public const string Proactive = "proactive";

    /// <summary>Several low-urgency messages sent as one.</summary>
    public const string Digest = "digest";

    /// <summary>Handed to email or a ticket because WhatsApp could not carry it.</summary>
    public const string Downgrade = "downgrade";
}
