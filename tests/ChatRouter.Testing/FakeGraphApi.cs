using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace ChatRouter.Testing;

/// <summary>
/// The Graph API's WhatsApp message template list as a real HTTP server on loopback:
/// <c>GET /{version}/{waba-id}/message_templates?fields=…&amp;limit=N[&amp;after=CURSOR]</c> with a Bearer token,
/// answered in pages of at most <see cref="PageSize"/> with Graph's <c>paging.cursors</c> and <c>paging.next</c>.
/// Tests edit <see cref="Templates"/> between syncs and script failures in <see cref="Failures"/>.
/// </summary>
public sealed class FakeGraphApi : IAsyncDisposable
{
    public const string WabaId = WhatsAppWebhooks.WabaId;

    private readonly WebApplication _app;
    private readonly CancellationTokenSource _stopping = new();
    private readonly Lock _gate = new();
    private readonly List<JsonObject> _templates = [];

    private FakeGraphApi(WebApplication app, string address, string accessToken)
    {
        _app = app;
        AccessToken = accessToken;
        BaseUrl = address + "/v24.0";
    }

    /// <summary>The Graph base URL including the version (what <c>WhatsApp:ApiBaseUrl</c> takes).</summary>
    public string BaseUrl { get; }

    public string AccessToken { get; }

    /// <summary>The most templates one page holds, whatever <c>limit</c> asks (small, so paging is exercised).</summary>
    public int PageSize { get; set; } = 2;

    /// <summary>Answers given instead of a page, one per request, first in first out.</summary>
    public ConcurrentQueue<FakeReply> Failures { get; } = new();

    /// <summary>Every request's path and query, in arrival order.</summary>
    public ConcurrentQueue<string> Requests { get; } = new();

    /// <summary>The templates the account has now (a copy); <see cref="Set"/> replaces them.</summary>
    public IReadOnlyList<JsonObject> Templates
    {
        get
        {
            lock (_gate) return [.. _templates];
        }
    }

    public static async Task<FakeGraphApi> StartAsync(string accessToken = FakeWhatsAppApi.DefaultAccessToken, CancellationToken cancellationToken = default)
    {
        FakeGraphApi? api = null;
        var (app, address) = await FakeApiHost.StartAsync(
            a => a.MapGet("/{version}/{waba}/message_templates", (RequestDelegate)(context => api!.HandleAsync(context))),
            cancellationToken);
        api = new FakeGraphApi(app, address, accessToken);
        return api;
    }

    /// <summary>Replaces the account's templates.</summary>
    public void Set(params JsonObject[] templates)
    {
        lock (_gate)
        {
            _templates.Clear();
            _templates.AddRange(templates);
        }
    }

    /// <summary>A template as the list shows it; <paramref name="quickReplies"/> become a BUTTONS component.</summary>
    public static JsonObject Template(string name, string language, string status = "APPROVED", string category = "UTILITY", string body = "Hi {{1}}",
        string? id = null, string? quality = null, string? rejectedReason = null, params string[] quickReplies)
    {
        var components = new JsonArray { new JsonObject { ["type"] = "BODY", ["text"] = body } };
        if (quickReplies.Length > 0)
            components.Add(new JsonObject { ["type"] = "BUTTONS", ["buttons"] = new JsonArray([.. quickReplies.Select(t => (JsonNode)new JsonObject { ["type"] = "QUICK_REPLY", ["text"] = t })]) });
        var template = new JsonObject
        {
            ["name"] = name,
            ["language"] = language,
            ["status"] = status,
            ["category"] = category,
            ["components"] = components,
            ["id"] = id ?? ((uint)HashCode.Combine(name, language)).ToString(CultureInfo.InvariantCulture),
            ["rejected_reason"] = rejectedReason ?? "NONE",
        };
        if (quality is not null) template["quality_score"] = new JsonObject { ["score"] = quality };
        return template;
    }

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        await _app.StopAsync(CancellationToken.None);
        await _app.DisposeAsync();
        _stopping.Dispose();
    }

    private Task HandleAsync(HttpContext context)
    {
        var request = context.Request;
        Requests.Enqueue(request.Path + request.QueryString);
        if (request.Headers.Authorization.ToString() != "Bearer " + AccessToken)
            return AnswerAsync(context, FakeReply.MetaError(401, 190, "Invalid OAuth access token - Cannot parse access token", "Invalid OAuth access token"));
        if ((string)request.RouteValues["waba"]! != WabaId)
            return AnswerAsync(context, FakeReply.MetaError(400, 100, "Unsupported get request", $"Object with ID '{request.RouteValues["waba"]}' does not exist"));
        if (Failures.TryDequeue(out var failure)) return AnswerAsync(context, failure);

        var limit = int.TryParse(request.Query["limit"], CultureInfo.InvariantCulture, out var asked) ? Math.Min(asked, PageSize) : PageSize;
        var start = request.Query["after"].ToString() is { Length: > 0 } cursor ? int.Parse(Encoding.UTF8.GetString(Convert.FromBase64String(cursor)), CultureInfo.InvariantCulture) : 0;
        var all = Templates;
        var page = all.Skip(start).Take(limit).Select(t => t.DeepClone()).ToArray();
        var body = new JsonObject { ["data"] = new JsonArray(page) };
        if (page.Length > 0)
        {
            var paging = new JsonObject { ["cursors"] = new JsonObject { ["before"] = Cursor(start), ["after"] = Cursor(start + page.Length) } };
            if (start + page.Length < all.Count)
                paging["next"] = $"{request.Scheme}://{request.Host}{request.Path}?fields={request.Query["fields"]}&limit={limit}&after={Uri.EscapeDataString(Cursor(start + page.Length))}";
            body["paging"] = paging;
        }

        return AnswerAsync(context, FakeReply.Json(200, body.ToJsonString(FakeReply.Wire)));
    }

    private static string Cursor(int index) => Convert.ToBase64String(Encoding.UTF8.GetBytes(index.ToString(CultureInfo.InvariantCulture)));

    private Task AnswerAsync(HttpContext context, FakeReply reply) => FakeApiHost.AnswerAsync(context, reply, TimeProvider.System, _stopping.Token);
}
