using ChatRouter.Server.Channels.WhatsApp;
using ChatRouter.Server.Templates;
using ChatRouter.Storage;
using ChatRouter.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ChatRouter.Server.Tests.Templates;

/// <summary>A WhatsApp message template registry over a real LiteDB store in memory, and a Graph client for a fake.</summary>
internal sealed class Registries : IDisposable
{
    private readonly ServiceProvider _services;

    private Registries(ServiceProvider services) => _services = services;

    public WhatsAppTemplateRegistry Registry => _services.GetRequiredService<WhatsAppTemplateRegistry>();

    public WhatsAppTemplateClient Client => _services.GetRequiredService<WhatsAppTemplateClient>();

    /// <param name="graph">The fake the client reads; null for a client nobody answers.</param>
    /// <param name="settings">WhatsApp settings over the defaults (the fake's URL, token and WABA id).</param>
    public static Registries Open(FakeGraphApi? graph = null, IDictionary<string, string?>? settings = null)
    {
        var values = new Dictionary<string, string?>
        {
            ["Storage:Path"] = ":memory:",
            ["WhatsApp:ApiBaseUrl"] = graph?.BaseUrl ?? "http://127.0.0.1:9/v24.0",
            ["WhatsApp:AccessToken"] = graph?.AccessToken ?? FakeWhatsAppApi.DefaultAccessToken,
            ["WhatsApp:BusinessAccountId"] = FakeGraphApi.WabaId,
            ["WhatsApp:RequestTimeout"] = "00:00:05",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>()) values[key] = value;
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(values).Build();
        var services = new ServiceCollection()
            .AddLogging(l => l.SetMinimumLevel(LogLevel.Warning))
            .AddLiteDbStorage(configuration)
            .AddSingleton<WhatsAppTemplateRegistry>();
        services.AddOptions<WhatsAppOptions>().Bind(configuration.GetSection("WhatsApp"));
        services.AddHttpClient<WhatsAppTemplateClient>();
        return new Registries(services.BuildServiceProvider());
    }

    /// <summary>The registry loaded from the bundled flows (their whatsapp-templates.json).</summary>
    public async Task<WhatsAppTemplateRegistry> LoadedAsync(string? flows = null)
    {
        await Registry.LoadAsync(flows ?? RepoPaths.Flows, Some.Instant, CancellationToken.None);
        return Registry;
    }

    public void Dispose() => _services.Dispose();
}
