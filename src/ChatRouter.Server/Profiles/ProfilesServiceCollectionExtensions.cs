using ChatRouter.Guardrails;

// Not ChatRouter.Server.Profiles: that would hide ChatRouter.Profiles from the server's other namespaces (as Console is AgentConsole).
namespace ChatRouter.Server.CustomerProfiles;

/// <summary>The profiles API: <c>Profiles:DefaultRegion</c>, validated at start, and the phone reader.</summary>
internal static class ProfilesServiceCollectionExtensions
{
    public static IServiceCollection AddProfiles(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<ProfilesOptions>().Bind(configuration.GetSection("Profiles")).ValidateDataAnnotations().ValidateOnStart();
        // A profile shows its effective time zone, which falls back to Guardrails:DefaultTimeZone. Binding the same
        // section twice is harmless, so this reads it whether or not the guardrails are registered (they validate it).
        services.AddOptions<GuardrailOptions>().Bind(configuration.GetSection(GuardrailOptions.SectionName));
        services.AddSingleton<PhoneRoute>();
        return services;
    }
}
