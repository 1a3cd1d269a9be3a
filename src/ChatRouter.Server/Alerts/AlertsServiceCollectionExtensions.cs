namespace ChatRouter.Server.Alerts;

/// <summary>Alerts posted to a chat tool's incoming webhook (<c>Alerts:WebhookUrl</c>) on template rejections and send failures.</summary>
internal static class AlertsServiceCollectionExtensions
{
    public static IServiceCollection AddAlerts(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<AlertsOptions>()
            .Bind(configuration.GetSection("Alerts"))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        // The poster's own timeout (Alerts:Timeout) bounds each POST.
        services.AddHttpClient(nameof(AlertPoster), c => c.Timeout = Timeout.InfiniteTimeSpan);
        services.AddSingleton<AlertPoster>();
        services.AddHostedService(sp => sp.GetRequiredService<AlertPoster>());
        services.AddSingleton<SendFailureAlerts>();
        services.AddHostedService<TemplateAlerts>();
        return services;
    }
}
