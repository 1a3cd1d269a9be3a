namespace ChatRouter.Server.Agents;

/// <summary>
/// How far a handoff went past its queue's SLA, in one place for the agent queue and the breach report. The SLA
/// promises a claim: the wait runs from the request to the claim, or to now while nobody has claimed it, so a
/// claimed handoff keeps the overshoot it had when it was taken.
/// </summary>
internal static class HandoffSla
{
    /// <summary>Whole seconds past <paramref name="sla"/>; 0 when within it.</summary>
    public static long OverSeconds(DateTimeOffset requestedAt, DateTimeOffset? claimedAt, TimeSpan sla, DateTimeOffset now)
    {
        var waited = (claimedAt ?? now) - requestedAt;
        return waited > sla ? (long)(waited - sla).TotalSeconds : 0;
    }
}
