using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace ChatRouter.Testing;

/// <summary>
/// Meta's Cloud API as a real HTTP server on loopback (whatsapp.md §1.14): checks the Bearer token and the
/// §1.9 limits, answers with fresh wamids or the failures a test scripts, records every request, and sends
/// signed status webhooks. Its limits are written out here, not taken from our code, so it can catch our bugs.
/// </summary>
public sealed partial class FakeWhatsAppApi : IAsyncDisposable
{
    public const string DefaultAccessToken = "test-access-token";

    private readonly WebApplication _app;
    private readonly TimeProvider _time;
    private readonly HttpClient _webhooks = new();
    private readonly CancellationTokenSource _stopping = new();

    private FakeWhatsAppApi(WebApplication app, string address, string accessToken, string version, string? phoneNumberId, TimeProvider time)
    {
        _app = app;
        _time = time;
        AccessToken = accessToken;
        Version = version;
        PhoneNumberId = phoneNumberId;
        BaseUrl = $"{address}/{version}";
    }

    /// <summary>The Graph base URL including the version, e.g. http://127.0.0.1:5123/v24.0.</summary>
    public string BaseUrl { get; }

    public string AccessToken { get; }

    public string Version { get; }

    /// <summary>The one phone_number_id the fake knows; null accepts any.</summary>
    public string? PhoneNumberId { get; }

    /// <summary>What the next calls answer.</summary>
    public ReplyScript Script { get; } = new();

    public RequestLog Requests { get; } = new();

    /// <param name="accessToken">The token requests must carry as <c>Authorization: Bearer …</c>.</param>
    /// <param name="version">The Graph version in <see cref="BaseUrl"/>.</param>
    /// <param name="phoneNumberId">When set, sends from any other number are refused with error 100.</param>
    /// <param name="time">Stamps arrivals and runs scripted delays; a FakeTimeProvider makes them deterministic.</param>
    /// <param name="cancellationToken">Cancels the start.</param>
    public static async Task<FakeWhatsAppApi> StartAsync(
        string accessToken = DefaultAccessToken, string version = "v24.0", string? phoneNumberId = null, TimeProvider? time = null, CancellationToken cancellationToken = default)
    {
        FakeWhatsAppApi? api = null;
        var (app, address) = await FakeApiHost.StartAsync(
            a => a.MapPost("/{version}/{phoneNumberId}/messages", (RequestDelegate)(context => api!.HandleAsync(context))),
            cancellationToken);
        api = new FakeWhatsAppApi(app, address, accessToken, version, phoneNumberId, time ?? TimeProvider.System);
        return api;
    }

    public Task<IReadOnlyList<RecordedRequest>> WaitForRequestsAsync(int count, TimeSpan timeout, CancellationToken cancellationToken = default) =>
        Requests.WaitForAsync(count, timeout, cancellationToken);

    /// <summary>
    /// Posts a signed <c>statuses[]</c> webhook for <paramref name="wamid"/> to <paramref name="webhookUrl"/>, as
    /// Meta does after a send; recipient, number and biz_opaque_callback_data come from the recorded send.
    /// </summary>
    /// <returns>The webhook endpoint's status code.</returns>
    public async Task<HttpStatusCode> SendStatusAsync(
        string webhookUrl, string appSecret, string wamid, string status, IReadOnlyList<WhatsAppWebhooks.Error>? errors = null, CancellationToken cancellationToken = default)
    {
        var send = Requests.Snapshot().LastOrDefault(r => r.ProviderMessageId == wamid);
        var recipient = send?.To?.TrimStart('+') ?? WhatsAppWebhooks.CustomerWaId;
        string? callback = null;
        if (send is not null && send.Json.ValueKind == JsonValueKind.Object && send.Json.TryGetProperty("biz_opaque_callback_data", out var data))
            callback = data.GetString();

        var body = WhatsAppWebhooks.Bytes(WhatsAppWebhooks.Status(
            wamid, status, recipient, _time.GetUtcNow(), errors, callback, send?.Account ?? PhoneNumberId ?? WhatsAppWebhooks.PhoneNumberId));
        using var request = new HttpRequestMessage(HttpMethod.Post, webhookUrl) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new("application/json");
        request.Headers.TryAddWithoutValidation("X-Hub-Signature-256", WhatsAppWebhooks.Sign(body, appSecret));
        using var response = await _webhooks.SendAsync(request, cancellationToken);
        return response.StatusCode;
    }

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        await _app.StopAsync(CancellationToken.None);
        await _app.DisposeAsync();
        _webhooks.Dispose();
        _stopping.Dispose();
    }

    private async Task HandleAsync(HttpContext context)
    {
        var at = _time.GetUtcNow();
        var stamp = _time.GetTimestamp();
        using var buffer = new MemoryStream();
        await context.Request.Body.CopyToAsync(buffer, context.RequestAborted);
        var body = buffer.ToArray();
        var account = (string)context.Request.RouteValues["phoneNumberId"]!;
        var authorization = context.Request.Headers.Authorization.ToString();

        JsonElement json = default;
        string? to = null;
        FakeReply reply;
        string? wamid = null;
        if (authorization != "Bearer " + AccessToken)
        {
            reply = FakeReply.Json(401, Error(190, "Invalid OAuth access token - Cannot parse access token", null));
        }
        else if (PhoneNumberId is not null && account != PhoneNumberId)
        {
            reply = FakeReply.Json(400, Error(100, $"Unsupported post request. Object with ID '{account}' does not exist, cannot be loaded due to missing permissions, or does not support this operation", null));
        }
        else if (!TryParse(body, out json))
        {
            reply = FakeReply.Json(400, Error(100, "Invalid parameter", "The request body is not valid JSON."));
        }
        else
        {
            to = json.TryGetProperty("to", out var t) && t.ValueKind == JsonValueKind.String ? t.GetString() : null;
            (reply, wamid) = Answer(json, to);
        }

        Requests.Add(new RecordedRequest(context.Request.Path, account, authorization.Length == 0 ? null : authorization, body, at, stamp,
            reply.DropConnection || reply.Hang ? 0 : reply.StatusCode, wamid) { Json = json, To = to });

        await FakeApiHost.AnswerAsync(context, reply, _time, _stopping.Token);
    }

    /// <summary>Checks a parsed send; a valid one gets the scripted reply, success with a fresh wamid by default.</summary>
    private (FakeReply Reply, string? Wamid) Answer(JsonElement json, string? to)
    {
        if (Check(json) is { } violation) return (FakeReply.Json(400, Error(violation.Code, violation.Title, violation.Details)), null);
        if (IsMarkRead(json)) return (FakeReply.Json(200, """{"success":true}"""), null);

        var reply = Script.Next(to);
        if (reply.Body is not null || reply.StatusCode != 200) return (reply, null);
        var wamid = "wamid." + Convert.ToBase64String(Guid.NewGuid().ToByteArray());
        var digits = new string((to ?? "").Where(char.IsAsciiDigit).ToArray());
        var success = JsonSerializer.Serialize(new
        {
            messaging_product = "whatsapp",
            contacts = new[] { new { input = to, wa_id = digits } },
            messages = new[] { new { id = wamid } },
        }, FakeReply.Wire);
        return (reply with { Body = success }, wamid);
    }

    private static string Error(int code, string title, string? details) => FakeReply.MetaErrorBody(code, title, details ?? title);

    private static bool TryParse(byte[] body, out JsonElement json)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            json = document.RootElement.Clone();
            return json.ValueKind == JsonValueKind.Object;
        }
        catch (JsonException)
        {
            json = default;
            return false;
        }
    }
}
