namespace ChatRouter.Testing;

/// <summary>
/// What a fake API answers next: replies queued for one recipient first, then replies queued for any call,
/// then one drawn from <see cref="DefaultFrom"/> (a fault plan) if set, else <see cref="Default"/>. Each queued
/// reply answers one call. Thread-safe.
/// </summary>
public sealed class ReplyScript
{
    private readonly Lock _lock = new();
    private readonly Queue<FakeReply> _next = new();
    private readonly Dictionary<string, Queue<FakeReply>> _byRecipient = new(StringComparer.Ordinal);
    private FakeReply _default = FakeReply.Success;
    private Func<FakeReply>? _draw;

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

    /// <summary>Draws the answer to each call nothing is queued for (a <c>FaultPlan</c>'s <c>Next</c>, say); null for <see cref="Default"/>.</summary>
    public Func<FakeReply>? DefaultFrom
    {
        get
        {
            lock (_lock) return _draw;
        }

        set
        {
            lock (_lock) _draw = value;
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
            return _next.TryDequeue(out var any) ? any : _draw?.Invoke() ?? _default;
        }
    }

    private static string Key(string recipient) => recipient.Trim().TrimStart('+');
}
