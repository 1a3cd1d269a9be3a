using ChatRouter.Server.Outbox;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace ChatRouter.Server.Downgrades;

/// <summary>Downgrades that reach a person: options (validated at start), the email and ticket connectors, the durable sender.</summary>
internal static class DowngradesServiceCollectionExtensions
{
    public static IServiceCollection AddDowngrades(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<DowngradeOptions>().Bind(configuration.GetSection("Downgrade")).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<IValidateOptions<DowngradeOptions>, DowngradeOptionsValidator>();
        services.AddSingleton<IDowngradeConnector, EmailConnector>();
        services.AddHttpClient<TicketConnector>(c => c.Timeout = Timeout.InfiniteTimeSpan);
        services.AddSingleton<IDowngradeConnector>(sp => sp.GetRequiredService<TicketConnector>());
        services.AddSingleton<DowngradeSender>();
        services.AddHostedService(sp => sp.GetRequiredService<DowngradeSender>());
        services.Replace(ServiceDescriptor.Singleton<IDowngradeChannel, DurableDowngrade>());
        return services;
    }
}
