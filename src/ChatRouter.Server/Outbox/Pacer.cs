namespace ChatRouter.Server.Outbox;

/// <summary>
/// WhatsApp's two throughput limits: messages per second per business number, and a burst-then-1-per-6-s
/// allowance per (business number, recipient) pair. Sending within them avoids 130429 and 131056 instead of
/// provoking them. Not thread-safe: the sender's scheduling loop owns it.
/// </summary>
internal sealed class Pacer(OutboxOptions options)
{
    private readonly Dictionary<string, TokenBucket> _numbers = new(StringComparer.Ordinal);
    private readonly Dictionary<string, TokenBucket> _pairs = new(StringComparer.Ordinal);

    /// <summary>Takes both tokens for a send, or neither; <paramref name="wait"/> says when to try again.</summary>
    public bool TryAcquire(string businessNumber, string recipient, DateTimeOffset now, out TimeSpan wait)
    {
        var number = Bucket(_numbers, businessNumber, options.MessagesPerSecond, Math.Max(1, options.MessagesPerSecond), now);
        var pair = Bucket(_pairs, businessNumber + "|" + recipient, 1 / options.PairIntervalSeconds, options.PairBurst, now);
        if (!pair.TryTake(now, out wait)) return false;
        if (number.TryTake(now, out wait)) return true;
        pair.Refund();
        return false;
    }

    /// <summary>Forgets recipients whose allowance is whole again, so memory follows active conversations only.</summary>
    public void Trim(DateTimeOffset now)
    {
        foreach (var key in _pairs.Where(p => p.Value.IsFull(now)).Select(p => p.Key).ToList()) _pairs.Remove(key);
    }

    public int TrackedPairs => _pairs.Count;

    private static TokenBucket Bucket(Dictionary<string, TokenBucket> buckets, string key, double rate, double capacity, DateTimeOffset now)
    {
        if (!buckets.TryGetValue(key, out var bucket))
        {
            bucket = new TokenBucket(rate, capacity, now);
            buckets[key] = bucket;
        }

        return bucket;
    }
}
