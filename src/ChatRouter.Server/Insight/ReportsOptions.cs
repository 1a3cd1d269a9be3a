using System.ComponentModel.DataAnnotations;

namespace ChatRouter.Server.Insight;

/// <summary>KPI reports (configuration section <c>Reports</c>, docs/insight.md).</summary>
public sealed class ReportsOptions
{
    /// <summary>The longest range one <c>GET /api/reports/kpis</c> may ask for. <value>Default: 400 days.</value></summary>
    [Range(typeof(TimeSpan), "1.00:00:00", "3660.00:00:00")]
    public TimeSpan MaxRange { get; set; } = TimeSpan.FromDays(400);

    /// <summary>
    /// How long after a business-initiated message a goal event still converts it, when the request names no
    /// <c>window</c>. <value>Default: 7 days.</value>
    /// </summary>
    [Range(typeof(TimeSpan), "00:01:00", "90.00:00:00")]
    public TimeSpan AttributionWindow { get; set; } = TimeSpan.FromDays(7);

    /// <summary>
    /// How long the rollups of a day whose facts may still change (its reply and attribution windows are open) are
    /// served before a request computes them again. <value>Default: 5 minutes.</value>
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "1.00:00:00")]
    public TimeSpan RefreshInterval { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// Goal event types (<c>order.placed</c>) counted into the stored daily rollups with
    /// <see cref="AttributionWindow"/>: a report on one of them reads rollups only; any other goal or window is
    /// computed from the stored records on each request. <value>Default: none.</value>
    /// </summary>
    public List<string> Goals { get; set; } = [];
}
