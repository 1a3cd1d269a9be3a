using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace ChatRouter.Testing;

/// <summary>
/// A helpdesk's ticket endpoint as a real HTTP server on loopback: <c>POST /tickets</c> answers 201 with
/// <c>{"id":"T-n"}</c>, or the failures a test scripts; every request is kept with its headers.
/// </summary>
public sealed class FakeTicketDesk : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly CancellationTokenSource _stopping = new();
    private int _tickets;

    private FakeTicketDesk(WebApplication app, string address)
    {
        _app = app;
        Url = address + "/tickets";
    }

    public const string Token = "helpdesk-token-0123456789";

    /// <summary>What <c>Downgrade:Ticket:Url</c> takes.</summary>
    public string Url { get; }

    /// <summary>Answers given instead of a ticket, one per request, first in first out.</summary>
    public ConcurrentQueue<FakeReply> Failures { get; } = new();

    /// <summary>Every request: its JSON body and headers.</summary>
    public ConcurrentQueue<(JsonElement Body, IReadOnlyDictionary<string, string> Headers)> Requests { get; } = new();

    /// <summary>The settings that send tickets here.</summary>
    public IDictionary<string, string?> Settings() => new Dictionary<string, string?> { ["Downgrade:Ticket:Url"] = Url, ["Downgrade:Ticket:Token"] = Token };

    public static async Task<FakeTicketDesk> StartAsync(CancellationToken cancellationToken = default)
    {
        FakeTicketDesk? desk = null;
        var (app, address) = await FakeApiHost.StartAsync(a => a.MapPost("/tickets", (RequestDelegate)(context => desk!.HandleAsync(context))), cancellationToken);
        desk = new FakeTicketDesk(app, address);
        return desk;
    }

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        await _app.StopAsync(CancellationToken.None);
        await _app.DisposeAsync();
        _stopping.Dispose();
    }

    private async Task HandleAsync(HttpContext context)
    {
        using var document = await JsonDocument.ParseAsync(context.Request.Body, cancellationToken: context.RequestAborted);
        Requests.Enqueue((document.RootElement.Clone(), context.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase)));
        var reply = Failures.TryDequeue(out var failure) ? failure : FakeReply.Json(201, $$"""{"id":"T-{{Interlocked.Increment(ref _tickets)}}"}""");
        await FakeApiHost.AnswerAsync(context, reply, TimeProvider.System, _stopping.Token);
    }
}
