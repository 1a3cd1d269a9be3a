using ChatRouter.Audit;
using ChatRouter.Guardrails;
using ChatRouter.Messaging;
using ChatRouter.Profiles;
using ChatRouter.Wire;

namespace ChatRouter.Server.Proactive;

/// <summary>One business-initiated message and the guardrails' decision on it, with what the decision rests on.</summary>
internal sealed record ProactiveCase
{
    /// <summary>The event, with <see cref="BusinessEvent.AcceptedAt"/> set (its TTL counts from there).</summary>
    public required BusinessEvent Event { get; init; }

    /// <summary>See <see cref="ProactiveIds.Message"/>.</summary>
    public required string MessageId { get; init; }

    /// <summary>See <see cref="ProactiveIds.Record"/>.</summary>
    public required string RecordId { get; init; }

    /// <summary>The event type's class; null when the taxonomy does not know the type.</summary>
    public ContentClass? Content { get; init; }

    /// <summary>The customer's profile; null when the customer is new and nothing needed one yet.</summary>
    public CustomerProfile? Profile { get; init; }

    public required GuardrailDecision Decision { get; init; }

    /// <summary>When the message stops being sendable.</summary>
    public DateTimeOffset ExpiresAt { get; init; }

    /// <summary>The flow the event starts (and its version), for the audit.</summary>
    public AuditFlow? Flow { get; init; }

    public DateTimeOffset AcceptedAt => Event.AcceptedAt!.Value;

    public string Address => Event.CustomerId ?? Event.Phone?.TrimStart('+') ?? "";

    /// <summary><c>category:event type</c>, the audit's purpose of a business-initiated message.</summary>
    public string Purpose => $"{(Content is null ? "unknown" : WireName.Of(Content.Category))}:{Event.Type}";

    /// <summary>What the outbox planner needs to queue and audit the message's entries.</summary>
    public ProactiveSend ToSend() => new(
        RecordId,
        Content!.Category,
        Content.Urgency,
        Event.Type,
        Event.CampaignId,
        ExpiresAt,
        Decision.Consent is { } consent ? WireName.Of(consent.LawfulBasis) : null,
        Decision.Consent?.Reason,
        Decision.Reason,
        AuditKinds.Proactive);
}

/// <summary>A business-initiated send as the outbox planner records it.</summary>
/// <param name="RecordId">The first entry's id and its audit record's.</param>
/// <param name="Category">Content category.</param>
/// <param name="Urgency">Urgency (it orders the recipient's queue).</param>
/// <param name="EventType">The event type; null for a digest.</param>
/// <param name="CampaignId">The campaign, if any.</param>
/// <param name="ExpiresAt">When it stops being sendable.</param>
/// <param name="LawfulBasis">The lawful basis (wire name).</param>
/// <param name="Consent">The consent at the time, in words.</param>
/// <param name="Reason">The guardrails' reason.</param>
/// <param name="Kind"><c>proactive</c> or <c>digest</c>.</param>
internal sealed record ProactiveSend(
    string RecordId, ContentCategory Category, Urgency Urgency, string? EventType, string? CampaignId, DateTimeOffset ExpiresAt,
    string? LawfulBasis, string? Consent, string Reason, string Kind)
{
    public string Purpose => $"{WireName.Of(Category)}:{EventType ?? "digest"}";
}
