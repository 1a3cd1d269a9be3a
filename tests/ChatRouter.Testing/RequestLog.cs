namespace ChatRouter.Testing;

/// <summary>The requests a fake API received, in arrival order; thread-safe, and awaitable by count.</summary>
public sealed class RequestLog
{
    private readonly Lock _lock = new();
    private readonly List<RecordedRequest> _items = [];
    private readonly List<(int Count, TaskCompletionSource<IReadOnlyList<RecordedRequest>> Done)> _waiters = [];

    public int Count
    {
        get
        {
            lock (_lock) return _items.Count;
        }
    }

    public IReadOnlyList<RecordedRequest> Snapshot()
    {
        lock (_lock) return [.. _items];
    }

    public void Add(RecordedRequest request)
    {
        List<TaskCompletionSource<IReadOnlyList<RecordedRequest>>>? ready = null;
        IReadOnlyList<RecordedRequest>? snapshot = null;
        lock (_lock)
        {
            _items.Add(request);
            // Copy only for a waiter that is now satisfied: copying on every request is quadratic under load.
            if (_waiters.Exists(w => w.Count <= _items.Count))
            {
                snapshot = [.. _items];
                ready = _waiters.Where(w => w.Count <= _items.Count).Select(w => w.Done).ToList();
                _waiters.RemoveAll(w => w.Count <= _items.Count);
            }
        }

        foreach (var done in ready ?? []) done.TrySetResult(snapshot!);
    }

    /// <summary>Completes once <paramref name="count"/> requests have arrived, with all of them so far.</summary>
    /// <exception cref="TimeoutException">Fewer arrived within <paramref name="timeout"/>; the message lists those that did.</exception>
    public async Task<IReadOnlyList<RecordedRequest>> WaitForAsync(int count, TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        TaskCompletionSource<IReadOnlyList<RecordedRequest>> done;
        lock (_lock)
        {
            if (_items.Count >= count) return [.. _items];
            done = new(TaskCreationOptions.RunContinuationsAsynchronously);
            _waiters.Add((count, done));
        }

        try
        {
            return await done.Task.WaitAsync(timeout, cancellationToken);
        }
        catch (TimeoutException)
        {
            var arrived = Snapshot();
            throw new TimeoutException(
                $"Expected {count} requests within {timeout.TotalSeconds:0.###} s, but {arrived.Count} arrived:" +
                string.Concat(arrived.Select(r => $"\n  {r.Path} → {r.StatusCode}: {r.BodyText}")));
        }
    }
}
