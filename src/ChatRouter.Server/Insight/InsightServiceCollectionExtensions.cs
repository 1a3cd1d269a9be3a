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
        services.AddSingleton<ChangelogRecorder>();
        services.AddHostedService<ChangelogService>();
        services.AddHostedService<TemplateStatusMetrics>();
        return services;
    }

    public static IEndpointRouteBuilder MapInsight(this IEndpointRouteBuilder app)
    {
        app.MapKpis();
        app.MapChangelog();
        return app;
    }
}
