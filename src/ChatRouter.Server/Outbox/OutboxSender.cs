using ChatRouter.Outbox;
using Microsoft.Extensions.Options;

namespace ChatRouter.Server.Outbox;

/// <summary>
/// Sends the outbox: one message at a time per recipient, many recipients at once, within the business number's
/// and the pair's pace, retrying what is retryable with backoff. Per recipient, conversation and agent replies
/// go before business-initiated messages (<see cref="SendOrder"/>), each class in the order stored, so a
/// customer who writes while a campaign is queued for them is answered next. Work comes from the turns that
/// just committed and, at start, from what a previous run left pending (replay). The store is the record; this
/// class holds only the schedule.
/// </summary>
internal sealed partial class OutboxSender : BackgroundService
{
    private readonly OutboxDelivery _delivery;
    private readonly IOutboxStore _outbox;
    private readonly OutboxOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger<OutboxSender> _logger;
    private readonly Pacer _pacer;
    private readonly Lock _gate = new();
    private readonly Dictionary<string, SortedSet<OutboxEntry>> _queues = new(StringComparer.Ordinal);
    private readonly PriorityQueue<string, DateTimeOffset> _ready = new();
    // At most one pending wake-up: the loop re-reads the whole schedule when it wakes, so more would only spin it.
    private readonly SemaphoreSlim _wake = new(0, 1);
    private readonly SemaphoreSlim _slots;
    private readonly HashSet<Task> _inFlight = [];
    // Recipients with a send in flight: one at a time each, whatever else their schedule says.
    private readonly HashSet<string> _busy = new(StringComparer.Ordinal);
    private long _rounds;
    private TaskCompletionSource _settled = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public OutboxSender(OutboxDelivery delivery, IOutboxStore outbox, DeliveryTracker tracker, IOptions<OutboxOptions> options, TimeProvider time, ILogger<OutboxSender> logger)
    {
        tracker.WindowFallback = entry => Enqueue([entry]);
        _delivery = delivery;
        _outbox = outbox;
        _options = options.Value;
        _time = time;
        _logger = logger;
        _pacer = new Pacer(_options);
        _slots = new SemaphoreSlim(_options.Concurrency, _options.Concurrency);
        _settled.SetResult();
    }

    /// <summary>Entries waiting in memory (not yet finished).</summary>
    public int Queued
    {
        get
        {
            lock (_gate) return _queues.Values.Sum(q => q.Count);
        }
    }

    /// <summary>How long the due entry that has waited longest is past its due time (zero when none is due).</summary>
    public TimeSpan OldestDueAge(DateTimeOffset now)
    {
        lock (_gate)
        {
            var due = _queues.Values.SelectMany(q => q).Where(e => e.NextAttemptAt <= now).Select(e => e.NextAttemptAt).DefaultIfEmpty(now).Min();
            return now - due;
        }
    }

    /// <summary>
    /// Completes once nothing is being sent and nothing is due now: what is left waits for a later time (a
    /// retry, the pace). Tests wait on it instead of sleeping, so a stray send shows up at once.
    /// </summary>
    public Task WhenSettledAsync()
    {
        lock (_gate)
        {
            // The clock may have moved (a fake one in tests) since the loop last looked: what is due now unsettles.
            if (_busy.Count > 0 || (_ready.TryPeek(out _, out var at) && at <= _time.GetUtcNow()))
            {
                Unsettle();
                Wake();
            }

            return _settled.Task;
        }
    }

