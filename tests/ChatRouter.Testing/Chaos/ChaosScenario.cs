using System.Globalization;

namespace ChatRouter.Testing.Chaos;

/// <summary>
/// One row of the chaos matrix: the faults the fake provider answers with (each send faulty with probability
/// <see cref="Rate"/>), and whether the server is killed (SIGKILL) mid-burst and restarted on the same database.
/// </summary>
public sealed record ChaosScenario(string Name, double Rate, Fault[] Faults, bool Kill = false)
{
    /// <summary>Sends in flight at once; also the most a kill may send twice.</summary>
    public const int Concurrency = 16;

    /// <summary>Every fault kind.</summary>
    public static readonly Fault[] AllFaults =
        [Fault.RateLimited, Fault.RateLimitedRetryAfter, Fault.ServerError, Fault.Unavailable, Fault.Timeout, Fault.Reset, Fault.Slow, Fault.MalformedSuccess];

    /// <summary>One scenario per fault kind, all of them mixed, and all of them mixed with a kill -9.</summary>
    public static IReadOnlyList<ChaosScenario> Matrix { get; } =
    [
        new("429", 0.3, [Fault.RateLimited]),
        new("429 + Retry-After", 0.3, [Fault.RateLimitedRetryAfter]),
        new("500", 0.3, [Fault.ServerError]),
        new("503", 0.3, [Fault.Unavailable]),
        new("timeout", 0.2, [Fault.Timeout]),
        new("connection reset", 0.3, [Fault.Reset]),
        new("2-second reply", 0.2, [Fault.Slow]),
        new("malformed 200", 0.2, [Fault.MalformedSuccess]),
        new("mixed", 0.4, AllFaults),
        new("mixed + kill -9", 0.4, AllFaults, Kill: true),
    ];

    public static ChaosScenario Named(string name) => Matrix.Single(s => s.Name == name);

    /// <summary>
    /// Small settings so a scenario takes seconds: 5 ms first backoff, at most 1 s (so Retry-After: 1 is
    /// honoured, not cut), no pacing in the way, and a 1 s request timeout (3 s when 2-second replies are
    /// expected, so that they are slow, not lost).
    /// </summary>
    public Dictionary<string, string?> Settings() => new()
    {
        ["Outbox:BaseBackoff"] = "00:00:00.005",
        ["Outbox:MaxBackoff"] = "00:00:01",
        ["Outbox:MaxAttempts"] = "8",
        ["Outbox:PairBurst"] = "1000",
        ["Outbox:MessagesPerSecond"] = "10000",
        ["Outbox:Concurrency"] = Concurrency.ToString(CultureInfo.InvariantCulture),
        ["WhatsApp:RequestTimeout"] = Faults.Contains(Fault.Slow) ? "00:00:03" : "00:00:01",
        // Every fault is logged as a warning; thousands of them would drown the test output.
        ["Serilog:MinimumLevel:Default"] = "Error",
    };

    public override string ToString() => Name;
}
