namespace ChatRouter.Testing;

/// <summary>
/// What a fake API answers next: replies queued for one recipient first, then replies queued for any call,
/// then <see cref="Default"/>. Each queued reply answers one call. Thread-safe.
/// </summary>
public sealed class ReplyScript
{
    private readonly Lock _lock = new();
    private readonly Queue<FakeReply> _next = new();
    private readonly Dictionary<string, Queue<FakeReply>> _byRecipient = new(StringComparer.Ordinal);
    private FakeReply _default = FakeReply.Success;

    /// <summary>The answer when nothing is queued; success unless a test wants every call to fail.</summary>
    public FakeReply Default
    {
        get
        {
            lock (_lock) return _default;
        }

        set
        {
            lock (_lock) _default = value;
        }
    }

    /// <summary>Queues answers for the next calls, whoever they are to.</summary>
    public void Enqueue(params FakeReply[] replies)
    {
        lock (_lock)
        {
            foreach (var reply in replies) _next.Enqueue(reply);
        }
    }

    /// <summary>Queues answers for the next calls to <paramref name="recipient"/> ("+1555…" and "1555…" are the same).</summary>
    public void EnqueueFor(string recipient, params FakeReply[] replies)
    {
        lock (_lock)
        {
            var key = Key(recipient);
            if (!_byRecipient.TryGetValue(key, out var queue)) _byRecipient[key] = queue = new Queue<FakeReply>();
            foreach (var reply in replies) queue.Enqueue(reply);
        }
    }

    public FakeReply Next(string? recipient)
    {
        lock (_lock)
        {
            if (recipient is not null && _byRecipient.TryGetValue(Key(recipient), out var queue) && queue.TryDequeue(out var mine)) return mine;
            return _next.TryDequeue(out var any) ? any : _default;
        }
    }

    private static string Key(string recipient) => recipient.Trim().TrimStart('+');
}
