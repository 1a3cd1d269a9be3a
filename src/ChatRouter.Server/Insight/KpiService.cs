using ChatRouter.Audit;
using ChatRouter.Conversations;
using ChatRouter.Flows;
using ChatRouter.Reports;
using Microsoft.Extensions.Options;

namespace ChatRouter.Server.Insight;

/// <summary>
/// Answers KPI reports from daily rollups, computing (and storing) the days that are missing or were computed
/// before their facts settled. A settled day is read, never recomputed, so a year's report reads a few thousand
/// rollups; only the last days (reply and attribution windows still open) are computed from the records again,
/// at most once per <see cref="ReportsOptions.RefreshInterval"/>.
/// </summary>
internal sealed class KpiService(
    IReportStore reports, IAuditStore audit, IConversationStore conversations, FlowSource flows, IOptionsMonitor<ReportsOptions> options, TimeProvider clock) : IDisposable
{
    // Days are computed a week at a time, so memory holds a week of records, not the whole range.
    private const int ChunkDays = 7;

    // One computation at a time: two requests for the same days would compute them twice.
    private readonly SemaphoreSlim _computing = new(1, 1);

    /// <summary>The rows of <paramref name="query"/>.</summary>
    public async Task<IReadOnlyList<KpiRow>> RowsAsync(KpiQuery query, CancellationToken cancellationToken)
    {
        var settings = options.CurrentValue;
        var stored = query.Goal is null || (settings.Goals.Contains(query.Goal, StringComparer.Ordinal) && query.Window == settings.AttributionWindow);
        if (!stored)
        {
            // A goal or window the rollups do not keep: computed from the records, kept nowhere.
            var adHoc = new RollupBuilder(flows.Current, [new ReportGoal(null, query.Goal!, query.Window)]);
            var rollups = adHoc.Build(await FactsAsync(adHoc, query.From, query.To, cancellationToken));
            return KpiReport.Rows(rollups.Where(r => r.Dimension == query.GroupBy), query.Goal);
        }

        await RefreshAsync(query.From, query.To, cancellationToken);
        return KpiReport.Rows(await reports.RollupsAsync(query.GroupBy, query.From, query.To, cancellationToken), query.Goal);
    }

    /// <summary>Computes the days of the range that are missing or unsettled, up to today.</summary>
    public async Task RefreshAsync(DateOnly from, DateOnly to, CancellationToken cancellationToken)
    {
        await _computing.WaitAsync(cancellationToken);
        try
        {
            var now = clock.GetUtcNow();
            var today = DateOnly.FromDateTime(now.UtcDateTime);
            var builder = Builder();
            var refresh = options.CurrentValue.RefreshInterval;
            var computed = await reports.ComputedAsync(from, to, cancellationToken);
            var stale = new List<DateOnly>();
            for (var day = from; day <= to && day <= today; day = day.AddDays(1))
            {
                // Settled days are final; unsettled ones are served for RefreshInterval, then computed again.
                if (!computed.TryGetValue(day, out var at) || (at < RollupBuilder.StartOf(day).AddDays(1) + builder.Settling && now - at >= refresh)) stale.Add(day);
            }

            foreach (var (first, last) in Runs(stale))
            {
                var rollups = builder.Build(await FactsAsync(builder, first, last, cancellationToken));
                await reports.ReplaceAsync(first, last, rollups, now, cancellationToken);
            }
        }
        finally
        {
            _computing.Release();
        }
    }

    public void Dispose() => _computing.Dispose();

    private RollupBuilder Builder()
    {
        var settings = options.CurrentValue;
        return new RollupBuilder(flows.Current, [.. settings.Goals.Distinct(StringComparer.Ordinal).Select(g => new ReportGoal(null, g, settings.AttributionWindow))]);
    }

    // Consecutive days in runs of at most ChunkDays.
    private static IEnumerable<(DateOnly First, DateOnly Last)> Runs(List<DateOnly> days)
    {
        for (var i = 0; i < days.Count;)
        {
            var j = i;
            while (j + 1 < days.Count && days[j + 1] == days[j].AddDays(1) && j + 1 - i < ChunkDays) j++;
            yield return (days[i], days[j]);
            i = j + 1;
        }
    }

    private async Task<RollupFacts> FactsAsync(RollupBuilder builder, DateOnly from, DateOnly to, CancellationToken cancellationToken)
    {
        var since = RollupBuilder.FactsSince(from);
        var until = builder.FactsUntil(to);
        var ended = await reports.HandoffsRequestedAsync(since, until, cancellationToken);
        var open = await conversations.OpenHandoffsAsync(cancellationToken);
        return new RollupFacts(from, to)
        {
            Audit = await audit.QueryAsync(new AuditQuery { Since = since, Until = until }, cancellationToken).ToListAsync(cancellationToken),
            Messages = await reports.MessagesAsync(since, until, cancellationToken).ToListAsync(cancellationToken),
            Consents = await reports.ConsentsAsync(since, until, cancellationToken).ToListAsync(cancellationToken),
            Handoffs =
            [
                .. ended.Select(h => new HandoffFact(h.ConversationId, h.RequestedAt, h.FirstResponseAt, h.ReleasedAt)),
                .. open.Where(c => c.Handoff is { } h && h.RequestedAt >= since && h.RequestedAt < until)
                    .Select(c => new HandoffFact(c.Id, c.Handoff!.RequestedAt, c.Handoff.FirstResponseAt, null)),
            ],
        };
    }
}
