using ChatRouter.Conversations;
using ChatRouter.Reports;
using ChatRouter.Server.Agents;
using ChatRouter.Server.Security;
using Microsoft.Extensions.Options;

namespace ChatRouter.Server.Insight;

/// <summary>
/// <c>GET /api/reports/sla-breaches</c> (analyst, admin): per queue, the handoffs requested in a range of UTC days
/// and how many waited past the queue's SLA. Counted from the stored handoff records (and the handoffs still
/// open), not from the monitor's in-memory counter, so a restart loses nothing. The wait runs from the request
/// to the claim (to the release when nobody claimed it, to now while it is open), and is measured against the
/// SLA configured now, at report time: changing <c>Handoff:Sla</c> re-reads history with the new promise.
/// </summary>
internal static class SlaBreachEndpoints
{
    /// <summary>One queue: its SLA now, its handoffs in the range and how many of them breached it.</summary>
    public sealed record SlaBreachRow(string Queue, long SlaSeconds, int Handoffs, int Breached);

    /// <summary>The answer: the range read and a row per queue, most breaches first.</summary>
    public sealed record SlaBreachAnswer(DateOnly Since, DateOnly Until, IReadOnlyList<SlaBreachRow> Rows);

    public static IEndpointRouteBuilder MapSlaBreaches(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/reports/sla-breaches", async (
                    string? since, string? until, IServiceProvider services, IConversationStore conversations,
                    IOptionsMonitor<ReportsOptions> reports, IOptionsMonitor<HandoffOptions> handoffs, TimeProvider clock, CancellationToken cancellationToken) =>
                {
                    if (InsightServiceCollectionExtensions.Unsupported<IReportStore>(services, "GET /api/reports/sla-breaches") is { } unsupported) return unsupported;
                    var now = clock.GetUtcNow();
                    var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
                    // The same range rules (and messages) as the KPIs; the other KPI parameters are not read here.
                    if (KpiQuery.Read(since, until, null, null, null, reports.CurrentValue, now, errors) is not { } query)
                        return Results.ValidationProblem(errors);
                    var from = RollupBuilder.StartOf(query.From);
                    var to = RollupBuilder.StartOf(query.To).AddDays(1);
                    var ended = await services.GetRequiredService<IReportStore>().HandoffsRequestedAsync(from, to, cancellationToken);
                    var open = (await conversations.OpenHandoffsAsync(cancellationToken))
                        .Select(c => c.Handoff!).Where(h => h.RequestedAt >= from && h.RequestedAt < to);
                    var waits = ended.Select(r => (r.Queue, r.RequestedAt, End: r.ClaimedAt ?? r.ReleasedAt))
                        .Concat(open.Select(h => (h.Queue, h.RequestedAt, End: h.ClaimedAt ?? now)));
                    return Results.Ok(new SlaBreachAnswer(query.From, query.To, Rows(waits, handoffs.CurrentValue, now)));
                })
            .RequireAuthorization(SecurityServiceCollectionExtensions.AnalystPolicy)
            .WithSummary("Handoffs past their queue's SLA per queue, from the stored handoff records: ?since=&until= (analyst, admin).");
        return app;
    }

    private static List<SlaBreachRow> Rows(IEnumerable<(string Queue, DateTimeOffset RequestedAt, DateTimeOffset End)> waits, HandoffOptions options, DateTimeOffset now) =>
        [.. waits.GroupBy(w => w.Queue, StringComparer.OrdinalIgnoreCase)
            .Select(g =>
            {
                var sla = options.SlaOf(g.Key);
                return new SlaBreachRow(g.Key, (long)sla.TotalSeconds, g.Count(), g.Count(w => HandoffSla.OverSeconds(w.RequestedAt, w.End, sla, now) > 0));
            })
            .OrderByDescending(r => r.Breached).ThenBy(r => r.Queue, StringComparer.Ordinal)];
}
