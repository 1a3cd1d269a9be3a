namespace ChatRouter.Messaging;

/// <summary>
/// Something that happened in the business (order shipped, NPS due, SLA breached) that starts or moves a
/// customer's flow. Addressed by channel id or phone; <see cref="Data"/> becomes slots.
/// </summary>
public sealed record BusinessEvent
{
    /// <summary>Event type, e.g. <c>order.shipped</c>.</summary>
    public required string Type { get; init; }

    /// <summary>Event data, available to the flow as slots.</summary>
    public IReadOnlyDictionary<string, object?> Data { get; init; } = new Dictionary<string, object?>();

    /// <summary>Channel to reach the customer on. <value>Default: <c>whatsapp</c>.</value></summary>
    public string Channel { get; init; } = "whatsapp";

    /// <summary>The business number to send from.</summary>
    public required string BusinessNumber { get; init; }

    /// <summary>The customer's id on the channel; when null, derived from <see cref="Phone"/>.</summary>
    public string? CustomerId { get; init; }

    /// <summary>The customer's E.164 phone.</summary>
    public string? Phone { get; init; }

    /// <summary>The caller's key; the same key is accepted once.</summary>
    public string? IdempotencyKey { get; init; }

    /// <summary>When the event was accepted: its message's TTL runs from here.</summary>
    public DateTimeOffset? AcceptedAt { get; init; }

    /// <summary>The customer-local time the message should go at (<c>HH:mm</c>, wire <c>sendAt.localTime</c>), or null.</summary>
    public string? SendAtLocalTime { get; init; }

    /// <summary>The instant the message should go at (wire <c>sendAt.at</c>), or null.</summary>
    public DateTimeOffset? SendAtInstant { get; init; }

    /// <summary>The lawful basis the caller states (wire <c>lawfulBasis</c>), or null for the default of the category.</summary>
    public string? LawfulBasis { get; init; }

    /// <summary>The campaign this event is one member of, or null.</summary>
    public string? CampaignId { get; init; }
}
