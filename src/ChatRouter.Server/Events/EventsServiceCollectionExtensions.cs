namespace ChatRouter.Server.Events;

/// <summary>The events API: its limits, validated at start (the endpoint is mapped by <c>MapEvents</c>).</summary>
internal static class EventsServiceCollectionExtensions
{
    public static IServiceCollection AddEvents(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<EventsOptions>().Bind(configuration.GetSection("Events")).ValidateDataAnnotations().ValidateOnStart();
        return services;
    }
}
