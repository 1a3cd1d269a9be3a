namespace ChatRouter.Reports;

/// <summary>Adds daily rollups up into report rows, one per key, ordered by key.</summary>
public static class KpiReport
{
    /// <summary>The rows of <paramref name="rollups"/> (one dimension); conversions of <paramref name="goal"/> only, or of every goal when null.</summary>
    public static IReadOnlyList<KpiRow> Rows(IEnumerable<DailyRollup> rollups, string? goal)
    {
        ArgumentNullException.ThrowIfNull(rollups);
        return rollups.GroupBy(r => r.Key, StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => Row(g.Key, g.ToList(), goal))
            .ToList();
    }

    private static KpiRow Row(string key, List<DailyRollup> days, string? goal)
    {
        long Sum(Func<DailyRollup, long> count) => days.Sum(count);
        var sent = Sum(d => d.Sent);
        var proactive = Sum(d => d.ProactiveSent);
        var conversations = Sum(d => d.Conversations);
        var contained = conversations - Sum(d => d.HandedOffConversations);
        var classified = Sum(d => d.ClassifiedTurns);
        var resolved = Sum(d => d.ResolvedTurns);
        var delivered = Sum(d => d.Delivered);
        var read = Sum(d => d.Read);
        var replied = Sum(d => d.Replied);
        var optedOut = Sum(d => d.OptedOut);
        var conversions = Sum(d => d.ConversionsOf(goal));
        return new KpiRow
        {
            Key = key,
            Sent = sent,
            Delivered = delivered,
            Read = read,
            Replied = replied,
            Failed = Sum(d => d.Failed),
            OptedOut = optedOut,
            Conversions = conversions,
            Handoffs = Sum(d => d.Handoffs),
            Conversations = conversations,
            DeliveryRate = Rate(delivered, sent),
            ReadRate = Rate(read, sent),
            ReplyRate = Rate(replied, sent),
            OptOutRate = Rate(optedOut, sent),
            ConversionRate = Rate(conversions, proactive),
            ContainmentRate = Rate(contained, conversations),
            IntentResolutionRate = Rate(resolved, classified),
            FirstResponseSeconds = Percentiles(days.Aggregate(Array.Empty<long>(), (total, d) => LatencySketch.Merge(total, d.FirstResponse))),
            ResolutionSeconds = Percentiles(days.Aggregate(Array.Empty<long>(), (total, d) => LatencySketch.Merge(total, d.Resolution))),
            ProactiveSent = proactive,
            Contained = contained,
            ClassifiedTurns = classified,
            ResolvedTurns = resolved,
        };
    }

    private static double? Rate(long part, long whole) => whole == 0 ? null : Math.Round((double)part / whole, 4);

    private static LatencyPercentiles Percentiles(long[] sketch) =>
        new(Round(LatencySketch.Percentile(sketch, 0.5)), Round(LatencySketch.Percentile(sketch, 0.9)));

    private static double? Round(double? seconds) => seconds is { } value ? Math.Round(value, 1) : null;
}
