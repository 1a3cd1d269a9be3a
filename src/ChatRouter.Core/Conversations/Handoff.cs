namespace ChatRouter.Conversations;

/// <summary>Where a handoff is: waiting for an agent, held by one, or ended.</summary>
public enum HandoffStatus
{
    /// <summary>In the queue, no agent yet.</summary>
    Waiting,

    /// <summary>An agent holds it.</summary>
    Claimed,

    /// <summary>Handed back to the bot.</summary>
    Released,
}

/// <summary>An episode inside a conversation in which a human agent answers instead of the bot.</summary>
public sealed class Handoff
{
    /// <summary>Episode id.</summary>
    public string Id { get; set; } = "";

    /// <summary>Current status.</summary>
    public HandoffStatus Status { get; set; }

    /// <summary>Agent queue, e.g. <c>support</c>.</summary>
    public string Queue { get; set; } = "support";

    /// <summary><c>keyword</c>, <c>low_confidence</c>, <c>sensitive_intent</c> or <c>flow</c>.</summary>
    public string Reason { get; set; } = "";

    /// <summary>When the bot handed off.</summary>
    public DateTimeOffset RequestedAt { get; set; }

    /// <summary>The name of the agent holding it (shown to people).</summary>
    public string? ClaimedBy { get; set; }

    /// <summary>The identity of the agent holding it (<see cref="AgentIdentity.Id"/>): what a claim is checked against.</summary>
    public string? ClaimedById { get; set; }

    /// <summary>Whether <paramref name="agent"/> holds this handoff.</summary>
    public bool IsHeldBy(AgentIdentity agent) => agent is not null && ClaimedById is not null && string.Equals(ClaimedById, agent.Id, StringComparison.Ordinal);

    /// <summary>When it was claimed.</summary>
    public DateTimeOffset? ClaimedAt { get; set; }

    /// <summary>When an agent first answered the customer.</summary>
    public DateTimeOffset? FirstResponseAt { get; set; }

    /// <summary>When it was handed back.</summary>
    public DateTimeOffset? ReleasedAt { get; set; }

    /// <summary>Set once the unclaimed notice and downgrade were sent.</summary>
    public DateTimeOffset? UnclaimedNoticeAt { get; set; }

    /// <summary>Set once the SLA warning was raised.</summary>
    public DateTimeOffset? SlaWarnedAt { get; set; }

    /// <summary>A copy of this episode.</summary>
    public Handoff Copy() => (Handoff)MemberwiseClone();
}
