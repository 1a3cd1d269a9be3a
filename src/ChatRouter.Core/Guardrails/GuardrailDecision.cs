using ChatRouter.Consents;

namespace ChatRouter.Guardrails;

/// <summary>The guardrails' answer for one business-initiated message, with a short reason for the audit.</summary>
/// <param name="Decision">Sent, deferred, digested, capped, suppressed or expired.</param>
/// <param name="Reason">One short clause, e.g. "quiet hours 21:00-08:00 in Europe/Berlin".</param>
public sealed record GuardrailDecision(Decision Decision, string Reason)
{
    /// <summary>When a deferred message, or the digest a digested one joined, is due; null otherwise.</summary>
    public DateTimeOffset? DueAt { get; init; }

    /// <summary>For <see cref="Decision.Digested"/>: the digest's key within the customer, e.g. <c>marketing:20260115T120000Z</c>.</summary>
    public string? DigestKey { get; init; }

    /// <summary>The consent verdict the decision rests on (lawful basis and ledger entry for the audit); null if not checked.</summary>
    public ConsentVerdict? Consent { get; init; }
}
