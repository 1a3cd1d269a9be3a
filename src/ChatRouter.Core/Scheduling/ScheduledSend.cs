namespace ChatRouter.Scheduling;

/// <summary>
/// A business-initiated message waiting for its time: deferred (quiet hours, <c>sendAt</c>) or gathered for a
/// customer's digest. Stored before the event that caused it is marked processed, so a restart (kill -9
/// included) keeps it; when due it goes back through the guardrails (consent, caps and TTL are checked again).
/// </summary>
public sealed class ScheduledSend
{
    /// <summary>Sortable id; also the dedupe key of the inbox entry it becomes when due.</summary>
    public string Id { get; set; } = "";

    /// <summary>The customer's profile id.</summary>
    public string CustomerId { get; set; } = "";

    /// <summary><c>deferred</c> or <c>digest</c>.</summary>
    public string Kind { get; set; } = "";

    /// <summary>When it is due.</summary>
    public DateTimeOffset DueAt { get; set; }

    /// <summary>The digest it belongs to (customer and category); null for a deferred send.</summary>
    public string? DigestKey { get; set; }

    /// <summary>The event type.</summary>
    public string EventType { get; set; } = "";

    /// <summary>The business event as JSON (channel, business number, customer, data, idempotency key, sendAt, lawful basis).</summary>
    public string Event { get; set; } = "";

    /// <summary>When the event was accepted (its TTL runs from here).</summary>
    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>The campaign it belongs to, if any.</summary>
    public string? CampaignId { get; set; }
}

/// <summary>The kinds of scheduled send.</summary>
public static class ScheduledKinds
{
    /// <summary>Waits for quiet hours to end or for its <c>sendAt</c>.</summary>
    public const string Deferred = "deferred";

    /// <summary>Waits to go out in the customer's digest.</summary>
    public const string Digest = "digest";
}
