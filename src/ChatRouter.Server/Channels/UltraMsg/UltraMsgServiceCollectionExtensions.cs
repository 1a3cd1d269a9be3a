namespace ChatRouter.Server.Channels.UltraMsg;

/// <summary>The UltraMsg gateway: options, the sender, and the other instances the webhook has reported.</summary>
internal static class UltraMsgServiceCollectionExtensions
{
    public static IServiceCollection AddUltraMsg(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<UltraMsgOptions>().Bind(configuration.GetSection("UltraMsg")).ValidateDataAnnotations().ValidateOnStart();
        services.AddHttpClient<UltraMsgChannel>(c => c.Timeout = Timeout.InfiniteTimeSpan);
        services.AddSingleton<IChannel>(sp => sp.GetRequiredService<UltraMsgChannel>());
        services.AddSingleton<ForeignInstances>();
        return services;
    }
}
