using ChatRouter.Audit;
using ChatRouter.Conversations;
using ChatRouter.Inbox;
using ChatRouter.Review;
using ChatRouter.Server.Inbox;
using Microsoft.Extensions.Options;

namespace ChatRouter.Server.Retention;

/// <summary>Retention (<c>Retention:Messages</c>, <c>:Audit</c>, <c>:Review</c>, <c>:Interval</c>, <c>:HashSalt</c>), the hourly purge and erasure.</summary>
internal static class RetentionServiceCollectionExtensions
{
    public static IServiceCollection AddRetention(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<RetentionOptions>().Bind(configuration.GetSection("Retention")).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton(sp => new RetentionPurge(
            sp.GetRequiredService<IConversationStore>(),
            sp.GetRequiredService<IAuditStore>(),
            sp.GetRequiredService<IInboxStore>(),
            sp.GetRequiredService<IReviewStore>(),
            sp.GetRequiredService<IOptions<RetentionOptions>>().Value,
            sp.GetRequiredService<IOptions<InboxOptions>>().Value.Retention));
        services.AddSingleton<Pseudonyms>();
        services.AddSingleton<CustomerErasure>();
        services.AddSingleton<RetentionService>();
        services.AddHostedService(sp => sp.GetRequiredService<RetentionService>());
        return services;
    }
}
