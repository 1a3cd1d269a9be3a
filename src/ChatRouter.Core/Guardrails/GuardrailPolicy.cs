using System.Globalization;
using ChatRouter.Consents;
using ChatRouter.Identity;
using ChatRouter.Wire;
using NodaTime;

namespace ChatRouter.Guardrails;

/// <summary>
/// Decides, for one business-initiated message, exactly one of sent, deferred, digested, capped, suppressed or expired.
/// Pure: the same message, customer, options and <c>now</c> give the same decision, so a deferred message is simply
/// decided again when it is due (with the sends made meanwhile), and a replay lands where the original would have.
/// </summary>
public sealed partial class GuardrailPolicy
{
    private readonly GuardrailOptions _options;
    private readonly EventOptions _events;

    /// <summary>A policy over validated options.</summary>
    public GuardrailPolicy(GuardrailOptions options, EventOptions events)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(events);
        _options = options;
        _events = events;
    }

    /// <summary>
    /// The rules in order: consent (suppressed), TTL (expired), <c>sendAt</c> (deferred), low urgency (digested, see
    /// <see cref="PlanDigests"/>), quiet hours for normal (deferred to their end plus a jitter), the category's cap at the
    /// send instant (capped, except high transactional), and a send instant past the TTL (expired).
    /// </summary>
    public GuardrailDecision Decide(ProactiveMessage message, GuardrailCustomer customer, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentNullException.ThrowIfNull(customer);
        var consent = new ConsentLedger(customer.Consent).Allows(Purpose(message.Content.Category), message.LawfulBasis);
        if (!consent.Allowed)
            return new GuardrailDecision(Decision.Suppressed, consent.Reason) { Consent = consent };

        var expiresAt = ExpiresAt(message);
        if (now >= expiresAt)
            return new GuardrailDecision(Decision.Expired, $"TTL of {message.EventType} ran out at {Iso(expiresAt)}") { Consent = consent };

        var clock = ClockFor(customer);
        if (message.Content.Urgency == Urgency.Low)
            return DecideLow(message, customer, clock, now) with { Consent = consent };

        var (sendAt, why) = ReadyAt(message, clock, now);
        if (message.Content.Urgency != Urgency.High && IsQuiet(clock, sendAt))
            (sendAt, why) = (AfterQuietHours(clock, sendAt, message.Id), $"quiet hours {QuietHoursText(clock)}");

        var category = message.Content.Category;
        var cap = _options.CapFor(category);
        var sent = SendsOf(customer, category).ToList();
        var inWindow = SlidingWindow.CountAt(sent, sendAt, cap.Period);
        var uncapped = category == ContentCategory.Transactional && message.Content.Urgency == Urgency.High;
        if (inWindow >= cap.Count && !uncapped)
            return new GuardrailDecision(Decision.Capped, $"{inWindow} {WireName.Of(category)} sends within {cap.Period} (cap {cap.Count})") { Consent = consent };

        if (sendAt >= expiresAt)
            return new GuardrailDecision(Decision.Expired, $"{why ?? "send"} until {Iso(sendAt)} is past its TTL ({Iso(expiresAt)})") { Consent = consent };
        if (sendAt > now)
            return new GuardrailDecision(Decision.Deferred, why ?? "deferred") { DueAt = sendAt, Consent = consent };
        return new GuardrailDecision(Decision.Sent, SentReason(message, inWindow >= cap.Count)) { Consent = consent };
    }

    private static string SentReason(ProactiveMessage message, bool overCap) => message.Content.Urgency switch
    {
        Urgency.High when overCap => "high transactional is never capped",
        Urgency.High => "high urgency: at once",
        _ => "within guardrails",
    };

    private static ConsentPurpose Purpose(ContentCategory category) =>
        category == ContentCategory.Marketing ? ConsentPurpose.Marketing : ConsentPurpose.Transactional;

    private DateTimeOffset ExpiresAt(ProactiveMessage message) => message.CreatedAt + _events.TtlFor(message.EventType);

    private static IEnumerable<DateTimeOffset> SendsOf(GuardrailCustomer customer, ContentCategory category) =>
        customer.Sends.Where(s => s.Category == category).Select(s => s.At);

    /// <summary>The earliest the message may go by its <c>sendAt</c> (counted from its creation, so re-deciding is stable), and why.</summary>
    private static (DateTimeOffset At, string? Why) ReadyAt(ProactiveMessage message, LocalClock clock, DateTimeOffset now)
    {
        DateTimeOffset target;
        string why;
        switch (message.SendAt)
        {
            case { LocalTime: { } local }:
                target = clock.Next(local, message.CreatedAt);
                why = string.Create(CultureInfo.InvariantCulture, $"sendAt {local:HH:mm} in {clock.ZoneId}");
                break;
            case { At: { } at }:
                target = at;
                why = $"sendAt {Iso(at)}";
                break;
            default:
                return (now, null);
        }

        return target > now ? (target.ToUniversalTime(), why) : (now, null);
    }

    private bool IsQuiet(LocalClock clock, DateTimeOffset at) => clock.IsQuiet(at, _options.QuietHours.Start, _options.QuietHours.End);

    /// <summary>The end of the quiet hours around <paramref name="at"/> plus the key's jitter, unless the jitter would land in quiet hours again.</summary>
    private DateTimeOffset AfterQuietHours(LocalClock clock, DateTimeOffset at, string jitterKey)
    {
        var quiet = _options.QuietHours;
        var end = clock.QuietEnd(at, quiet.Start, quiet.End);
        var jittered = end + Jitter.For(jitterKey, quiet.MaxJitter);
        return (IsQuiet(clock, jittered) ? end : jittered).ToUniversalTime();
    }

    private string QuietHoursText(LocalClock clock) => string.Create(CultureInfo.InvariantCulture,
        $"{_options.QuietHours.Start:HH:mm}-{_options.QuietHours.End:HH:mm} in {clock.ZoneId}");

    private LocalClock ClockFor(GuardrailCustomer customer)
    {
        var zone = TimeZones.Find(customer.TimeZone) ?? TimeZones.Find(_options.DefaultTimeZone) ?? DateTimeZone.Utc;
        return new LocalClock(zone);
    }

    private static string Iso(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
