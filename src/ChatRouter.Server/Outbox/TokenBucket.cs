namespace ChatRouter.Server.Outbox;

/// <summary>A token bucket on an injected clock: <c>capacity</c> tokens, refilled at <c>rate</c> per second.</summary>
internal sealed class TokenBucket
{
    private const double Epsilon = 1e-9;

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
        // Refills add up fractions of a token: one short by a rounding error is a whole token.
        if (_tokens >= 1 - Epsilon)
        {
            _tokens = Math.Max(0, _tokens - 1);
            wait = TimeSpan.Zero;
            return true;
        }

        // Rounded up, never zero: the sender reschedules at now + wait, and a zero wait would spin it.
        wait = TimeSpan.FromTicks(Math.Max(1, (long)Math.Ceiling((1 - _tokens) / _rate * TimeSpan.TicksPerSecond)));
        return false;
    }

    /// <summary>Gives back a token taken when the send could not go after all.</summary>
    public void Refund() => _tokens = Math.Min(_capacity, _tokens + 1);

    /// <summary>Whether the bucket is full (and so can be forgotten).</summary>
    public bool IsFull(DateTimeOffset now)
    {
        Refill(now);
        return _tokens >= _capacity - Epsilon;
    }

    private void Refill(DateTimeOffset now)
    {
        if (now <= _last) return;
        _tokens = Math.Min(_capacity, _tokens + (now - _last).TotalSeconds * _rate);
        _last = now;
    }
}
