using System.Diagnostics;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace ChatRouter.Benchmarks.Campaigns;

/// <summary>
/// The Cloud API's send endpoint on loopback, answering every send with a fresh wamid and keeping nothing but a count
/// per second of arrival: the test suite's fake records every request, which at 100,000 sends would weigh more than
/// the server being measured (both share this process).
/// </summary>
internal sealed class CountingProvider : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly long _start = Stopwatch.GetTimestamp();
    private readonly int[] _perSecond = new int[24 * 3600];
    private long _total;
    private long _next;

    private CountingProvider(WebApplication app) => _app = app;

    /// <summary>The Graph base URL including the version.</summary>
    public string BaseUrl { get; private set; } = "";

    public long Total => Interlocked.Read(ref _total);

    /// <summary>Sends taken in each second since the provider started.</summary>
    public int[] PerSecond(int seconds) => _perSecond[..Math.Min(seconds, _perSecond.Length)];

    public int SecondsSinceStart => (int)Stopwatch.GetElapsedTime(_start).TotalSeconds;

    public static async Task<CountingProvider> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        var provider = new CountingProvider(app);
        app.MapPost("/v24.0/{phoneNumberId}/messages", provider.AnswerAsync);
        await app.StartAsync();
        provider.BaseUrl = app.Urls.First().TrimEnd('/') + "/v24.0";
        return provider;
    }

    private async Task AnswerAsync(HttpContext context)
    {
        await context.Request.Body.CopyToAsync(Stream.Null);
        Interlocked.Increment(ref _perSecond[Math.Min(SecondsSinceStart, _perSecond.Length - 1)]);
        Interlocked.Increment(ref _total);
        var id = Interlocked.Increment(ref _next);
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync($$"""{"messaging_product":"whatsapp","contacts":[{"input":"x","wa_id":"x"}],"messages":[{"id":"wamid.bench{{id}}"}]}""");
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
