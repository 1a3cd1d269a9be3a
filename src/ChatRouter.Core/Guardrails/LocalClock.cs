using NodaTime;
using NodaTime.TimeZones;

namespace ChatRouter.Guardrails;

/// <summary>
/// A customer's wall clock. Every local time is mapped to instants here, with one rule for daylight-saving changes:
/// a time the clocks skip goes at the first instant after the gap (02:30 on a 02:00→03:00 night is 03:00), and a time
/// that happens twice counts once, at its earlier occurrence. So a local send time is never skipped or doubled.
/// </summary>
internal sealed class LocalClock
{
    private static readonly ZoneLocalMappingResolver EarlierOrAfterGap =
        Resolvers.CreateMappingResolver(Resolvers.ReturnEarlier, Resolvers.ReturnStartOfIntervalAfter);

    private readonly DateTimeZone _zone;

    public LocalClock(DateTimeZone zone) => _zone = zone;

    public string ZoneId => _zone.Id;

    public LocalDateTime ToLocal(DateTimeOffset instant) => Instant.FromDateTimeOffset(instant).InZone(_zone).LocalDateTime;

    /// <summary>The instant of <paramref name="time"/> on <paramref name="date"/>: one per day, whatever the clocks do.</summary>
    public DateTimeOffset At(LocalDate date, TimeOnly time) =>
        _zone.ResolveLocal(date + ToLocalTime(time), EarlierOrAfterGap).ToDateTimeOffset();

    /// <summary>The first day's <paramref name="time"/> at or after <paramref name="notBefore"/>.</summary>
    public DateTimeOffset Next(TimeOnly time, DateTimeOffset notBefore)
    {
        var date = ToLocal(notBefore).Date;
        for (var day = 0; ; day++)
        {
            var candidate = At(date.PlusDays(day), time);
            if (candidate >= notBefore)
                return candidate;
        }
    }

    public bool IsQuiet(DateTimeOffset instant, TimeOnly start, TimeOnly end)
    {
        var time = ToLocal(instant).TimeOfDay;
        var (s, e) = (ToLocalTime(start), ToLocalTime(end));
        return s < e ? time >= s && time < e : s > e && (time >= s || time < e);
    }

    /// <summary>
    /// The first instant after <paramref name="instant"/> when the wall clock reads <paramref name="end"/> (or, on a
    /// night that skips it, the instant after the gap) and quiet hours are over. Unlike <see cref="At"/>, both
    /// occurrences of a repeated time count here: the clock reads quiet time twice on that night, and is quiet both times.
    /// </summary>
    public DateTimeOffset QuietEnd(DateTimeOffset instant, TimeOnly start, TimeOnly end)
    {
        var date = ToLocal(instant).Date;
        var local = ToLocalTime(end);
        // Three days cover every case: quiet hours end within a day of any quiet instant, plus a skipped end time.
        for (var day = 0; day < 3; day++)
        {
            var mapping = _zone.MapLocal(date.PlusDays(day) + local);
            IEnumerable<DateTimeOffset> candidates = mapping.Count switch
            {
                0 => [At(date.PlusDays(day), end)],
                1 => [mapping.Single().ToDateTimeOffset()],
                _ => [mapping.First().ToDateTimeOffset(), mapping.Last().ToDateTimeOffset()],
            };
            foreach (var candidate in candidates)
            {
                if (candidate > instant && !IsQuiet(candidate, start, end))
                    return candidate;
            }
        }

        throw new InvalidOperationException($"Quiet hours {start:HH:mm}-{end:HH:mm} in {_zone.Id} never end after {instant:O}; check Guardrails:QuietHours.");
    }

    private static LocalTime ToLocalTime(TimeOnly time) => new(time.Hour, time.Minute, time.Second);
}
