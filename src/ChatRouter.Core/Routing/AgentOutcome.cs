namespace ChatRouter.Routing;

/// <summary>How an agent action went.</summary>
public enum AgentOutcome
{
    /// <summary>Done.</summary>
    Ok,

    /// <summary>No such conversation.</summary>
    NotFound,

    /// <summary>The conversation is not handed off.</summary>
    NoOpenHandoff,

    /// <summary>Another agent holds the handoff.</summary>
    ClaimedByOther,

    /// <summary>The agent does not hold the handoff.</summary>
    NotClaimed,

    /// <summary>The hand-back state does not exist.</summary>
    UnknownState,

    /// <summary>The 24-hour window has lapsed: only a WhatsApp message template may be sent.</summary>
    WindowLapsed,
}
