using System.Net;
using System.Text.Json;
using ChatRouter.Testing;

namespace ChatRouter.Console.Tests;

/// <summary>
/// The real server with its WhatsApp channel pointed at the loopback fake of Meta's Cloud API, and a customer who
/// writes to it through signed webhooks. One per test: <c>await using</c>.
/// </summary>
internal sealed class Helpdesk : IAsyncDisposable
{
    private readonly TempDirectory _folder;

    private Helpdesk(TempDirectory folder, FakeWhatsAppApi whatsApp, ServerApp server)
    {
        _folder = folder;
        WhatsApp = whatsApp;
        Server = server;
    }

    public FakeWhatsAppApi WhatsApp { get; }

    public ServerApp Server { get; }

    public string ConsoleUrl => Server.Address.TrimEnd('/') + "/console/";

    /// <param name="time">The server's clock; a FakeTimeProvider lets a test close the 24-hour window.</param>
    public static async Task<Helpdesk> StartAsync(TimeProvider? time = null)
    {
        var folder = new TempDirectory();
        var whatsApp = await FakeWhatsAppApi.StartAsync();
        var server = await ServerApp.StartAsync(folder.File("chatrouter.db"), whatsApp, time: time);
        return new Helpdesk(folder, whatsApp, server);
    }

    /// <summary>The default customer (Sheena Nelson) writes <paramref name="text"/>; returns once the server has processed it.</summary>
    public Task CustomerSaysAsync(string text) => CustomerSaysAsync(text, WhatsAppWebhooks.CustomerWaId, WhatsAppWebhooks.CustomerName);

    /// <summary>The customer <paramref name="waId"/> (shown as <paramref name="name"/>) writes <paramref name="text"/>; returns once the server has processed it.</summary>
    public async Task CustomerSaysAsync(string text, string waId, string name)
    {
        using var response = await Server.PostWhatsAppAsync(WhatsAppWebhooks.Message(WhatsAppWebhooks.Text(text, waId), WhatsAppWebhooks.Contact(waId, name)));
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        await Server.IdleAsync();
    }

    /// <summary>Waits, request by request, until the fake Cloud API has received a text message to the customer whose body contains <paramref name="text"/>.</summary>
    public async Task<RecordedRequest> WaitForTextToCustomerAsync(string text, TimeSpan timeout)
    {
        var deadline = DateTimeOffset.UtcNow + timeout;
        var seen = 0;
        while (true)
        {
            var remaining = deadline - DateTimeOffset.UtcNow;
            var all = await WhatsApp.WaitForRequestsAsync(seen + 1, remaining > TimeSpan.Zero ? remaining : TimeSpan.Zero);
            if (all.Skip(seen).FirstOrDefault(r => IsTextTo(r, text)) is { } hit) return hit;
            seen = all.Count;
        }
    }

    public async Task<JsonElement> GetAsync(string path)
    {
        using var response = await Server.SendAsync(HttpMethod.Get, path, ServerApp.AgentKey);
        response.StatusCode.Should().Be(HttpStatusCode.OK, $"GET {path} as the agent");
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
    }

    public async ValueTask DisposeAsync()
    {
        await Server.DisposeAsync();
        await WhatsApp.DisposeAsync();
        _folder.Dispose();
    }

    private static bool IsTextTo(RecordedRequest request, string text) =>
        request.StatusCode == 200
        && request.Json.ValueKind == JsonValueKind.Object
        && new string((request.To ?? "").Where(char.IsAsciiDigit).ToArray()) == WhatsAppWebhooks.CustomerWaId
        && request.Json.TryGetProperty("type", out var type) && type.GetString() == "text"
        && request.Json.GetProperty("text").GetProperty("body").GetString() is { } body
        && body.Contains(text, StringComparison.Ordinal);
}
