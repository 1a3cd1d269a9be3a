using ChatRouter.Server.Webhooks;

namespace ChatRouter.Server.Inbox;

/// <summary>The durable inbox: the writer every webhook and the events API store through, the shared webhook steps, and the ordered processor.</summary>
internal static class InboxServiceCollectionExtensions
{
    public static IServiceCollection AddInbox(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<WebhookOptions>().Bind(configuration.GetSection("Webhooks")).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<InboxOptions>().Bind(configuration.GetSection("Inbox")).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<InboxWriter>();
        services.AddSingleton<WebhookPipeline>();
        services.AddSingleton<InboundLimiter>();
        services.AddSingleton<InboxDispatcher>();
        services.AddSingleton<InboxProcessor>();
        services.AddHostedService(sp => sp.GetRequiredService<InboxProcessor>());
        return services;
    }
}
