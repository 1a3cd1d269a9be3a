using System.Text.Json.Serialization;

namespace ChatRouter.Guardrails;

/// <summary>The one outcome recorded in the audit for a business-initiated message (wire <c>decision</c>).</summary>
public enum Decision
{
    /// <summary>Goes now.</summary>
    [JsonStringEnumMemberName("sent")]
    Sent,

    /// <summary>Goes later, at <see cref="GuardrailDecision.DueAt"/> (quiet hours or <c>sendAt</c>).</summary>
    [JsonStringEnumMemberName("deferred")]
    Deferred,

    /// <summary>Goes inside the customer's digest <see cref="GuardrailDecision.DigestKey"/>, due at <see cref="GuardrailDecision.DueAt"/>.</summary>
    [JsonStringEnumMemberName("digested")]
    Digested,

    /// <summary>Dropped: the customer's cap for its category is full.</summary>
    [JsonStringEnumMemberName("capped")]
    Capped,

    /// <summary>Dropped: the consent ledger refuses it.</summary>
    [JsonStringEnumMemberName("suppressed")]
    Suppressed,

    /// <summary>Dropped: not sendable before its event type's TTL ran out.</summary>
    [JsonStringEnumMemberName("expired")]
    Expired,

    /// <summary>Sent as a template because the 24-hour window had closed (set by the sender, not by the guardrails).</summary>
    [JsonStringEnumMemberName("downgraded")]
    Downgraded,

    /// <summary>The provider refused it for good (set by the sender, not by the guardrails).</summary>
    [JsonStringEnumMemberName("failed")]
    Failed,
}
