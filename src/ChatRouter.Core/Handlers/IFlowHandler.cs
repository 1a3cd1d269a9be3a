using ChatRouter.Profiles;

namespace ChatRouter.Handlers;

/// <summary>
/// A named piece of business logic a flow calls (<c>{"do": "call", "handler": "orders.lookup"}</c>). It ends
/// with an outcome (<c>found</c>, <c>not_found</c>, <c>error</c> …) that the state's <c>outcome:</c> transitions route on.
/// </summary>
public interface IFlowHandler
{
    /// <summary>The name flows call it by, e.g. <c>orders.lookup</c>.</summary>
    string Name { get; }

    /// <summary>Every outcome it can end with; the validator checks transitions against them.</summary>
    IReadOnlyCollection<string> Outcomes { get; }

    /// <summary>Runs the handler. Exceptions are caught by the engine and routed as the <c>error</c> outcome.</summary>
    Task<HandlerResult> InvokeAsync(HandlerRequest request, CancellationToken cancellationToken);
}

/// <summary>What a handler is called with: the rendered arguments, the customer (mutable) and the locale.</summary>
public sealed record HandlerRequest(IReadOnlyDictionary<string, string> Args, CustomerProfile Profile, string Locale, DateTimeOffset Now)
{
    /// <summary>Records a consent entry: it becomes the customer's current consent and is appended to the ledger with the turn.</summary>
    public Action<Consents.ConsentEntry> RecordConsent { get; init; } = _ => { };
}

/// <summary>A handler's outcome and optional value (stored in the action's <c>into</c> slot).</summary>
public sealed record HandlerResult(string Outcome, object? Value = null)
{
    /// <summary>The outcome every handler may end with when it fails.</summary>
    public const string Error = "error";
}
