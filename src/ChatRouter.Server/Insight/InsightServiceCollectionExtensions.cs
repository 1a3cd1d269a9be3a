using ChatRouter.Changelog;
using ChatRouter.Server.Metrics;

namespace ChatRouter.Server.Insight;

/// <summary>Insight: KPI reports from daily rollups and the changelog of loaded content (mapped by <c>MapInsight</c>).</summary>
internal static class InsightServiceCollectionExtensions
{
    public static IServiceCollection AddInsight(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<ReportsOptions>()
            .Bind(configuration.GetSection("Reports"))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddSingleton<KpiService>();
        services.AddSingleton(sp => new ChangelogRecorder(sp.GetRequiredService<IChangelogStore>(), sp.GetRequiredService<TimeProvider>()));
        services.AddHostedService<ChangelogService>();
        services.AddHostedService<TemplateStatusMetrics>();
        return services;
    }

    /// <summary>
    /// A 501 naming the setting when the storage provider has no <typeparamref name="TStore"/> (only LiteDB has the
    /// report and changelog stores so far), else null.
    /// </summary>
    public static IResult? Unsupported<TStore>(IServiceProvider services, string route) where TStore : class =>
        services.GetService<TStore>() is null
            ? Results.Problem($"{route} needs Storage:Provider=LiteDB: this storage provider has no {typeof(TStore).Name} yet.", statusCode: StatusCodes.Status501NotImplemented)
            : null;

    public static IEndpointRouteBuilder MapInsight(this IEndpointRouteBuilder app)
    {
        app.MapKpis();
        app.MapChangelog();
        app.MapSlaBreaches();
        return app;
    }
}
