namespace ChatRouter.Campaigns;

/// <summary>How far a campaign's members have been written into the inbox as events.</summary>
public enum CampaignState
{
    /// <summary>Accepted; members are still being written (<see cref="Campaign.Expanded"/> of <see cref="Campaign.Audience"/>).</summary>
    Expanding,

    /// <summary>Every member is in the inbox as an event; from here on the guardrails and the outbox decide.</summary>
    Expanded,
}

/// <summary>
/// One campaign (<c>POST /api/campaigns</c>): an event type sent to an audience, each member as one business event
/// keyed <c>campaign:&lt;id&gt;:&lt;E.164&gt;</c>, so an expansion resumed after a crash never writes a member twice.
/// Stored before the 202; <see cref="Expanded"/> and <see cref="Cursor"/> are where a restart resumes.
/// </summary>
public sealed class Campaign
{
    /// <summary>Sortable id.</summary>
    public string Id { get; set; } = "";

    /// <summary>The caller's key; the same key is accepted once (a second POST answers with the first campaign).</summary>
    public string IdempotencyKey { get; set; } = "";

    /// <summary>A name for people.</summary>
    public string Name { get; set; } = "";

    /// <summary>The event type each member receives, e.g. <c>cart.abandoned</c>.</summary>
    public string EventType { get; set; } = "";

    /// <summary>The event data, the same for every member (flows read it as slots).</summary>
    public Dictionary<string, object?> Data { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Channel to reach the members on.</summary>
    public string Channel { get; set; } = "whatsapp";

    /// <summary>The business number to send from.</summary>
    public string BusinessNumber { get; set; } = "";

    /// <summary>The customer-local time (<c>HH:mm</c>) the messages should go at, or null.</summary>
    public string? SendAtLocalTime { get; set; }

    /// <summary>The instant the messages should go at, or null.</summary>
    public DateTimeOffset? SendAtInstant { get; set; }

    /// <summary>The lawful basis the caller states (wire name), or null for the category's default.</summary>
    public string? LawfulBasis { get; set; }

    /// <summary>The audience by profile attributes (every one must match, compared as text); null for a phone list.</summary>
    public Dictionary<string, string>? Attributes { get; set; }

    /// <summary>How many members the audience had when the campaign was accepted.</summary>
    public int Audience { get; set; }

    /// <summary>Members written into the inbox so far (for a phone list, also the position to resume from).</summary>
    public int Expanded { get; set; }

    /// <summary>For an attribute audience, the id of the last profile written; the expansion resumes after it.</summary>
    public string? Cursor { get; set; }

    /// <summary>Where the expansion is.</summary>
    public CampaignState State { get; set; }

    /// <summary>When it was accepted; every member's TTL runs from here.</summary>
    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>When the last member was written.</summary>
    public DateTimeOffset? ExpandedAt { get; set; }
}
