using ChatRouter.Consents;
using ChatRouter.Conversations;

namespace ChatRouter.Reports;

/// <summary>
/// The daily rollups behind <c>GET /api/reports/kpis</c> and the stored facts they are computed from that other
/// stores do not list by time (history entries, the consent ledger, ended handoffs). Rollups of a day are
/// replaced whole, so recomputing a day is idempotent.
/// </summary>
public interface IReportStore
{
    /// <summary>
    /// Replaces every rollup of the days <paramref name="from"/> to <paramref name="to"/> (inclusive) with
    /// <paramref name="rollups"/> and marks those days computed at <paramref name="computedAt"/>, atomically.
    /// </summary>
    Task ReplaceAsync(DateOnly from, DateOnly to, IReadOnlyList<DailyRollup> rollups, DateTimeOffset computedAt, CancellationToken cancellationToken);

    /// <summary>The rollups of <paramref name="dimension"/> for the days <paramref name="from"/> to <paramref name="to"/> (inclusive).</summary>
    Task<IReadOnlyList<DailyRollup>> RollupsAsync(string dimension, DateOnly from, DateOnly to, CancellationToken cancellationToken);

    /// <summary>When each day from <paramref name="from"/> to <paramref name="to"/> was last computed; days never computed are absent.</summary>
    Task<IReadOnlyDictionary<DateOnly, DateTimeOffset>> ComputedAsync(DateOnly from, DateOnly to, CancellationToken cancellationToken);

    /// <summary>History entries of every conversation written at or after <paramref name="since"/> and before <paramref name="until"/>.</summary>
    IAsyncEnumerable<ConversationMessage> MessagesAsync(DateTimeOffset since, DateTimeOffset until, CancellationToken cancellationToken);

    /// <summary>Consent ledger entries of every customer taken at or after <paramref name="since"/> and before <paramref name="until"/>.</summary>
    IAsyncEnumerable<ConsentRecord> ConsentsAsync(DateTimeOffset since, DateTimeOffset until, CancellationToken cancellationToken);

    /// <summary>Ended handoff episodes requested at or after <paramref name="since"/> and before <paramref name="until"/>.</summary>
    Task<IReadOnlyList<HandoffRecord>> HandoffsRequestedAsync(DateTimeOffset since, DateTimeOffset until, CancellationToken cancellationToken);

    /// <summary>When the oldest stored audit record or history entry was written (where a rebuild starts), or null when there are none.</summary>
    Task<DateTimeOffset?> OldestFactAsync(CancellationToken cancellationToken);
}
