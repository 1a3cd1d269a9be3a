using ChatRouter.Server.Channels.WhatsApp;
using Microsoft.Extensions.Options;

namespace ChatRouter.Server.Templates;

/// <summary>
/// Reads Meta's template list into the registry once at start and then every <c>WhatsApp:TemplateSyncInterval</c>
/// on the injected clock, when <c>WhatsApp:BusinessAccountId</c> is set. A failed sync (401, 5xx, a page that is
/// not a template list) is logged and tried again at the next tick: the registry keeps what it knew, and serve
/// goes on.
/// </summary>
internal sealed partial class PeriodicTemplateSync(
    WhatsAppTemplateClient client,
    WhatsAppTemplateRegistry registry,
    IOptionsMonitor<WhatsAppOptions> options,
    TimeProvider time,
    ILogger<PeriodicTemplateSync> logger) : BackgroundService
{
    private readonly Lock _gate = new();
    private readonly List<(int Runs, TaskCompletionSource Done)> _waiters = [];
    private int _runs;

    /// <summary>Completes once <paramref name="runs"/> syncs (failed ones included) have finished: tests wait on it instead of sleeping.</summary>
    public Task WhenRunsAsync(int runs)
    {
        lock (_gate)
        {
            if (_runs >= runs) return Task.CompletedTask;
            var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _waiters.Add((runs, done));
            return done.Task;
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.CurrentValue;
        if (settings.TemplateSyncInterval <= TimeSpan.Zero || string.IsNullOrWhiteSpace(settings.BusinessAccountId))
        {
            LogOff(logger, settings.TemplateSyncInterval <= TimeSpan.Zero ? "WhatsApp:TemplateSyncInterval is 0" : "WhatsApp:BusinessAccountId is not set");
            return;
        }

        using var timer = new PeriodicTimer(settings.TemplateSyncInterval, time);
        try
        {
            do
            {
                await RunOnceAsync(settings.TemplateSyncInterval, stoppingToken);
            }
            while (await timer.WaitForNextTickAsync(stoppingToken));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping.
        }
    }

    private async Task RunOnceAsync(TimeSpan interval, CancellationToken cancellationToken)
    {
        try
        {
            var listed = await client.ListAsync(cancellationToken);
            var changes = await registry.SyncAsync(listed, time.GetUtcNow(), cancellationToken);
            var changed = changes.Count(c => c.IsChange);
            LogSynced(logger, changes.Count, changed);
        }
        catch (TemplateSyncException e)
        {
            LogFailed(logger, e.Message, interval);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            LogCrashed(logger, e, interval);
        }
        finally
        {
            Ran();
        }
    }

    private void Ran()
    {
        lock (_gate)
        {
            _runs++;
            foreach (var waiter in _waiters.Where(w => w.Runs <= _runs).ToList())
            {
                waiter.Done.TrySetResult();
                _waiters.Remove(waiter);
            }
        }
    }

    [LoggerMessage(EventId = 4210, Level = LogLevel.Information, Message = "WhatsApp message template sync is off: {Reason}; status webhooks still update templates")]
    private static partial void LogOff(ILogger logger, string reason);

    [LoggerMessage(EventId = 4211, Level = LogLevel.Information, Message = "WhatsApp message template sync read {Count} templates; {Changed} changed")]
    private static partial void LogSynced(ILogger logger, int count, int changed);

    [LoggerMessage(EventId = 4212, Level = LogLevel.Warning, Message = "WhatsApp message template sync failed: {Reason}; the registry keeps what it knew and tries again in {Interval}")]
    private static partial void LogFailed(ILogger logger, string reason, TimeSpan interval);

    [LoggerMessage(EventId = 4213, Level = LogLevel.Error, Message = "WhatsApp message template sync crashed; the registry keeps what it knew and tries again in {Interval}")]
    private static partial void LogCrashed(ILogger logger, Exception exception, TimeSpan interval);
}
