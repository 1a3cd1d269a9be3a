namespace ChatRouter.Messaging;

/// <summary>Something that happened while handling a message, besides replies (the simulator prints these).</summary>
public abstract record TurnEvent;

/// <summary>The classifier's verdict on a message.</summary>
public sealed record IntentEvent(string Text, string Intent, double Confidence, IReadOnlyList<Routing.IntentScore> Top) : TurnEvent;

/// <summary>The conversation was handed to a human agent.</summary>
public sealed record HandoffEvent(string Reason, string Queue) : TurnEvent;

/// <summary>The customer opted out (<c>optout</c>) or in (<c>optin</c>); <see cref="Purpose"/> is set when only one purpose changed.</summary>
public sealed record ConsentEvent(string Type, string Source) : TurnEvent
{
    /// <summary><c>marketing</c> for "stop promotions only"; null when it concerns everything the keyword covers.</summary>
    public string? Purpose { get; init; }
}

/// <summary>A flow emitted a business event (<c>emit</c> action).</summary>
public sealed record EmittedEvent(string Name, IReadOnlyDictionary<string, object?> Data) : TurnEvent;

/// <summary>The conversation moved to another flow or state.</summary>
public sealed record StateEvent(string Flow, string State) : TurnEvent;

/// <summary>Something failed; the customer got a safe reply.</summary>
public sealed record ErrorEvent(string Message) : TurnEvent;
