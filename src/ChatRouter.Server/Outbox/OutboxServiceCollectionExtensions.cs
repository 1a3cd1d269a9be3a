using ChatRouter.Server.Metrics;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace ChatRouter.Server.Outbox;

/// <summary>The durable outbox: its paced sender, delivery tracking, the downgrade hook and the reports on it.</summary>
internal static class OutboxServiceCollectionExtensions
{
    public static IServiceCollection AddOutbox(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<OutboxOptions>().Bind(configuration.GetSection("Outbox")).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddSingleton<IDowngradeChannel, RecordingDowngrade>();
        services.TryAddSingleton<ServerMetrics>();
        services.AddSingleton<DeliveryTracker>();
        services.AddSingleton<OutboxDelivery>();
        services.AddSingleton<OutboxSender>();
        services.AddHostedService(sp => sp.GetRequiredService<OutboxSender>());
        return services;
    }
}
