using ChatRouter.Guardrails;

namespace ChatRouter.Server.Outbox;

/// <summary>Replay after an outage (mapped by <c>MapOutboxReplay</c>): a judge and a replayer per request, over the guardrail policy.</summary>
internal static class ReplayServiceCollectionExtensions
{
    public static IServiceCollection AddOutboxReplay(this IServiceCollection services, IConfiguration configuration)
    {
        // The policy replay re-checks with; the guardrail gate registers the same (TryAdd), so one instance serves both.
        services.AddGuardrails(configuration);
        services.AddTransient<ReplayJudge>();
        services.AddTransient<OutboxReplayer>();
        return services;
    }
}
