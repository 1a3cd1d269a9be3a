using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace ChatRouter.Testing;

/// <summary>
/// UltraMsg's API as a real HTTP server on loopback: <c>POST /{instance}/messages/chat</c> with a form body.
/// Checks the instance (404 "instance not found or pending") and the token, requires <c>to</c> and a
/// <c>body</c> of at most 4096 characters, answers <c>{"sent":"true","message":"ok","id":N}</c> or what a test
/// scripts, and records every request. Error answers are HTTP 200 with <c>{"error": …}</c>: UltraMsg's
/// error shape is unconfirmed, and a 200 that is not a success is the case a client most easily gets wrong.
/// </summary>
public sealed class FakeUltraMsgApi : IAsyncDisposable
{
    public const string DefaultToken = "test-ultramsg-token";

    private readonly WebApplication _app;
    private readonly TimeProvider _time;
    private readonly HttpClient _webhooks = new();
    private readonly CancellationTokenSource _stopping = new();
    private int _queueId;

    private FakeUltraMsgApi(WebApplication app, string address, string instance, string token, TimeProvider time)
    {
        _app = app;
        _time = time;
        BaseUrl = address;
        Instance = instance;
        Token = token;
    }

    /// <summary>The API base URL (UltraMsg's https://api.ultramsg.com); sends go to {BaseUrl}/{Instance}/messages/chat.</summary>
    public string BaseUrl { get; }

    public string Instance { get; }

    public string Token { get; }

    public ReplyScript Script { get; } = new();

    public RequestLog Requests { get; } = new();

    public static async Task<FakeUltraMsgApi> StartAsync(
        string instance = UltraMsgWebhooks.Instance, string token = DefaultToken, TimeProvider? time = null, CancellationToken cancellationToken = default)
    {
        FakeUltraMsgApi? api = null;
        var (app, address) = await FakeApiHost.StartAsync(
            a => a.MapPost("/{instance}/messages/chat", (RequestDelegate)(context => api!.HandleAsync(context))),
            cancellationToken);
        api = new FakeUltraMsgApi(app, address, instance, token, time ?? TimeProvider.System);
        return api;
    }

    public Task<IReadOnlyList<RecordedRequest>> WaitForRequestsAsync(int count, TimeSpan timeout, CancellationToken cancellationToken = default) =>
        Requests.WaitForAsync(count, timeout, cancellationToken);

    /// <summary>Posts a message_ack for our <paramref name="referenceId"/> to <paramref name="webhookUrl"/>, as UltraMsg does (unsigned).</summary>
    public async Task<HttpStatusCode> SendAckAsync(string webhookUrl, string? referenceId, JsonNode ack, CancellationToken cancellationToken = default)
    {
        using var content = new ByteArrayContent(UltraMsgWebhooks.Bytes(UltraMsgWebhooks.Ack(referenceId, ack)));
        content.Headers.ContentType = new("application/json");
        using var response = await _webhooks.PostAsync(webhookUrl, content, cancellationToken);
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
        var instance = (string)context.Request.RouteValues["instance"]!;
        var form = context.Request.HasFormContentType
            ? Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(Encoding.UTF8.GetString(body)).ToDictionary(p => p.Key, p => p.Value.ToString(), StringComparer.Ordinal)
            : [];
        var token = form.GetValueOrDefault("token") ?? context.Request.Query["token"].ToString();
        var to = form.GetValueOrDefault("to");
        var text = form.GetValueOrDefault("body");

        FakeReply reply;
        string? id = null;
        if (!string.Equals(instance, Instance, StringComparison.Ordinal)) reply = FakeReply.Json(404, """{"error":"instance not found or pending"}""");
        else if (token != Token) reply = FakeReply.UltraMsgError("Wrong token. Please provide token as a GET parameter.");
        else if (!context.Request.HasFormContentType) reply = FakeReply.UltraMsgError("Send the fields form-urlencoded.");
        else if (string.IsNullOrWhiteSpace(to)) reply = FakeReply.UltraMsgError("to is required");
        else if (string.IsNullOrWhiteSpace(text)) reply = FakeReply.UltraMsgError("body is required");
        else if (text.Length > 4096) reply = FakeReply.UltraMsgError($"body is {text.Length} characters; the limit is 4096");
        else
        {
            reply = Script.Next(to);
            if (reply.Body is null && reply.StatusCode == 200)
            {
                id = Interlocked.Increment(ref _queueId).ToString(CultureInfo.InvariantCulture);
                reply = reply with { Body = JsonSerializer.Serialize(new { sent = "true", message = "ok", id = int.Parse(id, CultureInfo.InvariantCulture) }, FakeReply.Wire) };
            }
        }

        Requests.Add(new RecordedRequest(context.Request.Path, instance, null, body, at, stamp, reply.DropConnection || reply.Hang ? 0 : reply.StatusCode, id)
        {
            Form = form,
            To = to,
        });

        await FakeApiHost.AnswerAsync(context, reply, _time, _stopping.Token);
    }
}
