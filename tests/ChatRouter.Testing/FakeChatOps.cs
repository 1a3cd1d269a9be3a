using System.Text.Json;
using System.Threading.Channels;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace ChatRouter.Testing;

/// <summary>
/// A chat tool's incoming webhook (Slack, Mattermost) as a real HTTP server on loopback: <c>POST /hooks/alerts</c>
/// answers 200 <c>ok</c> and keeps each JSON body, in arrival order, for <see cref="NextAsync"/>.
/// </summary>
public sealed class FakeChatOps : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly Channel<JsonElement> _received = Channel.CreateUnbounded<JsonElement>();
    private int _count;

    private FakeChatOps(WebApplication app, string address)
    {
        _app = app;
        Url = address + "/hooks/alerts";
    }

    /// <summary>What <c>Alerts:WebhookUrl</c> takes.</summary>
    public string Url { get; }

    /// <summary>Alerts received so far.</summary>
    public int Count => Volatile.Read(ref _count);

    public static async Task<FakeChatOps> StartAsync(CancellationToken cancellationToken = default)
    {
        FakeChatOps? chat = null;
        var (app, address) = await FakeApiHost.StartAsync(a => a.MapPost("/hooks/alerts", (RequestDelegate)(context => chat!.HandleAsync(context))), cancellationToken);
        chat = new FakeChatOps(app, address);
        return chat;
    }

    /// <summary>The next alert not yet returned, waiting for it up to <paramref name="timeout"/>.</summary>
    /// <exception cref="TimeoutException">No alert came in time.</exception>
    public async Task<JsonElement> NextAsync(TimeSpan timeout)
    {
        using var limit = new CancellationTokenSource(timeout);
        try
        {
            return await _received.Reader.ReadAsync(limit.Token);
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"No alert reached {Url} within {timeout.TotalSeconds:0} s.");
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync(CancellationToken.None);
        await _app.DisposeAsync();
    }

    private async Task HandleAsync(HttpContext context)
    {
        using var document = await JsonDocument.ParseAsync(context.Request.Body, cancellationToken: context.RequestAborted);
        Interlocked.Increment(ref _count);
        _received.Writer.TryWrite(document.RootElement.Clone());
        await context.Response.WriteAsync("ok", context.RequestAborted);
    }
}
