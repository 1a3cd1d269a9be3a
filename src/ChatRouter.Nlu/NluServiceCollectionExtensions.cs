using ChatRouter.Nlu.Runtime;
using ChatRouter.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ChatRouter.Nlu;

/// <summary>Registers the intent models of <c>Models:Path</c> as the engine's classifier and language detector.</summary>
public static class NluServiceCollectionExtensions
{
    /// <summary>
    /// Adds <see cref="IntentModels"/> (loaded at start, reloaded when a model file changes) as
    /// <see cref="IIntentClassifier"/> and <see cref="ILanguageDetector"/>, replacing the "understands nothing"
    /// default of the core. Options come from the <c>Models</c> section and are validated at start.
    /// </summary>
    public static IServiceCollection AddIntentClassifier(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<ModelOptions>().Bind(configuration.GetSection(ModelOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(sp =>
        {
            var options = sp.GetRequiredService<IOptions<ModelOptions>>().Value;
            var logger = sp.GetService<ILoggerFactory>()?.CreateLogger("ChatRouter.Nlu.IntentModels");
            return IntentModels.Load(options.Path, logger, sp.GetRequiredService<TimeProvider>(), options.ReloadInterval, options.AllowRegression);
        });
        services.Replace(ServiceDescriptor.Singleton<IIntentClassifier>(sp => sp.GetRequiredService<IntentModels>()));
        services.Replace(ServiceDescriptor.Singleton<ILanguageDetector>(sp => sp.GetRequiredService<IntentModels>()));
        return services;
    }
}
