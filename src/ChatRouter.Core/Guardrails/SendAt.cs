using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using ChatRouter.Wire;

namespace ChatRouter.Guardrails;

/// <summary>
/// When an event asked its message to go (wire <c>sendAt</c>): <c>{"localTime":"10:00"}</c>, the customer's next
/// local 10:00 after the event, or <c>{"at":"…Z"}</c>, an instant. Exactly one of the two is set.
/// </summary>
public sealed record SendAt
{
    private SendAt(TimeOnly? localTime, DateTimeOffset? at)
    {
        LocalTime = localTime;
        At = at;
    }

    /// <summary>The customer-local wall-clock time (hours and minutes), or null.</summary>
    public TimeOnly? LocalTime { get; }

    /// <summary>The instant, or null.</summary>
    public DateTimeOffset? At { get; }

    /// <summary>The customer's next local <paramref name="time"/> (seconds dropped).</summary>
    public static SendAt Local(TimeOnly time) => new(new TimeOnly(time.Hour, time.Minute), null);

    /// <summary>A fixed instant.</summary>
    public static SendAt Instant(DateTimeOffset at) => new(null, at);

    /// <summary>
    /// Parses the wire object's two fields: <paramref name="localTime"/> as 24-hour <c>HH:mm</c>, <paramref name="at"/>
    /// as ISO 8601 (UTC when it has no offset). <paramref name="error"/> names the field (<c>sendAt.localTime</c>).
    /// </summary>
    public static bool TryParse(string? localTime, string? at, [NotNullWhen(true)] out SendAt? sendAt, [NotNullWhen(false)] out WireError? error)
    {
        sendAt = null;
        if ((localTime is null) == (at is null))
        {
            error = new WireError("sendAt", "needs exactly one of localTime (HH:mm, the customer's time) and at (an ISO 8601 instant).");
            return false;
        }

        if (localTime is not null)
        {
            if (!TimeOnly.TryParseExact(localTime, "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out var time))
            {
                error = new WireError("sendAt.localTime", $"must be 24-hour HH:mm such as 10:00; got '{localTime}'.");
                return false;
            }

            sendAt = Local(time);
        }
        else
        {
            if (!DateTimeOffset.TryParse(at, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var instant))
            {
                error = new WireError("sendAt.at", $"must be an ISO 8601 instant such as 2026-01-15T10:00:00Z; got '{at}'.");
                return false;
            }

            sendAt = Instant(instant);
        }

        error = null;
        return true;
    }
}
