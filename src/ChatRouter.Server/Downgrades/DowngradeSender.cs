using ChatRouter.Conversations;
using ChatRouter.Outbox;
using ChatRouter.Server.Channels;
using ChatRouter.Server.Outbox;
using Microsoft.Extensions.Options;

namespace ChatRouter.Server.Downgrades;

/// <summary>
/// Delivers stored downgrades through their connectors, one at a time (they are rare; a slow SMTP server must
/// not hold up the outbox, so they have their own worker), retrying with the outbox's backoff. Work comes from
/// <see cref="DurableDowngrade"/> and, at start, from what a previous run left pending. The store is the record;
/// this class holds only the schedule.
/// </summary>
internal sealed partial class DowngradeSender(
    IDowngradeStore downgrades,
    IEnumerable<IDowngradeConnector> connectors,
    IConversationStore store,
    IOptionsMonitor<DowngradeOptions> options,
    TimeProvider time,
    ILogger<DowngradeSender> logger) : BackgroundService
{
    private readonly Dictionary<string, IDowngradeConnector> _connectors = connectors.ToDictionary(c => c.Name, StringComparer.Ordinal);
    private readonly Lock _gate = new();
    private readonly PriorityQueue<string, DateTimeOffset> _due = new();
    // At most one pending wake-up: the loop re-reads the schedule when it wakes.
    private readonly SemaphoreSlim _wake = new(0, 1);
    private TaskCompletionSource _settled = Settled();
    private bool _busy;
    private int _version;

    /// <summary>Completes once nothing is being delivered and nothing is due now (tests wait on it instead of sleeping).</summary>
    public Task WhenSettledAsync()
    {
        lock (_gate)
        {
            // A retry whose time has come (the clock moved since the loop settled) is work to wait for.
            if (_settled.Task.IsCompleted && (_busy || (_due.TryPeek(out _, out var at) && at <= time.GetUtcNow())))
                _settled = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            return _settled.Task;
        }
    }

    /// <summary>Schedules a stored downgrade's pending deliveries.</summary>
    public void Enqueue(DowngradeRecord downgrade)
    {
        var pending = downgrade.Deliveries.Where(d => d.State == DowngradeDeliveryState.Pending).ToList();
        if (pending.Count == 0) return;
        lock (_gate)
        {
            _due.Enqueue(downgrade.Id, pending.Min(d => d.NextAttemptAt));
            _version++;
            if (_settled.Task.IsCompleted) _settled = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }

        Wake();
    }

    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        var pending = await downgrades.PendingAsync(cancellationToken);
        if (pending.Count > 0) LogReplaying(logger, pending.Count);
        foreach (var downgrade in pending) Enqueue(downgrade);
        await base.StartAsync(cancellationToken);
    }

    public override void Dispose()
    {
        _wake.Dispose();
        base.Dispose();
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                var id = await NextAsync(stoppingToken);
                try
                {
                    await DeliverAsync(id, stoppingToken);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    // A bug or a store failure must not stop the other downgrades; this one is tried again later.
                    LogCrashed(logger, e, id);
                    lock (_gate)
                    {
                        _due.Enqueue(id, time.GetUtcNow() + options.CurrentValue.MaxBackoff);
                        _version++;
                    }
                }
                finally
                {
                    lock (_gate) _busy = false;
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping: what is pending stays in the store for the next run.
        }
    }

    private async Task<string> NextAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            TimeSpan? wait = null;
            int version;
            lock (_gate)
            {
                if (_due.TryPeek(out var id, out var at))
                {
                    var now = time.GetUtcNow();
                    if (at <= now)
                    {
                        _due.Dequeue();
                        _busy = true;
                        return id;
                    }

                    wait = at - now;
                }

                version = _version;
            }

            using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            var woken = _wake.WaitAsync(stop.Token);
            var timer = Task.Delay(wait ?? Timeout.InfiniteTimeSpan, time, stop.Token);
            // Settled only once the timer is set, so a test that advances the clock after settling wakes it; and
            // only if nothing was enqueued meanwhile.
            lock (_gate)
            {
                if (!_busy && version == _version) _settled.TrySetResult();
            }

            await Task.WhenAny(woken, timer);
            await stop.CancelAsync();
            cancellationToken.ThrowIfCancellationRequested();
        }
    }

    /// <summary>Makes each due pending delivery of one downgrade once, records the outcome, and schedules what is left.</summary>
    private async Task DeliverAsync(string id, CancellationToken cancellationToken)
    {
        var downgrade = await downgrades.FindAsync(id, cancellationToken);
        if (downgrade is null || downgrade.State != DowngradeState.Pending) return;
        var profile = await store.GetProfileAsync(downgrade.CustomerId, cancellationToken);
        foreach (var delivery in downgrade.Deliveries.Where(d => d.State == DowngradeDeliveryState.Pending && d.NextAttemptAt <= time.GetUtcNow()).ToList())
        {
            var result = _connectors.TryGetValue(delivery.Connector, out var connector)
                ? await connector.DeliverAsync(downgrade, profile, cancellationToken)
                : new SendFailed(null, $"no downgrade connector '{delivery.Connector}'", SendFailure.Configuration);
            downgrade = await downgrades.UpdateAsync(id, d => Apply(d.Deliveries.First(x => x.Connector == delivery.Connector), result), CancellationToken.None) ?? downgrade;
        }

        Enqueue(downgrade);
    }

    private bool Apply(DowngradeDelivery delivery, SendResult result)
    {
        var settings = options.CurrentValue;
        var now = time.GetUtcNow();
        delivery.Attempts++;
        switch (result)
        {
            case SendAccepted accepted:
                (delivery.State, delivery.ProviderId, delivery.FinishedAt, delivery.Error) = (DowngradeDeliveryState.Sent, accepted.ProviderMessageId, now, null);
                LogDelivered(logger, delivery.Connector, accepted.ProviderMessageId);
                break;
            case SendRetry retry when delivery.Attempts < settings.MaxAttempts:
                var delay = Backoff.Delay(settings.BaseBackoff, settings.MaxBackoff, delivery.Attempts, 2, retry.After, Random.Shared.NextDouble());
                (delivery.Error, delivery.NextAttemptAt) = (retry.Reason, now + delay);
                LogRetrying(logger, delivery.Connector, retry.Reason, delay);
                break;
            case SendRetry retry:
                (delivery.State, delivery.Error, delivery.FinishedAt) = (DowngradeDeliveryState.Failed, $"gave up after {settings.MaxAttempts} attempts: {retry.Reason}", now);
                LogFailed(logger, delivery.Connector, delivery.Error);
                break;
            case SendFailed failed:
                (delivery.State, delivery.Error, delivery.FinishedAt) = (DowngradeDeliveryState.Failed, failed.Reason, now);
                LogFailed(logger, delivery.Connector, failed.Reason);
                break;
        }

        return true;
    }

    private static TaskCompletionSource Settled()
    {
        var settled = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        settled.SetResult();
        return settled;
    }

    private void Wake()
    {
        try
        {
            _wake.Release();
        }
        catch (SemaphoreFullException)
        {
            // Already signalled.
        }
    }

    [LoggerMessage(EventId = 4302, Level = LogLevel.Information, Message = "Downgrade by {Connector} delivered ({ProviderId})")]
    private static partial void LogDelivered(ILogger logger, string connector, string providerId);

    [LoggerMessage(EventId = 4303, Level = LogLevel.Warning, Message = "Downgrade by {Connector} not delivered yet: {Reason}; retrying in {Delay}")]
    private static partial void LogRetrying(ILogger logger, string connector, string reason, TimeSpan delay);

    [LoggerMessage(EventId = 4304, Level = LogLevel.Error, Message = "Downgrade by {Connector} failed for good: {Reason}; it stays listed at GET /api/downgrades")]
    private static partial void LogFailed(ILogger logger, string connector, string reason);

    [LoggerMessage(EventId = 4305, Level = LogLevel.Warning, Message = "Delivering {Count} downgrades a previous run left pending")]
    private static partial void LogReplaying(ILogger logger, int count);

    [LoggerMessage(EventId = 4306, Level = LogLevel.Error, Message = "Delivering downgrade {Id} crashed; trying again later")]
    private static partial void LogCrashed(ILogger logger, Exception exception, string id);
}
