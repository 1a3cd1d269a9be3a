namespace ChatRouter.Server.Proactive;

/// <summary>
/// Business-initiated messages: the gate every business event passes before its turn, and the scheduler that sends
/// deferred messages and digests when due. The guardrails' options and policy come from <c>AddGuardrails</c> (Core).
/// </summary>
internal static class ProactiveServiceCollectionExtensions
{
    public static IServiceCollection AddProactive(this IServiceCollection services)
    {
        services.AddSingleton<ScheduleSignal>();
        services.AddSingleton<ProactiveGate>();
        services.AddSingleton<DigestSender>();
        services.AddSingleton<ProactiveScheduler>();
        services.AddHostedService(sp => sp.GetRequiredService<ProactiveScheduler>());
        return services;
    }
}
