using ChatRouter.Conversations;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace ChatRouter.Storage;

/// <summary>Registers the LiteDB store of <c>Storage:Path</c> (encrypted when <c>Storage:Password</c> is set).</summary>
public static class StorageServiceCollectionExtensions
{
    /// <summary>Adds <see cref="LiteDbStore"/> as the <see cref="IConversationStore"/>.</summary>
    public static IServiceCollection AddLiteDbStorage(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<StorageOptions>().Bind(configuration.GetSection("Storage")).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton(sp => new LiteDbStore(sp.GetRequiredService<IOptions<StorageOptions>>().Value));
        services.AddSingleton<IConversationStore>(sp => sp.GetRequiredService<LiteDbStore>());
        return services;
    }
}
