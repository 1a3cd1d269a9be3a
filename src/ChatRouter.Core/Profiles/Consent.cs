namespace ChatRouter.Profiles;

/// <summary>Whether business-initiated messages may be sent to a customer.</summary>
public enum ConsentStatus
{
    /// <summary>Never asked; only replies inside a customer-started conversation.</summary>
    Unknown,

    /// <summary>Explicitly opted in.</summary>
    OptedIn,

    /// <summary>Opted out: nothing business-initiated may be sent.</summary>
    OptedOut,
}

/// <summary>The consent state and its last change; <see cref="History"/> keeps every change for audit.</summary>
public sealed class Consent
{
    /// <summary>Current status.</summary>
    public ConsentStatus Status { get; set; }

    /// <summary>When it last changed.</summary>
    public DateTimeOffset? ChangedAt { get; set; }

    /// <summary>How it last changed, e.g. <c>keyword:STOP</c>, <c>flow:activation</c>, <c>whatsapp:user_preferences</c>.</summary>
    public string? Source { get; set; }

    /// <summary>Every change, oldest first.</summary>
    public List<ConsentChange> History { get; set; } = [];

    /// <summary>Records a change (also when the status stays the same: the customer confirmed it).</summary>
    public void Set(ConsentStatus status, DateTimeOffset at, string source)
    {
        Status = status;
        ChangedAt = at;
        Source = source;
        History.Add(new ConsentChange { Status = status, At = at, Source = source });
    }
}

/// <summary>One consent change.</summary>
public sealed class ConsentChange
{
    /// <summary>The new status.</summary>
    public ConsentStatus Status { get; set; }

    /// <summary>When.</summary>
    public DateTimeOffset At { get; set; }

    /// <summary>How.</summary>
    public string Source { get; set; } = "";
}
