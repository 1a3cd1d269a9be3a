using ChatRouter.Server.Channels;
using ChatRouter.Server.Channels.UltraMsg;
using ChatRouter.Server.Channels.WhatsApp;
using ChatRouter.Server.Inbox;
using ChatRouter.Server.Metrics;
using ChatRouter.Server.Outbox;
using ChatRouter.Server.Templates;
using ChatRouter.Server.Webhooks;
using ChatRouter.Storage;
using ChatRouter.Storage.Inbox;
using ChatRouter.Storage.Outbox;
using ChatRouter.Storage.Templates;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace ChatRouter.Server.Hosting;

/// <summary>Registration of the server's parts, one method per concern (called from <see cref="ChatRouterServer.Build"/>).</summary>
internal static class ServerServiceCollectionExtensions
{
    /// <summary>The durable inbox, its processor, and the webhook limits.</summary>
    public static IServiceCollection AddInbox(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<WebhookOptions>().Bind(configuration.GetSection("Webhooks")).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<InboxOptions>().Bind(configuration.GetSection("Inbox")).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton(sp => new InboxStore(sp.GetRequiredService<LiteDbStore>()));
        services.AddSingleton<WebhookReceiver>();
        services.AddSingleton<NotificationDispatcher>();
        services.AddSingleton<InboxProcessor>();
        services.AddHostedService(sp => sp.GetRequiredService<InboxProcessor>());
        return services;
    }

    /// <summary>The durable outbox, its paced sender, delivery tracking, templates and the downgrade hook.</summary>
    public static IServiceCollection AddOutbox(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<OutboxOptions>().Bind(configuration.GetSection("Outbox")).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton(sp => new OutboxStore(sp.GetRequiredService<LiteDbStore>()));
        services.AddSingleton(sp => new DowngradeStore(sp.GetRequiredService<LiteDbStore>()));
        services.AddSingleton(sp => new WhatsAppTemplateStore(sp.GetRequiredService<LiteDbStore>()));
        services.AddSingleton<WhatsAppTemplateRegistry>();
        services.TryAddSingleton<IDowngradeChannel, RecordingDowngrade>();
        services.AddSingleton<DeliveryTracker>();
        services.AddSingleton<OutboxDelivery>();
        services.AddSingleton<OutboxSender>();
        services.AddHostedService(sp => sp.GetRequiredService<OutboxSender>());
        services.AddSingleton<ServerMetrics>();
        return services;
    }

    /// <summary>Handoffs to human agents: timers (SLA, unclaimed notice) and the episode history.</summary>
    public static IServiceCollection AddAgents(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<Agents.HandoffOptions>().Bind(configuration.GetSection("Handoff")).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton(sp => new Storage.Handoffs.HandoffHistory(sp.GetRequiredService<LiteDbStore>()));
        services.AddSingleton<Agents.HandoffMonitor>();
        services.AddHostedService(sp => sp.GetRequiredService<Agents.HandoffMonitor>());
        return services;
    }

    /// <summary>Meta's Cloud API: options (validated at start) and the sender.</summary>
    public static IServiceCollection AddWhatsApp(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<WhatsAppOptions>().Bind(configuration.GetSection("WhatsApp")).ValidateDataAnnotations().ValidateOnStart();
        services.AddHttpClient<WhatsAppChannel>(c => c.Timeout = Timeout.InfiniteTimeSpan);
        services.AddSingleton<IChannel>(sp => sp.GetRequiredService<WhatsAppChannel>());
        return services;
    }

    /// <summary>The UltraMsg gateway: options and the sender.</summary>
    public static IServiceCollection AddUltraMsg(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<UltraMsgOptions>().Bind(configuration.GetSection("UltraMsg")).ValidateDataAnnotations().ValidateOnStart();
        services.AddHttpClient<UltraMsgChannel>(c => c.Timeout = Timeout.InfiniteTimeSpan);
        services.AddSingleton<IChannel>(sp => sp.GetRequiredService<UltraMsgChannel>());
        return services;
    }
}
