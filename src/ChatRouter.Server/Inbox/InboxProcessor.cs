using ChatRouter.Conversations;
using ChatRouter.Inbox;
using ChatRouter.Server.Outbox;
using Microsoft.Extensions.Options;

namespace ChatRouter.Server.Inbox;

/// <summary>
/// Processes the inbox: entries with the same ordering key (one customer) one at a time in arrival order,
/// different keys in parallel. At start, before the server accepts requests, everything a previous run
/// accepted but did not finish is replayed. An entry that fails is retried in place with the outbox's backoff
/// (later entries of the same customer wait, so order holds), then parked as failed for an operator.
/// </summary>
internal sealed partial class InboxProcessor : BackgroundService
{
    private readonly IInboxStore _inbox;
    private readonly InboxDispatcher _dispatcher;
    private readonly InboxOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger<InboxProcessor> _logger;
    private readonly KeyedLock _lanes = new();
    private readonly Lock _gate = new();
    // Entry id → when it was received: the backlog's age is read from it at scrape time.
    private readonly Dictionary<string, DateTimeOffset> _known = new(StringComparer.Ordinal);
    // Entries queued or running per ordering key: whether a customer has more waiting behind the current one.
    private readonly Dictionary<string, int> _perKey = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim _slots;
    private readonly CancellationTokenSource _stopping = new();
    private TaskCompletionSource _idle = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public InboxProcessor(IInboxStore inbox, InboxDispatcher dispatcher, IOptions<InboxOptions> options, TimeProvider time, ILogger<InboxProcessor> logger)
    {
        _inbox = inbox;
        _dispatcher = dispatcher;
        _options = options.Value;
        _time = time;
        _logger = logger;
        _slots = new SemaphoreSlim(_options.Concurrency, _options.Concurrency);
        _idle.SetResult();
    }

    /// <summary>Entries queued or being processed.</summary>
    public int Pending
    {
        get
        {
            lock (_gate) return _known.Count;
        }
    }

    /// <summary>How long the oldest entry queued or running has waited since it was received (zero when none).</summary>
    public TimeSpan OldestAge(DateTimeOffset now)
    {
        lock (_gate) return _known.Count == 0 ? TimeSpan.Zero : TimeSpan.FromTicks(Math.Max(0, (now - _known.Values.Min()).Ticks));
    }

    /// <summary>Completes when nothing is queued or running (tests and graceful shutdown wait on it).</summary>
    public Task WhenIdleAsync()
    {
        lock (_gate) return _idle.Task;
    }

    /// <summary>Queues entries that were just stored, in their order; each ordering key is processed in that order.</summary>
    public void Enqueue(IEnumerable<InboxEntry> entries)
    {
        foreach (var entry in entries)
        {
            lock (_gate)
            {
                if (!_known.TryAdd(entry.Id, entry.ReceivedAt)) continue;
                if (_known.Count == 1) _idle = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                _perKey[entry.OrderingKey] = _perKey.GetValueOrDefault(entry.OrderingKey) + 1;
            }

            // Acquired in Enqueue's order, so a customer's entries keep their arrival order.
            var turn = _lanes.AcquireAsync(entry.OrderingKey, CancellationToken.None);
            _ = RunAsync(entry, turn);
        }
    }

    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        var pending = await _inbox.PendingAsync(cancellationToken);
        if (pending.Count > 0) LogReplay(_logger, pending.Count);
        Enqueue(pending);
        await base.StartAsync(cancellationToken);
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await _stopping.CancelAsync();
        await base.StopAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var timer = new PeriodicTimer(TimeSpan.FromHours(1), _time);
        try
        {
            do
            {
                var purged = await _inbox.PurgeAsync(_time.GetUtcNow() - _options.Retention, stoppingToken);
                if (purged > 0) LogPurged(_logger, purged);
            }
            while (await timer.WaitForNextTickAsync(stoppingToken));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down; entries still queued stay pending in the inbox and are replayed next start.
        }
    }

    private async Task RunAsync(InboxEntry entry, Task<IDisposable> turn)
    {
        using (await turn)
        {
            await ProcessUntilDoneAsync(entry);
        }

        lock (_gate)
        {
            _known.Remove(entry.Id);
            if (--_perKey[entry.OrderingKey] == 0) _perKey.Remove(entry.OrderingKey);
            if (_known.Count == 0) _idle.TrySetResult();
        }
    }

    /// <summary>Processes the entry until it is done or parked as failed; stops early (leaving it pending) when the server stops.</summary>
    private async Task ProcessUntilDoneAsync(InboxEntry entry)
    {
        for (var attempt = 1; !_stopping.IsCancellationRequested; attempt++)
        {
            TimeSpan retryIn;
            await _slots.WaitAsync(CancellationToken.None);
            try
            {
                bool laterQueued;
                lock (_gate) laterQueued = _perKey.GetValueOrDefault(entry.OrderingKey) > 1;
                await _dispatcher.DispatchAsync(entry, laterQueued, _stopping.Token);
                return;
            }
            catch (OperationCanceledException) when (_stopping.IsCancellationRequested)
            {
                return;
            }
            catch (StoreUnavailableException e)
            {
                // The database is unreachable: no fault of the entry, which stays pending, its attempts uncounted,
                // and is tried again until the database is back (no restart needed).
                LogStoreUnavailable(_logger, entry.Id, e.Message);
                retryIn = Backoff.Delay(_options.RetryBackoff, _options.MaxRetryBackoff, attempt, 2, null, Random.Shared.NextDouble());
            }
            catch (Exception e)
            {
                InboxEntry? stored;
                try
                {
                    stored = await _inbox.RecordFailureAsync(entry.Id, e.Message, _options.MaxAttempts, CancellationToken.None);
                }
                catch (StoreUnavailableException unavailable)
                {
                    LogStoreUnavailable(_logger, entry.Id, unavailable.Message);
                    stored = entry;
                }

                var parked = stored is null || stored.State == InboxState.Failed;
                LogFailed(_logger, e, entry.Id, entry.Kind, stored?.Attempts ?? attempt, parked);
                if (parked) return;
                retryIn = Backoff.Delay(_options.RetryBackoff, _options.MaxRetryBackoff, Math.Max(stored!.Attempts, 1), 2, null, Random.Shared.NextDouble());
            }
            finally
            {
                _slots.Release();
            }

            try
            {
                await Task.Delay(retryIn, _time, _stopping.Token);
            }
            catch (OperationCanceledException)
            {
                // Stopping: the entry stays pending and is replayed next start.
            }
        }
    }

    [LoggerMessage(EventId = 2001, Level = LogLevel.Information, Message = "Replaying {Count} inbox entries accepted but not processed before the last stop")]
    private static partial void LogReplay(ILogger logger, int count);

    [LoggerMessage(EventId = 2002, Level = LogLevel.Error, Message = "Processing inbox entry {Id} ({Kind}) failed (attempt {Attempts}); parked as failed: {Parked}")]
    private static partial void LogFailed(ILogger logger, Exception exception, string id, string kind, int attempts, bool parked);

    [LoggerMessage(EventId = 2004, Level = LogLevel.Warning, Message = "Inbox entry {Id} waits for the store: {Reason}")]
    private static partial void LogStoreUnavailable(ILogger logger, string id, string reason);

    [LoggerMessage(EventId = 2003, Level = LogLevel.Information, Message = "Purged {Count} processed inbox entries past the redelivery horizon")]
    private static partial void LogPurged(ILogger logger, int count);
}
