using System.Globalization;

namespace ChatRouter.Conversations;

/// <summary>
/// Ids that sort in creation order as strings: 16 hex digits of (Unix milliseconds × 4096 + a counter), kept
/// strictly increasing within the process even when the clock stands still or steps back, then 8 random hex
/// digits so two processes practically never collide (they are not secrets). History and outbox entries are read back in this order.
/// </summary>
public static class SortableId
{
    private static long _last;

    /// <summary>A new id for something created at <paramref name="now"/>.</summary>
    public static string Next(DateTimeOffset now)
    {
        var candidate = now.ToUnixTimeMilliseconds() << 12;
        long value;
        while (true)
        {
            var last = Interlocked.Read(ref _last);
            value = Math.Max(candidate, last + 1);
            if (Interlocked.CompareExchange(ref _last, value, last) == last) break;
        }

        return string.Create(24, (value, (uint)Random.Shared.Next()), static (span, state) =>
        {
            state.value.TryFormat(span, out _, "x16", CultureInfo.InvariantCulture);
            state.Item2.TryFormat(span[16..], out _, "x8", CultureInfo.InvariantCulture);
        });
    }
}
