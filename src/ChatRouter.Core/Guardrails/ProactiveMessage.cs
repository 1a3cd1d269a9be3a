using ChatRouter.Consents;

namespace ChatRouter.Guardrails;

/// <summary>One business-initiated message as the guardrails see it: no text, only what decides whether and when it goes.</summary>
public sealed record ProactiveMessage
{
    /// <summary>A stable id (the outbox id): it seeds the quiet-hours jitter, so a replay lands on the same instant.</summary>
    public required string Id { get; init; }

    /// <summary>The event type, e.g. <c>order.shipped</c>; it selects <c>Events:Ttl:&lt;event type&gt;</c>.</summary>
    public required string EventType { get; init; }

    /// <summary>Category and urgency, from the event type's declaration.</summary>
    public required ContentClass Content { get; init; }

    /// <summary>When the event was accepted; TTL and <c>sendAt.localTime</c> count from here.</summary>
    public required DateTimeOffset CreatedAt { get; init; }

    /// <summary>The event's <c>sendAt</c>, if any.</summary>
    public SendAt? SendAt { get; init; }

    /// <summary>The event's <c>lawfulBasis</c>, if it named one.</summary>
    public LawfulBasis? LawfulBasis { get; init; }
}
