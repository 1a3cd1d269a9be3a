using ChatRouter.Guardrails;

namespace ChatRouter.Outbox;

/// <summary>
/// What a replay does with one failed entry, decided again against consent, caps, quiet hours and TTL as if it were
/// queued now. <see cref="Decision.Sent"/>, <see cref="Decision.Deferred"/> and <see cref="Decision.Digested"/>
/// requeue it (not before <see cref="NotBefore"/>); <see cref="Decision.Suppressed"/> closes it as suppressed; any
/// other decision (expired, capped) leaves it failed. The decision and <see cref="Reason"/> go into its audit record.
/// </summary>
/// <param name="Id">The outbox entry.</param>
/// <param name="Decision">The guardrail decision now.</param>
/// <param name="Reason">Why, in one sentence.</param>
/// <param name="NotBefore">When a requeued entry is due (quiet hours); null for at once.</param>
/// <param name="WindowExpiresAt">The customer-service window as known now (the customer may have written since); null to keep the entry's.</param>
public sealed record OutboxReplay(string Id, Decision Decision, string Reason, DateTimeOffset? NotBefore = null, DateTimeOffset? WindowExpiresAt = null)
{
    /// <summary>Whether the entry goes back into the queue.</summary>
    public bool Requeues => Decision is Decision.Sent or Decision.Deferred or Decision.Digested;
}
