using ChatRouter.Server.Channels.WhatsApp;
using ChatRouter.Storage;
using Microsoft.Extensions.Options;

namespace ChatRouter.Server.Templates;

/// <summary>One WhatsApp message template sync outside the server: what <c>chatrouter templates sync</c> runs.</summary>
public static class WhatsAppTemplateSync
{
    /// <summary>
    /// Seeds the store from the registry file (<c>Flows:Path</c>), reads Meta's template list
    /// (<c>WhatsApp:ApiBaseUrl</c>, <c>WhatsApp:BusinessAccountId</c>, <c>WhatsApp:AccessToken</c>) and merges it into the
    /// store of <c>Storage:Path</c>. Returns one line per template: <c>name language STATUS [(was OLD)] vN [(was vM)] [new|removed]</c>.
    /// </summary>
    /// <exception cref="TemplateSyncException">Meta could not be read (<see cref="TemplateSyncException.IsConfiguration"/> for a setting).</exception>
    /// <exception cref="OptionsValidationException">The WhatsApp or Storage settings are invalid.</exception>
    /// <exception cref="StoreUnavailableException">The store cannot be opened.</exception>
    public static async Task<IReadOnlyList<string>> RunOnceAsync(IConfiguration configuration, ILoggerFactory loggers, TimeProvider time, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(time);
        var services = new ServiceCollection();
        services.AddSingleton(loggers);
        services.AddSingleton(typeof(ILogger<>), typeof(Logger<>));
        services.AddSingleton(time);
        services.AddStorage(configuration);
        services.AddOptions<WhatsAppOptions>().Bind(configuration.GetSection("WhatsApp")).ValidateDataAnnotations();
        services.AddHttpClient<WhatsAppTemplateClient>(c => c.Timeout = Timeout.InfiniteTimeSpan);
        services.AddSingleton<WhatsAppTemplateRegistry>();
        await using var provider = services.BuildServiceProvider();
        _ = provider.GetRequiredService<IOptions<WhatsAppOptions>>().Value;
        var client = provider.GetRequiredService<WhatsAppTemplateClient>();
        var registry = provider.GetRequiredService<WhatsAppTemplateRegistry>();
        // Meta first: a missing setting or a refused token fails before the store is touched.
        var listed = await client.ListAsync(cancellationToken);
        await registry.LoadAsync(configuration["Flows:Path"] ?? "flows", time.GetUtcNow(), cancellationToken);
        var changes = await registry.SyncAsync(listed, time.GetUtcNow(), cancellationToken);
        return [.. changes.Select(c => c.ToString())];
    }
}
