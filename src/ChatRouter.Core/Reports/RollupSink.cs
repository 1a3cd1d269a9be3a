using System.Globalization;

namespace ChatRouter.Reports;

/// <summary>Collects a computation's counts into one rollup per (dimension, day, key); facts outside the days computed are ignored.</summary>
internal sealed class RollupSink(DateOnly from, DateOnly to)
{
    private readonly Dictionary<string, DailyRollup> _rollups = new(StringComparer.Ordinal);

    /// <summary>Applies <paramref name="change"/> to the rollups of <paramref name="keys"/> in every dimension on the UTC day of <paramref name="at"/>.</summary>
    public void Add(DateTimeOffset at, RollupKeys keys, Action<DailyRollup> change)
    {
        var day = DayOf(at);
        if (day < from || day > to) return;
        foreach (var dimension in ReportDimensions.All)
        {
            var key = dimension == ReportDimensions.Day ? day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : keys.In(dimension);
            var id = DailyRollup.MakeId(dimension, day, key);
            if (!_rollups.TryGetValue(id, out var rollup))
            {
                rollup = new DailyRollup { Id = id, Day = day, Dimension = dimension, Key = key };
                _rollups[id] = rollup;
            }

            change(rollup);
        }
    }

    /// <summary>Whether <paramref name="at"/> falls on a day being computed.</summary>
    public bool Counts(DateTimeOffset at) => DayOf(at) is var day && day >= from && day <= to;

    public IReadOnlyList<DailyRollup> Rollups() => [.. _rollups.Values.OrderBy(r => r.Id, StringComparer.Ordinal)];

    public static DateOnly DayOf(DateTimeOffset at) => DateOnly.FromDateTime(at.UtcDateTime);
}
