using System.Text.Json.Nodes;
using System.Threading.Channels;
using Microsoft.Extensions.Options;

namespace ChatRouter.Server.Alerts;

/// <summary>
/// Posts alerts to <c>Alerts:WebhookUrl</c> in the background: <see cref="Post"/> only queues (a bounded queue that
/// drops the newest when full), so a slow or dead chat tool never holds up a send or a webhook. Each alert is tried
/// <c>Alerts:Attempts</c> times with a doubling pause, then logged and dropped: alerts are best effort, the
/// Prometheus rules (deploy/prometheus/alerts.yml) are the durable path.
/// </summary>
internal sealed partial class AlertPoster(IHttpClientFactory http, IOptions<AlertsOptions> options, TimeProvider time, ILogger<AlertPoster> logger) : BackgroundService
{
    private const int Capacity = 100;
    private readonly Channel<JsonObject> _queue = Channel.CreateBounded<JsonObject>(new BoundedChannelOptions(Capacity) { FullMode = BoundedChannelFullMode.DropWrite, SingleReader = true });
    private readonly AlertsOptions _options = options.Value;
    private int _queued;

    /// <summary>Alerts queued since start (tests check that none was, without a webhook URL).</summary>
    public int Queued => Volatile.Read(ref _queued);

    /// <summary>Queues <paramref name="alert"/> (<c>{"text", "alert", …fields}</c>); nothing happens without a webhook URL.</summary>
    public void Post(JsonObject alert)
    {
        if (!_options.Enabled) return;
        if (_queue.Writer.TryWrite(alert)) Interlocked.Increment(ref _queued);
        else Dropped(logger, alert["alert"]?.GetValue<string>(), Capacity);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await foreach (var alert in _queue.Reader.ReadAllAsync(stoppingToken))
            await DeliverAsync(alert, stoppingToken);
    }

    private async Task DeliverAsync(JsonObject alert, CancellationToken stoppingToken)
    {
        var kind = alert["alert"]?.GetValue<string>();
        for (var attempt = 1; ; attempt++)
        {
            var problem = await TryPostAsync(alert, stoppingToken);
            if (problem is null) return;
            if (attempt >= _options.Attempts)
            {
                GaveUp(logger, kind, new Uri(_options.WebhookUrl!).Host, attempt, problem);
                return;
            }

            await Task.Delay(TimeSpan.FromSeconds(Math.Pow(2, attempt - 1)), time, stoppingToken);
        }
    }

    // Null when the chat tool took the alert, else what went wrong (for the log).
    // The URL itself is not logged: a chat tool's incoming webhook URL is its secret.
    private async Task<string?> TryPostAsync(JsonObject alert, CancellationToken stoppingToken)
    {
        // The timeout runs on the real clock: it bounds network I/O, not business time.
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        limit.CancelAfter(_options.Timeout);
        try
        {
            using var response = await http.CreateClient(nameof(AlertPoster)).PostAsJsonAsync(_options.WebhookUrl, alert, limit.Token);
            return response.IsSuccessStatusCode ? null : $"HTTP {(int)response.StatusCode}";
        }
        catch (OperationCanceledException) when (!stoppingToken.IsCancellationRequested)
        {
            return $"no answer within {_options.Timeout.TotalSeconds:0.#} s";
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // Whatever goes wrong with one alert must not end the poster (a failed BackgroundService stops the host).
            return e.Message;
        }
    }

    [LoggerMessage(EventId = 4701, Level = LogLevel.Warning, Message = "Alert {Alert} not posted to Alerts:WebhookUrl (host {Host}) after {Attempts} attempts: {Problem}; check the URL and that the chat tool is up")]
    private static partial void GaveUp(ILogger logger, string? alert, string host, int attempts, string problem);

    [LoggerMessage(EventId = 4702, Level = LogLevel.Warning, Message = "Alert {Alert} dropped: {Capacity} alerts are already waiting to be posted to Alerts:WebhookUrl")]
    private static partial void Dropped(ILogger logger, string? alert, int capacity);
}
