using ChatRouter.Storage.Inbox;
using Microsoft.Extensions.Options;

namespace ChatRouter.Server.Inbox;

/// <summary>
/// Processes the inbox: entries with the same ordering key (one customer) one at a time in arrival order,
/// different keys in parallel. At start, before the server accepts requests, everything a previous run
/// accepted but did not finish is replayed. An entry that fails is retried in place (later entries of the
/// same customer wait, so order holds), then parked as failed for an operator.
/// </summary>
internal sealed partial class InboxProcessor : BackgroundService
{
    private readonly InboxStore _inbox;
    private readonly NotificationDispatcher _dispatcher;
    private readonly InboxOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger<InboxProcessor> _logger;
    private readonly Lock _gate = new();
    private readonly Dictionary<string, Queue<InboxEntry>> _lanes = new(StringComparer.Ordinal);
    private readonly HashSet<string> _known = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim _slots;
    private readonly CancellationTokenSource _stopping = new();
    private int _active;
    private TaskCompletionSource _idle = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public InboxProcessor(InboxStore inbox, NotificationDispatcher dispatcher, IOptions<InboxOptions> options, TimeProvider time, ILogger<InboxProcessor> logger)
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

    /// <summary>Completes when nothing is queued or running (tests and graceful shutdown wait on it).</summary>
    public Task WhenIdleAsync()
    {
        lock (_gate) return _idle.Task;
    }

    /// <summary>Queues entries that were just stored; each ordering key gets one worker.</summary>
    public void Enqueue(IEnumerable<InboxEntry> entries)
    {
        var start = new List<string>();
        lock (_gate)
        {
            foreach (var entry in entries)
            {
                if (!_known.Add(entry.Id)) continue;
                if (_active++ == 0) _idle = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                if (!_lanes.TryGetValue(entry.OrderingKey, out var lane))
                {
                    lane = new Queue<InboxEntry>();
                    _lanes[entry.OrderingKey] = lane;
                    start.Add(entry.OrderingKey);
                }

                lane.Enqueue(entry);
            }
        }

        foreach (var key in start) _ = RunLaneAsync(key);
    }

    public override Task StartAsync(CancellationToken cancellationToken)
    {
        var pending = _inbox.Pending();
        if (pending.Count > 0) LogReplay(_logger, pending.Count);
        Enqueue(pending);
        return base.StartAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var register = stoppingToken.Register(_stopping.Cancel);
        var timer = new PeriodicTimer(TimeSpan.FromHours(1), _time);
        try
        {
            do
            {
                var purged = await _inbox.PurgeAsync(_time.GetUtcNow() - _options.Retention);
                if (purged > 0) LogPurged(_logger, purged);
            }
            while (await timer.WaitForNextTickAsync(stoppingToken));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down; entries still queued stay pending in the inbox and are replayed next start.
        }
    }

    private async Task RunLaneAsync(string key)
    {
        await Task.Yield();
        while (true)
        {
            InboxEntry entry;
            lock (_gate)
            {
                var lane = _lanes[key];
                if (lane.Count == 0)
                {
                    _lanes.Remove(key);
                    return;
                }

                entry = lane.Peek();
            }

            if (_stopping.IsCancellationRequested) return;
            var finished = await ProcessAsync(entry);
            if (!finished) continue;
            lock (_gate)
            {
                _lanes[key].Dequeue();
                _known.Remove(entry.Id);
                if (--_active == 0) _idle.TrySetResult();
            }
        }
    }

    /// <summary>True when the entry is done (processed or parked as failed); false to try it again.</summary>
    private async Task<bool> ProcessAsync(InboxEntry entry)
    {
        TimeSpan retryIn;
        await _slots.WaitAsync(CancellationToken.None);
        try
        {
            await _dispatcher.DispatchAsync(entry, _stopping.Token);
            return true;
        }
        catch (OperationCanceledException) when (_stopping.IsCancellationRequested)
        {
            return false;
        }
        catch (Exception e)
        {
            var stored = await _inbox.RecordFailureAsync(entry.Id, e.Message, _options.MaxAttempts);
            var parked = stored is null || stored.State == InboxState.Failed;
            LogFailed(_logger, e, entry.Id, entry.Kind, stored?.Attempts ?? 0, parked);
            if (parked) return true;
            retryIn = TimeSpan.FromSeconds(Math.Min(60, Math.Pow(2, stored!.Attempts)));
        }
        finally
        {
            _slots.Release();
        }

        // The customer's later messages wait behind this one, so their order holds across the retry.
        try
        {
            await Task.Delay(retryIn, _time, _stopping.Token);
        }
        catch (OperationCanceledException)
        {
            // Stopping: the entry stays pending and is replayed next start.
        }

        return false;
    }

    [LoggerMessage(EventId = 2001, Level = LogLevel.Information, Message = "Replaying {Count} inbox entries accepted but not processed before the last stop")]
    private static partial void LogReplay(ILogger logger, int count);

    [LoggerMessage(EventId = 2002, Level = LogLevel.Error, Message = "Processing inbox entry {Id} ({Kind}) failed (attempt {Attempts}); parked as failed: {Parked}")]
    private static partial void LogFailed(ILogger logger, Exception exception, string id, string kind, int attempts, bool parked);

    [LoggerMessage(EventId = 2003, Level = LogLevel.Information, Message = "Purged {Count} processed inbox entries past the redelivery horizon")]
    private static partial void LogPurged(ILogger logger, int count);
}