    /// <summary>Schedules entries that were just committed.</summary>
    public void Enqueue(IEnumerable<OutboxEntry> entries)
    {
        lock (_gate)
        {
            foreach (var entry in entries)
            {
                var key = RecipientKey(entry);
                if (!_queues.TryGetValue(key, out var queue))
                {
                    queue = new SortedSet<OutboxEntry>(SendOrder.Comparer);
                    _queues[key] = queue;
                }

                queue.Add(entry);
                // A new first message (a reply ahead of proactive ones waiting for a retry) is due at its own time;
                // the recipient may now be scheduled twice, and the later turn finds nothing due and lets go.
                if (ReferenceEquals(queue.Min, entry) && !_busy.Contains(key)) _ready.Enqueue(key, entry.NextAttemptAt);
            }

            Unsettle();
        }

        Wake();
    }

    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        var pending = await _outbox.PendingAsync(cancellationToken);
        if (pending.Count > 0) OutboxLog.Replaying(_logger, pending.Count);
        Enqueue(pending);
        await base.StartAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                await _slots.WaitAsync(stoppingToken);
                var (key, entry) = await NextAsync(stoppingToken);
                var task = SendAsync(key, entry, stoppingToken);
                lock (_gate) _inFlight.Add(task);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping: sends in flight finish below; what is still pending stays in the outbox for the next run.
        }

        Task[] remaining;
        lock (_gate) remaining = [.. _inFlight];
        await Task.WhenAll(remaining);
    }

    /// <summary>Waits until some recipient's next message is due and the pace allows it.</summary>
    private async Task<(string Key, OutboxEntry Entry)> NextAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            DateTimeOffset? due = null;
            TaskCompletionSource? settled = null;
            lock (_gate)
            {
                var now = _time.GetUtcNow();
                while (_ready.TryPeek(out var key, out var at))
                {
                    if (at > now)
                    {
                        due = at;
                        break;
                    }

                    _ready.Dequeue();
                    if (_busy.Contains(key) || !_queues.TryGetValue(key, out var queue)) continue;
                    var entry = queue.Min!;
                    if (entry.NextAttemptAt > now)
                    {
                        _ready.Enqueue(key, entry.NextAttemptAt);
                        continue;
                    }

                    if (_pacer.TryAcquire(entry.BusinessNumber, entry.To, now, out var paced))
                    {
                        _busy.Add(key);
                        Unsettle();
                        return (key, entry);
                    }

                    _ready.Enqueue(key, now + paced);
                }

                if (++_rounds % 10_000 == 0) _pacer.Trim(now);
                if (_busy.Count == 0) settled = _settled;
            }

            await WaitAsync(due, settled, cancellationToken);
        }
    }

    /// <summary>Sleeps until <paramref name="due"/> or a wake-up; reports <paramref name="settled"/> once the timer is armed.</summary>
    private async Task WaitAsync(DateTimeOffset? due, TaskCompletionSource? settled, CancellationToken cancellationToken)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var woken = _wake.WaitAsync(stop.Token);
        // The delay is taken from the clock as it is now, and "settled" is said only after the timer exists: a
        // test that advances a fake clock as soon as it hears "settled" must find the timer there to fire.
        var timer = due is { } at ? Task.Delay(Max(at - _time.GetUtcNow(), TimeSpan.Zero), _time, stop.Token) : Task.Delay(Timeout.Infinite, stop.Token);
        if (settled is not null)
        {
            lock (_gate)
            {
                // Work that arrived meanwhile replaced the task (and woke the loop): then it is not settled.
                if (ReferenceEquals(settled, _settled)) settled.TrySetResult();
            }
        }

        await Task.WhenAny(woken, timer);
        await stop.CancelAsync();
        cancellationToken.ThrowIfCancellationRequested();
    }

    private async Task SendAsync(string key, OutboxEntry entry, CancellationToken cancellationToken)
    {
        await Task.Yield();
        DateTimeOffset? retryAt = null;
        try
        {
            retryAt = await _delivery.SendAsync(entry, cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            retryAt = _time.GetUtcNow();
        }
        catch (Exception e)
        {
            // A bug or a store failure must not stop the other recipients; this one is retried later.
            OutboxLog.SendCrashed(_logger, e, entry.Id);
            retryAt = _time.GetUtcNow() + _options.MaxBackoff;
        }
        finally
        {
            Reschedule(key, entry, retryAt);
            _slots.Release();
            lock (_gate) _inFlight.RemoveWhere(t => t.IsCompleted);
        }
    }

    private void Reschedule(string key, OutboxEntry entry, DateTimeOffset? retryAt)
    {
        lock (_gate)
        {
            _busy.Remove(key);
            var queue = _queues[key];
            // A retried entry keeps its place (still first of its class), now due later; a reply that arrived
            // meanwhile may be first now, and is due at once.
            if (retryAt is { } at) entry.NextAttemptAt = at;
            else queue.Remove(entry);
            if (queue.Count == 0) _queues.Remove(key);
            else _ready.Enqueue(key, queue.Min!.NextAttemptAt);
        }

        Wake();
    }

    private void Unsettle()
    {
        if (_settled.Task.IsCompleted) _settled = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
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

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;

    private static string RecipientKey(OutboxEntry entry) => $"{entry.Channel}|{entry.BusinessNumber}|{entry.To}";
}
