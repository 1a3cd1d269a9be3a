using ChatRouter.Reports;
using ChatRouter.Server.Security;
using Microsoft.Extensions.Options;

namespace ChatRouter.Server.Insight;

/// <summary><c>GET /api/reports/kpis</c> (analyst, admin): the KPIs of a range of days, grouped by one dimension.</summary>
internal static class KpiEndpoints
{
    /// <summary>The answer: the range read, the grouping, the goal and window conversions were counted with, and the rows.</summary>
    public sealed record KpiAnswer(DateOnly Since, DateOnly Until, string GroupBy, string? Goal, double WindowHours, IReadOnlyList<KpiRow> Rows);

    public static IEndpointRouteBuilder MapKpis(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/reports/kpis", async (
                    string? since, string? until, string? groupBy, string? goal, string? window,
                    IServiceProvider services, IOptionsMonitor<ReportsOptions> options, TimeProvider clock, CancellationToken cancellationToken) =>
                {
                    if (InsightServiceCollectionExtensions.Unsupported<IReportStore>(services, "GET /api/reports/kpis") is { } unsupported) return unsupported;
                    var kpis = services.GetRequiredService<KpiService>();
                    var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
                    if (KpiQuery.Read(since, until, groupBy, goal, window, options.CurrentValue, clock.GetUtcNow(), errors) is not { } query)
                        return Results.ValidationProblem(errors);
                    var rows = await kpis.RowsAsync(query, cancellationToken);
                    return Results.Ok(new KpiAnswer(query.From, query.To, query.GroupBy, query.Goal, query.Window.TotalHours, rows));
                })
            .RequireAuthorization(SecurityServiceCollectionExtensions.AnalystPolicy)
            .WithSummary("KPIs per day, flow, template, variant, locale or category: ?since=&until=&groupBy=&goal=&window= (analyst, admin).");
        return app;
    }
}
