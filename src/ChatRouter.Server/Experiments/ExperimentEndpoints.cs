using ChatRouter.Experiments;
using ChatRouter.Flows;
using ChatRouter.Server.Security;

namespace ChatRouter.Server.Experiments;

/// <summary><c>GET /api/experiments</c> and <c>GET /api/experiments/{name}</c> (analyst, admin): per-variant counts, lift and verdict.</summary>
internal static class ExperimentEndpoints
{
    public static IEndpointRouteBuilder MapExperiments(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/experiments", ListAsync)
            .RequireAuthorization(SecurityServiceCollectionExtensions.AnalystPolicy)
            .WithSummary("Every experiment in flows/experiments with its per-variant counts, lift and verdict (analyst, admin).")
            .Produces<IReadOnlyList<ExperimentReport>>();
        app.MapGet("/api/experiments/{name}", GetAsync)
            .RequireAuthorization(SecurityServiceCollectionExtensions.AnalystPolicy)
            .WithSummary("One experiment's per-variant counts, lift against the control with a 95 % interval, p-value and verdict (analyst, admin).")
            .Produces<ExperimentReport>()
            .ProducesProblem(StatusCodes.Status404NotFound);
        return app;
    }

    private static async Task<IResult> ListAsync(FlowSource flows, ExperimentFacts facts, CancellationToken cancellationToken)
    {
        var reports = new List<ExperimentReport>();
        foreach (var experiment in flows.Current.Experiments.All) reports.Add(await facts.ReportAsync(experiment, cancellationToken));
        return Results.Ok(reports);
    }

    private static async Task<IResult> GetAsync(string name, FlowSource flows, ExperimentFacts facts, CancellationToken cancellationToken)
    {
        var experiments = flows.Current.Experiments;
        if (experiments.Find(name) is not { } experiment)
        {
            var known = experiments.All.Select(e => e.Name).ToList();
            return Results.Problem(
                $"No experiment '{name}' is loaded; {(known.Count == 0 ? "there are none (add flows/experiments/<name>.json and check it with chatrouter validate)" : "known: " + string.Join(", ", known))}.",
                statusCode: StatusCodes.Status404NotFound);
        }

        return Results.Ok(await facts.ReportAsync(experiment, cancellationToken));
    }
}
