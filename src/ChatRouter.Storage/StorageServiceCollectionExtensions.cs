using ChatRouter.Audit;
using ChatRouter.Campaigns;
using ChatRouter.Conversations;
using ChatRouter.Inbox;
using ChatRouter.Outbox;
using ChatRouter.Review;
using ChatRouter.Scheduling;
using ChatRouter.Storage.Audit;
using ChatRouter.Storage.Campaigns;
using ChatRouter.Storage.Conversations;
using ChatRouter.Storage.Inbox;
using ChatRouter.Storage.Outbox;
using ChatRouter.Storage.Review;
using ChatRouter.Storage.Scheduling;
using ChatRouter.Storage.Templates;
using ChatRouter.WhatsAppTemplates;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace ChatRouter.Storage;

/// <summary>Registers the embedded default store: one LiteDB file (<c>Storage:Path</c>, encrypted when <c>Storage:Password</c> is set).</summary>
public static class StorageServiceCollectionExtensions
{
    /// <summary>
    /// Adds every store the engine and server use (<see cref="IConversationStore"/>, <see cref="IInboxStore"/>,
    /// <see cref="IOutboxStore"/>, <see cref="IDowngradeStore"/>, <see cref="IHandoffHistory"/>,
    /// <see cref="IWhatsAppTemplateStore"/>, <see cref="IAuditStore"/>, <see cref="IScheduleStore"/>, <see cref="ICampaignStore"/>, <see cref="IReviewStore"/>) over one LiteDB file. <c>Storage:Path</c> <c>:memory:</c> keeps it in memory.
    /// The file opens (and its collections are created) when the first store is resolved; a file that cannot be
    /// opened throws <see cref="StoreUnavailableException"/>.
    /// </summary>
    public static IServiceCollection AddLiteDbStorage(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<StorageOptions>().Bind(configuration.GetSection("Storage")).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton(sp => LiteDbFile.Open(sp.GetRequiredService<IOptions<StorageOptions>>().Value));
        services.AddSingleton<IConversationStore>(sp => new LiteDbConversationStore(sp.GetRequiredService<LiteDbFile>()));
        services.AddSingleton<IInboxStore>(sp => new LiteDbInboxStore(sp.GetRequiredService<LiteDbFile>()));
        services.AddSingleton<IOutboxStore>(sp => new LiteDbOutboxStore(sp.GetRequiredService<LiteDbFile>()));
        services.AddSingleton<IDowngradeStore>(sp => new LiteDbDowngradeStore(sp.GetRequiredService<LiteDbFile>()));
        services.AddSingleton<IHandoffHistory>(sp => new LiteDbHandoffHistory(sp.GetRequiredService<LiteDbFile>()));
        services.AddSingleton<IWhatsAppTemplateStore>(sp => new LiteDbWhatsAppTemplateStore(sp.GetRequiredService<LiteDbFile>()));
        services.AddSingleton<IAuditStore>(sp => new LiteDbAuditStore(sp.GetRequiredService<LiteDbFile>()));
        services.AddSingleton<IScheduleStore>(sp => new LiteDbScheduleStore(sp.GetRequiredService<LiteDbFile>()));
        services.AddSingleton<ICampaignStore>(sp => new LiteDbCampaignStore(sp.GetRequiredService<LiteDbFile>()));
        services.AddSingleton<IReviewStore>(sp => new LiteDbReviewStore(sp.GetRequiredService<LiteDbFile>()));
        return services;
    }
}
