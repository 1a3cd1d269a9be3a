namespace ChatRouter.Experiments;

/// <summary><c>GET /api/experiments/{name}</c>: the experiment, its verdict and a row per variant (control first in file order).</summary>
public sealed record ExperimentReport(
    string Name,
    string Status,
    string Target,
    string Goal,
    string AttributionWindow,
    string? Winner,
    string Verdict,
    IReadOnlyList<VariantReport> Variants);

/// <summary>
/// One variant: customers assigned (exposed at least once); messages sent, delivered and read; customers who
/// replied, converted (a goal event within the attribution window after an exposure) or opted out within the
/// window; the conversion rate (converted ÷ assigned); and, for every variant but the control, the lift (its
/// rate − the control's) with a 95 % interval, and the Holm-adjusted two-sided p-value.
/// </summary>
public sealed record VariantReport(
    string Variant,
    int Weight,
    bool Control,
    long Assigned,
    long Sent,
    long Delivered,
    long Read,
    long Replied,
    long Converted,
    long OptedOut,
    double? ConversionRate,
    LiftReport? Lift,
    double? PValue);

/// <summary>The lift as an absolute difference of conversion rates (0.05 is five percentage points), with its 95 % interval [low, high].</summary>
public sealed record LiftReport(double Value, IReadOnlyList<double> Ci95);

/// <summary>
/// Below these, an arm's rate is too uncertain for the test's normal approximation, so the verdict stays
/// <c>insufficient_data</c>: every arm needs <see cref="Exposed"/> customers and at least <see cref="Conversions"/>
/// customers who converted and as many who did not (the usual success–failure condition, n·p ≥ 10 and n·(1 − p) ≥ 10).
/// </summary>
public sealed record ExperimentMinimums(int Exposed = 100, int Conversions = 10);

/// <summary>What followed a customer's exposure, from stored records: goal events, their own messages, and consent withdrawals.</summary>
public sealed record CustomerActivity(IReadOnlyList<DateTimeOffset> Goals, IReadOnlyList<DateTimeOffset> Replies, IReadOnlyList<DateTimeOffset> OptOuts)
{
    /// <summary>Nothing followed.</summary>
    public static CustomerActivity None { get; } = new([], [], []);
}
