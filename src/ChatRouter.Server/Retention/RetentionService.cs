using Microsoft.Extensions.Options;

namespace ChatRouter.Server.Retention;

/// <summary>
/// Purges old messages and audit records every <c>Retention:Interval</c> (and once at start), on the injected
/// clock. A failed pass is logged and the next one tries again; nothing else waits for it.
/// </summary>
internal sealed partial class RetentionService(RetentionPurge purge, IOptions<RetentionOptions> options, TimeProvider time, ILogger<RetentionService> logger) : BackgroundService
{
    private readonly Lock _lock = new();
    private readonly List<(int Count, TaskCompletionSource Done)> _waiters = [];
    private int _passes;

    /// <summary>Completes once <paramref name="count"/> passes have finished (tests wait on it instead of sleeping).</summary>
    internal Task WhenPassedAsync(int count)
    {
        lock (_lock)
        {
            if (_passes >= count) return Task.CompletedTask;
            var waiter = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _waiters.Add((count, waiter));
            return waiter.Task;
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.Interval, time);
        try
        {
            do
            {
                await PassAsync(stoppingToken);
            }
            while (await timer.WaitForNextTickAsync(stoppingToken));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down; the next start purges again.
        }
    }

    private async Task PassAsync(CancellationToken stoppingToken)
    {
        try
        {
            var counts = await purge.RunAsync(time.GetUtcNow(), dryRun: false, includeInbox: false, stoppingToken);
            if (counts.Messages + counts.Audit + counts.Review > 0) LogPurged(logger, counts.Messages, counts.Audit, counts.Review);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            LogFailed(logger, e);
        }

        lock (_lock)
        {
            _passes++;
            foreach (var waiter in _waiters.Where(w => w.Count <= _passes).ToList())
            {
                _waiters.Remove(waiter);
                waiter.Done.TrySetResult();
            }
        }
    }

    [LoggerMessage(EventId = 9201, Level = LogLevel.Information, Message = "Retention: purged {Messages} conversation messages, {Audit} audit records and {Review} review items past their horizon")]
    private static partial void LogPurged(ILogger logger, int messages, int audit, int review);

    [LoggerMessage(EventId = 9202, Level = LogLevel.Error, Message = "Retention purge failed; trying again at the next interval")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}
