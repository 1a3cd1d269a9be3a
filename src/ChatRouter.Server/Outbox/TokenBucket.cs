namespace ChatRouter.Server.Outbox;

/// <summary>A token bucket on an injected clock: <c>capacity</c> tokens, refilled at <c>rate</c> per second.</summary>
internal sealed class TokenBucket
{
    private readonly double _rate;
    private readonly double _capacity;
    private double _tokens;
    private DateTimeOffset _last;

    public TokenBucket(double ratePerSecond, double capacity, DateTimeOffset now)
    {
        _rate = ratePerSecond;
        _capacity = capacity;
        _tokens = capacity;
        _last = now;
    }

    /// <summary>Takes a token, or says how long until one is there.</summary>
    public bool TryTake(DateTimeOffset now, out TimeSpan wait)
    {
        Refill(now);
        if (_tokens >= 1)
        {
            _tokens -= 1;
            wait = TimeSpan.Zero;
            return true;
        }

        wait = TimeSpan.FromSeconds((1 - _tokens) / _rate);
        return false;
    }

    /// <summary>Gives back a token taken when the send could not go after all.</summary>
    public void Refund() => _tokens = Math.Min(_capacity, _tokens + 1);

    /// <summary>Whether the bucket is full (and so can be forgotten).</summary>
    public bool IsFull(DateTimeOffset now)
    {
        Refill(now);
        return _tokens >= _capacity;
    }

    private void Refill(DateTimeOffset now)
    {
        if (now <= _last) return;
        _tokens = Math.Min(_capacity, _tokens + (now - _last).TotalSeconds * _rate);
        _last = now;
    }
}
