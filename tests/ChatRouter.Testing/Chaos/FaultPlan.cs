namespace ChatRouter.Testing.Chaos;

/// <summary>A way the provider can misbehave on one send.</summary>
public enum Fault
{
    /// <summary>Normal success with a fresh wamid.</summary>
    None,

    /// <summary>HTTP 429 with Graph error 130429, no Retry-After.</summary>
    RateLimited,

    /// <summary>HTTP 429 with 130429 and Retry-After: 1, in seconds or as an HTTP date (alternately).</summary>
    RateLimitedRetryAfter,

    /// <summary>HTTP 500 with a proxy's HTML page.</summary>
    ServerError,

    /// <summary>HTTP 503 with Graph error 133004 (temporarily unavailable).</summary>
    Unavailable,

    /// <summary>No answer at all: the client gives up after WhatsApp:RequestTimeout. The fake does not deliver it.</summary>
    Timeout,

    /// <summary>The connection is closed before any answer. The fake does not deliver it.</summary>
    Reset,

    /// <summary>Success after 2 seconds.</summary>
    Slow,

    /// <summary>HTTP 200 with a body cut off mid-JSON: the message may or may not have gone out.</summary>
    MalformedSuccess,
}

/// <summary>
/// Which fault the fake provider answers each send with: with probability <see cref="Rate"/> one of
/// <see cref="Faults"/>, drawn from a generator seeded once, so a run's mix is repeatable (which message gets
/// which fault still depends on the order requests arrive in). Thread-safe.
/// </summary>
public sealed class FaultPlan(double rate, int seed, TimeProvider time, params Fault[] faults)
{
    private readonly Lock _lock = new();
    private readonly Random _random = new(seed);
    private readonly Dictionary<Fault, int> _drawn = [];

    public double Rate { get; } = rate;

    public IReadOnlyList<Fault> Faults { get; } = faults;

    /// <summary>How many answers were faults so far.</summary>
    public int FaultsAnswered
    {
        get
        {
            lock (_lock) return _drawn.Where(d => d.Key != Fault.None).Sum(d => d.Value);
        }
    }

    /// <summary>The next answer (for <see cref="ReplyScript.DefaultFrom"/>).</summary>
    public FakeReply Next()
    {
        Fault fault;
        bool asDate;
        lock (_lock)
        {
            fault = Faults.Count > 0 && _random.NextDouble() < Rate ? Faults[_random.Next(Faults.Count)] : Fault.None;
            asDate = _random.Next(2) == 0;
            _drawn[fault] = _drawn.GetValueOrDefault(fault) + 1;
        }

        return fault switch
        {
            Fault.RateLimited => FakeReply.ThroughputLimit(),
            // An HTTP date has whole seconds: "now + 1 s" may say a little less than a second.
            Fault.RateLimitedRetryAfter => asDate ? FakeReply.ThroughputLimit().WithRetryAfter(time.GetUtcNow() + TimeSpan.FromSeconds(1)) : FakeReply.ThroughputLimit().WithRetryAfter(1),
            Fault.ServerError => FakeReply.ServerError(500),
            Fault.Unavailable => FakeReply.MetaError(503, 133004, "Server temporarily unavailable", "The service is temporarily unavailable."),
            Fault.Timeout => FakeReply.Timeout(),
            Fault.Reset => FakeReply.Drop(),
            Fault.Slow => FakeReply.Success.After(TimeSpan.FromSeconds(2)),
            Fault.MalformedSuccess => FakeReply.MalformedSuccess(),
            _ => FakeReply.Success,
        };
    }
}
