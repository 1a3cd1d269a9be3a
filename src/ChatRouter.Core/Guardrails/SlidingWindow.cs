namespace ChatRouter.Guardrails;

/// <summary>Cap arithmetic over a customer's past sends of one category; a window is (t − period, t].</summary>
internal static class SlidingWindow
{
    public static int CountAt(IEnumerable<DateTimeOffset> sends, DateTimeOffset at, TimeSpan period) =>
        sends.Count(s => s > at - period && s <= at);

    /// <summary>
    /// The first instant from <paramref name="notBefore"/> at which one more send stays within the cap, or null for a
    /// cap of 0. Sends are in the past, so the count only falls as time goes on: the slot opens when the
    /// <paramref name="count"/>-th most recent send leaves the window.
    /// </summary>
    public static DateTimeOffset? FirstFree(IEnumerable<DateTimeOffset> sends, DateTimeOffset notBefore, int count, TimeSpan period)
    {
        if (count <= 0)
            return null;
        var recent = sends.Where(s => s <= notBefore).OrderDescending().ToList();
        if (recent.Count < count)
            return notBefore;
        var opens = recent[count - 1] + period;
        return opens > notBefore ? opens : notBefore;
    }
}
