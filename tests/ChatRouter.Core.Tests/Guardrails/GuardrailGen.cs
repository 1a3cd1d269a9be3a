using System.Globalization;
using ChatRouter.Guardrails;
using FsCheck;
using FsCheck.Fluent;
using NodaTime;

namespace ChatRouter.Core.Tests.Guardrails;

/// <summary>Generators for guardrail properties, biased towards the nights the clocks change.</summary>
internal static class GuardrailGen
{
    public static readonly string[] Zones =
    [
        "Europe/Berlin", "America/New_York", "Australia/Sydney", "Australia/Lord_Howe", "America/Santiago",
        "Asia/Kolkata", "America/Sao_Paulo", "Pacific/Chatham", "UTC",
    ];

    private static readonly DateTimeOffset Year = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public static Gen<string> Zone => Gen.Elements(Zones);

    /// <summary>Any instant of 2026 to the second, or one within a day and a half of a DST change of <paramref name="zone"/>.</summary>
    public static Gen<DateTimeOffset> InstantNear(string zone)
    {
        var transitions = DateTimeZoneProviders.Tzdb[zone]
            .GetZoneIntervals(Instant.FromDateTimeOffset(Year), Instant.FromDateTimeOffset(Year.AddYears(1)))
            .Where(i => i.HasStart).Select(i => i.Start).Where(s => s.ToDateTimeOffset() > Year)
            .Select(s => s.ToDateTimeOffset()).ToArray();
        var any = Gen.Choose(0, 365 * 24 * 3600 - 1).Select(s => Year.AddSeconds(s));
        if (transitions.Length == 0)
            return any;
        var near = from t in Gen.Elements(transitions)
                   from offset in Gen.Choose(-36 * 3600, 36 * 3600)
                   select t.AddSeconds(offset);
        return Gen.Frequency((1, any), (3, near));
    }

    public static Gen<ContentClass> Content =>
        from category in Gen.Elements(ContentCategory.Transactional, ContentCategory.Marketing)
        from urgency in Gen.Elements(Urgency.High, Urgency.Normal, Urgency.Low)
        select new ContentClass(category, urgency);

    public static Gen<TimeOnly> WholeMinute => Gen.Choose(0, 24 * 60 - 1).Select(m => new TimeOnly(m / 60, m % 60));

    public static Gen<SendAt?> SendAtFor(DateTimeOffset createdAt) => Gen.Frequency(
        (3, Gen.Constant<SendAt?>(null)),
        (2, WholeMinute.Select(t => (SendAt?)SendAt.Local(t))),
        (1, Gen.Choose(-7200, 72 * 3600).Select(s => (SendAt?)SendAt.Instant(createdAt.AddSeconds(s)))));

    /// <summary>A message, its customer's zone, quiet hours and a "now" up to ten hours after its creation.</summary>
    public static Gen<Case> Cases =>
        from zone in Zone
        from createdAt in InstantNear(zone)
        from content in Content
        from sendAt in SendAtFor(createdAt)
        from id in Gen.Choose(0, 1_000_000)
        from start in WholeMinute
        from end in WholeMinute
        from lateness in Gen.Choose(0, 10 * 3600)
        select new Case(
            new ProactiveMessage { Id = $"m{id}", EventType = "event", Content = content, CreatedAt = createdAt, SendAt = sendAt },
            zone, start, end, createdAt.AddSeconds(lateness));

    /// <summary>Whether the wall clock of <paramref name="zone"/> is inside [start, end) at <paramref name="at"/>, computed apart from LocalClock.</summary>
    public static bool IsQuiet(string zone, DateTimeOffset at, TimeOnly start, TimeOnly end)
    {
        var local = Instant.FromDateTimeOffset(at).InZone(DateTimeZoneProviders.Tzdb[zone]);
        var minute = local.Hour * 60 + local.Minute;
        var (s, e) = (start.Hour * 60 + start.Minute, end.Hour * 60 + end.Minute);
        return s < e ? minute >= s && minute < e : s > e && (minute >= s || minute < e);
    }

    internal sealed record Case(ProactiveMessage Message, string Zone, TimeOnly Start, TimeOnly End, DateTimeOffset Now)
    {
        public GuardrailPolicy Policy() => Proactive.Policy(o => (o.QuietHours.Start, o.QuietHours.End) = (Start, End));

        public GuardrailCustomer Customer() => Proactive.Customer(Zone);

        public override string ToString() => string.Create(CultureInfo.InvariantCulture,
            $"{Message.Content} created {Message.CreatedAt:O} sendAt {Message.SendAt?.LocalTime:HH:mm}{Message.SendAt?.At:O} in {Zone}, quiet {Start:HH:mm}-{End:HH:mm}, now {Now:O}");
    }
}
