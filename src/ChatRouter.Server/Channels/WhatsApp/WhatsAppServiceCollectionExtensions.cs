using ChatRouter.Server.Templates;
using ChatRouter.WhatsAppTemplates;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace ChatRouter.Server.Channels.WhatsApp;

/// <summary>
/// Meta's Cloud API: options (validated at start, re-read on reload), the sender, and the WhatsApp message
/// template registry with its Graph API sync and the marketing opt-out buttons it knows.
/// </summary>
internal static class WhatsAppServiceCollectionExtensions
{
    public static IServiceCollection AddWhatsApp(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<WhatsAppOptions>().Bind(configuration.GetSection("WhatsApp")).ValidateDataAnnotations().ValidateOnStart();
        services.AddHttpClient<WhatsAppChannel>(c => c.Timeout = Timeout.InfiniteTimeSpan);
        services.AddHttpClient<WhatsAppTemplateClient>(c => c.Timeout = Timeout.InfiniteTimeSpan);
        services.AddSingleton<IChannel>(sp => sp.GetRequiredService<WhatsAppChannel>());
        services.AddSingleton<WhatsAppTemplateRegistry>();
        services.Replace(ServiceDescriptor.Singleton<IMarketingOptOutButtons, TemplateOptOutButtons>());
        // Registered before the outbox, so the registry is loaded before anything is sent (replays included).
        services.AddHostedService<WhatsAppTemplateLoader>();
        services.AddSingleton<PeriodicTemplateSync>();
        services.AddHostedService(sp => sp.GetRequiredService<PeriodicTemplateSync>());
        return services;
    }
}
