namespace ChatRouter.Conversations;

/// <summary>
/// The one per-key serializer (R17: one conversation, one worker): one holder per key at a time, in the order
/// they asked; different keys run in parallel. The engine holds a customer's key for a turn, the inbox holds
/// an ordering key while one entry is processed (retries included), so a customer's later messages wait.
/// Each waiter waits on the holder before it (a chain of tasks, no queue to drain), and a key nobody holds
/// costs nothing.
/// </summary>
public sealed class KeyedLock
{
    private readonly Dictionary<string, Task> _tails = new(StringComparer.Ordinal);

    /// <summary>Keys held or waited for.</summary>
    public int Keys
    {
        get
        {
            lock (_tails) return _tails.Count;
        }
    }

    /// <summary>Waits for <paramref name="key"/>; dispose the result to let the next holder in.</summary>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> fired while waiting (the place in line is given up in order).</exception>
    public async Task<IDisposable> AcquireAsync(string key, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(key);
        var held = new Holder(this, key);
        Task previous;
        lock (_tails)
        {
            previous = _tails.GetValueOrDefault(key) ?? Task.CompletedTask;
            _tails[key] = held.Released;
        }

        try
        {
            await previous.WaitAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            // Those behind must still wait for the holder before us: pass our turn on only once it is done.
            _ = previous.ContinueWith(_ => held.Dispose(), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
            throw;
        }

        return held;
    }

    private void Leave(string key, Task released)
    {
        lock (_tails)
        {
            if (_tails.TryGetValue(key, out var tail) && tail == released) _tails.Remove(key);
        }
    }

    private sealed class Holder(KeyedLock owner, string key) : IDisposable
    {
        private readonly TaskCompletionSource _released = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Task Released => _released.Task;

        public void Dispose()
        {
            if (_released.Task.IsCompleted) return;
            owner.Leave(key, _released.Task);
            _released.TrySetResult();
        }
    }
}
