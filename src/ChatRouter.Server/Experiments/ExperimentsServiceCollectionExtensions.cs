namespace ChatRouter.Server.Experiments;

/// <summary>Experiment reports: their options and the facts reader behind <c>MapExperiments</c>.</summary>
internal static class ExperimentsServiceCollectionExtensions
{
    public static IServiceCollection AddExperiments(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<ExperimentsOptions>()
            .Bind(configuration.GetSection("Experiments"))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddSingleton<ExperimentFacts>();
        return services;
    }
}
