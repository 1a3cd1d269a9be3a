using ChatRouter.Audit;
using ChatRouter.Consents;
using ChatRouter.Conversations;

namespace ChatRouter.Reports;

/// <summary>
/// The stored facts a computation of the days <see cref="From"/> to <see cref="To"/> reads: everything from
/// <see cref="RollupBuilder.FactsSince"/> to <see cref="RollupBuilder.FactsUntil"/> (a day before, for
/// conversations already under way, and the reply and attribution windows after).
/// </summary>
/// <param name="From">The first day computed (UTC).</param>
/// <param name="To">The last day computed (UTC, inclusive).</param>
public sealed record RollupFacts(DateOnly From, DateOnly To)
{
    /// <summary>Audit records.</summary>
    public IReadOnlyList<AuditRecord> Audit { get; init; } = [];

    /// <summary>History entries of every conversation.</summary>
    public IReadOnlyList<ConversationMessage> Messages { get; init; } = [];

    /// <summary>Consent ledger entries.</summary>
    public IReadOnlyList<ConsentRecord> Consents { get; init; } = [];

    /// <summary>Handoffs, ended and open.</summary>
    public IReadOnlyList<HandoffFact> Handoffs { get; init; } = [];
}
