namespace ChatRouter.Reports;

/// <summary>One row of <c>GET /api/reports/kpis</c>: the counts of one key over the range, and the rates and latencies they give (docs/insight.md).</summary>
public sealed record KpiRow
{
    /// <summary>The day (<c>yyyy-MM-dd</c>), flow id, template name, variant, locale or category.</summary>
    public required string Key { get; init; }

    /// <summary>Messages the provider accepted.</summary>
    public long Sent { get; init; }

    /// <summary>Sent messages delivered (or read).</summary>
    public long Delivered { get; init; }

    /// <summary>Sent messages read.</summary>
    public long Read { get; init; }

    /// <summary>Sent messages the customer answered within 24 h.</summary>
    public long Replied { get; init; }

    /// <summary>Messages that failed.</summary>
    public long Failed { get; init; }

    /// <summary>Sent messages after which the customer withdrew consent within 24 h.</summary>
    public long OptedOut { get; init; }

    /// <summary>Business-initiated messages converted by a goal event.</summary>
    public long Conversions { get; init; }

    /// <summary>Handoffs requested.</summary>
    public long Handoffs { get; init; }

    /// <summary>Conversations started.</summary>
    public long Conversations { get; init; }

    /// <summary><see cref="Delivered"/> ÷ <see cref="Sent"/>; null when nothing was sent.</summary>
    public double? DeliveryRate { get; init; }

    /// <summary><see cref="Read"/> ÷ <see cref="Sent"/>.</summary>
    public double? ReadRate { get; init; }

    /// <summary><see cref="Replied"/> ÷ <see cref="Sent"/>.</summary>
    public double? ReplyRate { get; init; }

    /// <summary><see cref="OptedOut"/> ÷ <see cref="Sent"/>.</summary>
    public double? OptOutRate { get; init; }

    /// <summary><see cref="Conversions"/> ÷ <see cref="ProactiveSent"/>.</summary>
    public double? ConversionRate { get; init; }

    /// <summary><see cref="Contained"/> ÷ <see cref="Conversations"/>.</summary>
    public double? ContainmentRate { get; init; }

    /// <summary><see cref="ResolvedTurns"/> ÷ <see cref="ClassifiedTurns"/>.</summary>
    public double? IntentResolutionRate { get; init; }

    /// <summary>Handoff request to the agent's first message.</summary>
    public required LatencyPercentiles FirstResponseSeconds { get; init; }

    /// <summary>Handoff request to hand-back.</summary>
    public required LatencyPercentiles ResolutionSeconds { get; init; }

    /// <summary>Sent business-initiated messages (the denominator of <see cref="ConversionRate"/>).</summary>
    public long ProactiveSent { get; init; }

    /// <summary>Conversations that ended without a handoff.</summary>
    public long Contained { get; init; }

    /// <summary>Customer messages the intent classifier read.</summary>
    public long ClassifiedTurns { get; init; }

    /// <summary>Classified turns that reached a terminal or answer state without a not-understood or handoff in between.</summary>
    public long ResolvedTurns { get; init; }
}

/// <summary>The median and 90th percentile of a latency, in seconds (within ±9.1 %, see <see cref="LatencySketch"/>); null without samples.</summary>
/// <param name="P50">Median.</param>
/// <param name="P90">90th percentile.</param>
public sealed record LatencyPercentiles(double? P50, double? P90);
