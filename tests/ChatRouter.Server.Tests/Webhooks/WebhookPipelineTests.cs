using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using ChatRouter.Conversations;
using ChatRouter.Testing;
using W = ChatRouter.Testing.WhatsAppWebhooks;

namespace ChatRouter.Server.Tests.Webhooks;

/// <summary>
/// The steps both webhooks share (issue 9), against the real server with both fakes: bad Unicode is stored as
/// U+FFFD, and what is skipped is logged once with why and counted by reason. The server serves one business
/// number (WhatsApp:BusinessNumbers) and logs at Information, so skips can be read back.
/// </summary>
public sealed partial class WebhookPipelineTests : IAsyncLifetime
{
    private const string Bad = "BAD";
    private readonly TempDirectory _directory = new();
    private readonly CapturedLogs _logs = new();
    private FakeWhatsAppApi _whatsApp = null!;
    private FakeUltraMsgApi _ultraMsg = null!;
    private ServerApp _server = null!;

    public async Task InitializeAsync()
    {
        _whatsApp = await FakeWhatsAppApi.StartAsync();
        _ultraMsg = await FakeUltraMsgApi.StartAsync();
        _server = await StartServerAsync(_directory.File("chatrouter.db"), _logs);
    }

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        await _ultraMsg.DisposeAsync();
        await _whatsApp.DisposeAsync();
        _directory.Dispose();
    }

    private Task<ServerApp> StartServerAsync(string databasePath, CapturedLogs logs) =>
        ServerApp.StartAsync(databasePath, _whatsApp, _ultraMsg, settings: new Dictionary<string, string?>
        {
            ["WhatsApp:BusinessNumbers:0"] = W.PhoneNumberId,
            ["Serilog:MinimumLevel:Default"] = "Information",
        }, configure: logs.AddTo);

    private async Task<string> MetricsAsync() => await _server.Http.GetStringAsync("/metrics");

    private async Task<string?> CustomerTextAsync(string wamid)
    {
        var messages = await _server.MessagesAsync("whatsapp", W.PhoneNumberId, W.CustomerWaId);
        return messages.SingleOrDefault(m => m.Author == MessageAuthor.Customer && m.ProviderMessageId == wamid)?.Text;
    }

    private async Task<IEnumerable<string>> UltraMsgTextsAsync() =>
        (await _server.MessagesAsync("ultramsg", UltraMsgWebhooks.InstanceId, UltraMsgWebhooks.CustomerChatId))
            .Where(m => m.Author == MessageAuthor.Customer).Select(m => m.Text);

    private Task<HttpResponseMessage> PostUltraMsgAsync(JsonNode body, ServerApp? server = null) => PostUltraMsgAsync(UltraMsgWebhooks.Bytes(body), server);

    private async Task<HttpResponseMessage> PostUltraMsgAsync(byte[] body, ServerApp? server = null)
    {
        using var content = new ByteArrayContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        return await (server ?? _server).Http.PostAsync("/webhooks/ultramsg?secret=" + ServerApp.UltraMsgSecret, content);
    }

    private static string Json(JsonNode body) => Encoding.UTF8.GetString(UltraMsgWebhooks.Bytes(body));

    /// <summary>The JSON text with <see cref="Bad"/> replaced by <paramref name="escape"/> as written (an escape the writer would never emit).</summary>
    private static byte[] Splice(string json, string escape) => Encoding.UTF8.GetBytes(json.Replace(Bad, escape, StringComparison.Ordinal));

    /// <summary>The JSON as UTF-8 with <see cref="Bad"/> replaced by raw <paramref name="bytes"/> (not valid UTF-8).</summary>
    private static byte[] Splice(string json, byte[] bytes)
    {
        var parts = json.Split(Bad);
        return [.. Encoding.UTF8.GetBytes(parts[0]), .. parts.Skip(1).SelectMany(p => (byte[])[.. bytes, .. Encoding.UTF8.GetBytes(p)])];
    }
}
