using System.Globalization;
using ChatRouter.Changelog;
using ChatRouter.Server.Security;

namespace ChatRouter.Server.Insight;

/// <summary><c>GET /api/changelog?since</c> (analyst, admin): what serve loaded, oldest first.</summary>
internal static class ChangelogEndpoints
{
    /// <summary>One entry as the contract gives it.</summary>
    public sealed record ChangelogView(DateTimeOffset At, string Kind, string Id, string? Version, string Hash, string Summary);

    public static IEndpointRouteBuilder MapChangelog(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/changelog", async (string? since, IServiceProvider services, CancellationToken cancellationToken) =>
            {
                if (InsightServiceCollectionExtensions.Unsupported<IChangelogStore>(services, "GET /api/changelog") is { } unsupported) return unsupported;
                var changelog = services.GetRequiredService<IChangelogStore>();
                DateTimeOffset? from = null;
                if (since is not null)
                {
                    if (!DateTimeOffset.TryParse(since, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at))
                        return Results.ValidationProblem(new Dictionary<string, string[]> { ["since"] = [$"must be an ISO 8601 instant such as 2026-01-15T00:00:00Z or a day such as 2026-01-15; got '{since}'."] });
                    from = at;
                }

                var entries = await changelog.ListAsync(from, cancellationToken);
                return Results.Ok(entries.Select(e => new ChangelogView(e.At, e.Kind, e.ItemId, e.Version, e.Hash, e.Summary)));
            })
            .RequireAuthorization(SecurityServiceCollectionExtensions.AnalystPolicy)
            .WithSummary("Flows, reply templates, WhatsApp message templates and models serve loaded, oldest first: ?since= (analyst, admin).");
        return app;
    }
}
