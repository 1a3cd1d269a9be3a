using ChatRouter.Audit;
using ChatRouter.Campaigns;
using ChatRouter.Conversations;
using ChatRouter.Inbox;
using ChatRouter.Outbox;
using ChatRouter.Review;
using ChatRouter.Scheduling;
using ChatRouter.Storage.Postgres;
using ChatRouter.Storage.Postgres.Audit;
using ChatRouter.Storage.Postgres.Campaigns;
using ChatRouter.Storage.Postgres.Conversations;
using ChatRouter.Storage.Postgres.Inbox;
using ChatRouter.Storage.Postgres.Outbox;
using ChatRouter.Storage.Postgres.Review;
using ChatRouter.Storage.Postgres.Scheduling;
using ChatRouter.Storage.Postgres.Templates;
using ChatRouter.WhatsAppTemplates;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace ChatRouter.Storage;

/// <summary>Registers the store <c>Storage:Provider</c> names: the LiteDB file by default, or PostgreSQL.</summary>
public static class PostgresStorageServiceCollectionExtensions
{
    /// <summary>
    /// Adds every store over the provider <c>Storage:Provider</c> names: <c>LiteDB</c> (the default, see
    /// <see cref="StorageServiceCollectionExtensions.AddLiteDbStorage"/>) or <c>PostgreSQL</c> (see <see cref="AddPostgreSqlStorage"/>).
    /// </summary>
    public static IServiceCollection AddStorage(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var options = configuration.GetSection("Storage").Get<StorageOptions>() ?? new StorageOptions();
        return options.IsPostgreSql ? services.AddPostgreSqlStorage(configuration) : services.AddLiteDbStorage(configuration);
    }

    /// <summary>
    /// Adds every store over PostgreSQL (<c>Storage:ConnectionString</c>). The database is reached, and the migrations
    /// it lacks applied, when the first store is resolved; a server that cannot be reached throws
    /// <see cref="StoreUnavailableException"/> with a one-line reason that never shows the password.
    /// </summary>
    public static IServiceCollection AddPostgreSqlStorage(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<StorageOptions>().Bind(configuration.GetSection("Storage")).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton(sp => PgDatabase.Open(sp.GetRequiredService<IOptions<StorageOptions>>().Value.ConnectionString));
        services.AddSingleton<IConversationStore>(sp => new PgConversationStore(sp.GetRequiredService<PgDatabase>()));
        services.AddSingleton<IInboxStore>(sp => new PgInboxStore(sp.GetRequiredService<PgDatabase>()));
        services.AddSingleton<IOutboxStore>(sp => new PgOutboxStore(sp.GetRequiredService<PgDatabase>()));
        services.AddSingleton<IDowngradeStore>(sp => new PgDowngradeStore(sp.GetRequiredService<PgDatabase>()));
        services.AddSingleton<IHandoffHistory>(sp => new PgHandoffHistory(sp.GetRequiredService<PgDatabase>()));
        services.AddSingleton<IWhatsAppTemplateStore>(sp => new PgWhatsAppTemplateStore(sp.GetRequiredService<PgDatabase>()));
        services.AddSingleton<IAuditStore>(sp => new PgAuditStore(sp.GetRequiredService<PgDatabase>()));
        services.AddSingleton<IScheduleStore>(sp => new PgScheduleStore(sp.GetRequiredService<PgDatabase>()));
        services.AddSingleton<ICampaignStore>(sp => new PgCampaignStore(sp.GetRequiredService<PgDatabase>()));
        services.AddSingleton<IReviewStore>(sp => new PgReviewStore(sp.GetRequiredService<PgDatabase>()));
        return services;
    }
}
