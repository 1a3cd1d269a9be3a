using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Nodes;
using ChatRouter.Server.Tests.Security;
using ChatRouter.Testing;

namespace ChatRouter.Server.Tests.CustomerProfiles;

/// <summary>A server with fake WhatsApp and UltraMsg APIs and a crm key, for the profiles, consent, audit and erasure tests.</summary>
internal sealed class ProfileServer : IAsyncDisposable
{
    private readonly TempDirectory _directory = new();

    private ProfileServer(ServerApp server, FakeWhatsAppApi whatsApp, FakeUltraMsgApi ultraMsg)
    {
        Server = server;
        WhatsApp = whatsApp;
        UltraMsg = ultraMsg;
    }

    public ServerApp Server { get; }

    public FakeWhatsAppApi WhatsApp { get; }

    public FakeUltraMsgApi UltraMsg { get; }

    public static async Task<ProfileServer> StartAsync(TempDirectory directory, TimeProvider? time = null, Dictionary<string, string?>? settings = null)
    {
        var whatsApp = await FakeWhatsAppApi.StartAsync();
        var ultraMsg = await FakeUltraMsgApi.StartAsync();
        var all = RolesTests.Keys();
        foreach (var (key, value) in settings ?? []) all[key] = value;
        var server = await ServerApp.StartAsync(directory.File("chatrouter.db"), whatsApp, ultraMsg, time, all);
        return new ProfileServer(server, whatsApp, ultraMsg);
    }

    /// <summary>The path of a phone's profile, URL-encoded as a caller must.</summary>
    public static string PathOf(string phone, string rest = "") => "/api/profiles/" + Uri.EscapeDataString(phone) + rest;

    public Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, string key, JsonNode? body = null) => Server.SendAsync(method, path, key, body);

    public async Task<JsonElement> JsonAsync(HttpMethod method, string path, string key, JsonNode? body = null)
    {
        var response = await SendAsync(method, path, key, body);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
    }

    /// <summary>A customer writes on WhatsApp from <paramref name="waId"/>, and everything it causes is done.</summary>
    public async Task WhatsAppAsync(string waId, string text)
    {
        await Server.PostWhatsAppAsync(WhatsAppWebhooks.Messages(WhatsAppWebhooks.Contact(waId: waId), WhatsAppWebhooks.Text(text, from: waId)));
        await Server.SettledAsync();
    }

    /// <summary>A customer writes through UltraMsg from <paramref name="chatId"/>, and everything it causes is done.</summary>
    public async Task UltraMsgAsync(string chatId, string text)
    {
        using var content = new ByteArrayContent(UltraMsgWebhooks.Bytes(UltraMsgWebhooks.Received(text, from: chatId)));
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        (await Server.Http.PostAsync("/webhooks/ultramsg?secret=" + ServerApp.UltraMsgSecret, content)).EnsureSuccessStatusCode();
        await Server.SettledAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await Server.DisposeAsync();
        await WhatsApp.DisposeAsync();
        await UltraMsg.DisposeAsync();
        _directory.Dispose();
    }
}
