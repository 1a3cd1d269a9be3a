namespace ChatRouter.Server.Outbox;

/// <summary>
/// The one retry delay (outbox sends and inbox entries): exponential from a base (×<c>factor</c> per attempt;
/// the outbox uses ×4 for the pair rate limit, as Meta advises 4^X seconds), capped, with "equal jitter" (half
/// fixed, half random) so retries of many items spread out without ever retrying at once. A provider's
/// Retry-After is a floor, itself capped.
/// </summary>
internal static class Backoff
{
    /// <param name="baseDelay">The first delay.</param>
    /// <param name="max">The longest delay, also the cap on <paramref name="floor"/>.</param>
    /// <param name="attempt">The attempt that failed, from 1.</param>
    /// <param name="factor">Growth per attempt.</param>
    /// <param name="floor">Wait at least this long (Retry-After), within <paramref name="max"/>.</param>
    /// <param name="random">A number in [0, 1] for the jitter.</param>
    public static TimeSpan Delay(TimeSpan baseDelay, TimeSpan max, int attempt, double factor, TimeSpan? floor, double random)
    {
        var growth = Math.Pow(factor, Math.Max(0, attempt - 1));
        var ceiling = Math.Min(max.TotalMilliseconds, baseDelay.TotalMilliseconds * growth);
        var delay = TimeSpan.FromMilliseconds(ceiling / 2 + ceiling / 2 * Math.Clamp(random, 0, 1));
        return floor is { } least && least > delay ? (least > max ? max : least) : delay;
    }

    /// <summary>The outbox's delay for a failed send.</summary>
    public static TimeSpan Delay(OutboxOptions options, int attempt, bool pairLimited, TimeSpan? retryAfter, double random) =>
        Delay(options.BaseBackoff, options.MaxBackoff, attempt, pairLimited ? 4 : 2, retryAfter, random);
}
