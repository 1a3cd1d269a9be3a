namespace ChatRouter.Server.Agents;

/// <summary>Handoffs to human agents: the timers (SLA warning, unclaimed notice).</summary>
internal static class AgentsServiceCollectionExtensions
{
    public static IServiceCollection AddAgents(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<HandoffOptions>().Bind(configuration.GetSection("Handoff")).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<HandoffMonitor>();
        services.AddHostedService(sp => sp.GetRequiredService<HandoffMonitor>());
        return services;
    }
}
