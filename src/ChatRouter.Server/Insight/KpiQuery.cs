using System.Globalization;
using ChatRouter.Reports;

namespace ChatRouter.Server.Insight;

/// <summary>A checked <c>GET /api/reports/kpis</c> request: whole UTC days <see cref="From"/> to <see cref="To"/>, inclusive.</summary>
internal sealed record KpiQuery(DateOnly From, DateOnly To, string GroupBy, string? Goal, TimeSpan Window)
{
    /// <summary>Reads the query string; every problem goes into <paramref name="errors"/> under its parameter's name.</summary>
    public static KpiQuery? Read(
        string? since, string? until, string? groupBy, string? goal, string? window, ReportsOptions options, DateTimeOffset now, Dictionary<string, string[]> errors)
    {
        var to = Day("until", until, errors) ?? DateOnly.FromDateTime(now.UtcDateTime);
        var from = Day("since", since, errors) ?? to.AddDays(-29);
        var dimension = groupBy ?? ReportDimensions.Day;
        if (!ReportDimensions.All.Contains(dimension, StringComparer.Ordinal))
            errors["groupBy"] = [$"must be one of {string.Join(", ", ReportDimensions.All)}; got '{groupBy}'."];
        if (from > to) errors["since"] = [$"must not be after until ({to:yyyy-MM-dd}); got {from:yyyy-MM-dd}."];
        else if (to.DayNumber - from.DayNumber + 1 > options.MaxRange.TotalDays)
            errors["until"] = [$"the range {from:yyyy-MM-dd} to {to:yyyy-MM-dd} is {to.DayNumber - from.DayNumber + 1} days, longer than Reports:MaxRange ({options.MaxRange.TotalDays:0} days); ask for less or raise the setting."];
        if (goal is { Length: 0 } || goal?.Any(char.IsWhiteSpace) == true) errors["goal"] = ["must be an event type such as order.placed."];
        var span = WindowOf(window, options, errors);
        return errors.Count > 0 ? null : new KpiQuery(from, to, dimension, goal, span);
    }

    private static DateOnly? Day(string field, string? text, Dictionary<string, string[]> errors)
    {
        if (text is null) return null;
        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day)) return day;
        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at)) return DateOnly.FromDateTime(at.UtcDateTime);
        errors[field] = [$"must be a day such as 2026-01-15 (or an ISO 8601 instant, read as its UTC day); got '{text}'."];
        return null;
    }

    // 3d, 72h, 90m, or a TimeSpan (3.00:00:00).
    private static TimeSpan WindowOf(string? text, ReportsOptions options, Dictionary<string, string[]> errors)
    {
        if (text is null) return options.AttributionWindow;
        TimeSpan? span = text.Length > 1 && double.TryParse(text[..^1], NumberStyles.Float, CultureInfo.InvariantCulture, out var n)
            ? char.ToLowerInvariant(text[^1]) switch { 'd' => TimeSpan.FromDays(n), 'h' => TimeSpan.FromHours(n), 'm' => TimeSpan.FromMinutes(n), _ => null }
            : null;
        if (span is null && TimeSpan.TryParse(text, CultureInfo.InvariantCulture, out var parsed)) span = parsed;
        if (span is { } value && value > TimeSpan.Zero && value <= TimeSpan.FromDays(90)) return value;
        errors["window"] = [$"must be a duration from 1m to 90d such as 3d, 72h or 3.00:00:00; got '{text}'."];
        return TimeSpan.Zero;
    }
}
