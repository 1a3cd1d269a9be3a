using ChatRouter.Consents;

namespace ChatRouter.Guardrails;

/// <summary>What the guardrails need to know about one customer, loaded by the store for each decision.</summary>
public sealed record GuardrailCustomer
{
    /// <summary>The resolved IANA zone (<see cref="Identity.CustomerTimeZone.Id"/>); an unknown id falls back to <c>Guardrails:DefaultTimeZone</c>.</summary>
    public required string TimeZone { get; init; }

    /// <summary>The consent ledger's entries, in append order.</summary>
    public IReadOnlyList<ConsentEntry> Consent { get; init; } = [];

    /// <summary>
    /// Business-initiated messages (single or digest) already sent to the customer, at least those inside the longest cap
    /// period; replies in a customer-started conversation do not count.
    /// </summary>
    public IReadOnlyList<PastSend> Sends { get; init; } = [];

    /// <summary>The customer's <c>low</c> messages that were digested and have not gone yet.</summary>
    public IReadOnlyList<ProactiveMessage> PendingLow { get; init; } = [];
}

/// <summary>One business-initiated message that went to the customer.</summary>
/// <param name="Category">Its category (a digest counts once, in its items' category).</param>
/// <param name="At">When it was sent.</param>
public readonly record struct PastSend(ContentCategory Category, DateTimeOffset At);
