namespace ChatRouter.Server.Outbox;

/// <summary>
/// Retry delays: exponential from <see cref="OutboxOptions.BaseBackoff"/> (×2 per attempt; ×4 for the pair rate
/// limit, as Meta advises 4^X seconds), capped at <see cref="OutboxOptions.MaxBackoff"/>, with "equal jitter"
/// (half fixed, half random) so retries of many messages spread out without ever retrying at once.
/// A provider's Retry-After is a floor.
/// </summary>
internal static class Backoff
{
    public static TimeSpan Delay(OutboxOptions options, int attempt, bool pairLimited, TimeSpan? retryAfter, double random)
    {
        var factor = Math.Pow(pairLimited ? 4 : 2, Math.Max(0, attempt - 1));
        var ceiling = Math.Min(options.MaxBackoff.TotalMilliseconds, options.BaseBackoff.TotalMilliseconds * factor);
        var delay = TimeSpan.FromMilliseconds(ceiling / 2 + ceiling / 2 * Math.Clamp(random, 0, 1));
        return retryAfter is { } floor && floor > delay ? (floor > options.MaxBackoff ? options.MaxBackoff : floor) : delay;
    }
}
