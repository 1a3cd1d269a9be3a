using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace ChatRouter.Guardrails;

/// <summary>Registers the guardrail policy and its options.</summary>
public static class GuardrailsServiceCollectionExtensions
{
    /// <summary>
    /// Binds <see cref="GuardrailOptions"/> to <c>Guardrails</c> and <see cref="EventOptions"/> to <c>Events</c>, validated at
    /// start-up, and adds a singleton <see cref="GuardrailPolicy"/> over them.
    /// </summary>
    public static IServiceCollection AddGuardrails(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<GuardrailOptions>().Bind(configuration.GetSection(GuardrailOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<EventOptions>().Bind(configuration.GetSection(EventOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddSingleton(sp => new GuardrailPolicy(
            sp.GetRequiredService<IOptions<GuardrailOptions>>().Value,
            sp.GetRequiredService<IOptions<EventOptions>>().Value));
        return services;
    }
}
