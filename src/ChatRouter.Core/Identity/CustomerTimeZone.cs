using System.Diagnostics.CodeAnalysis;
using ChatRouter.Diagnostics;
using NodaTime;

namespace ChatRouter.Identity;

/// <summary>The IANA zone a customer's local times (quiet hours, <c>sendAt.localTime</c>) are read in, and its source.</summary>
/// <param name="Id">An IANA id known to NodaTime's TZDB, e.g. <c>Europe/London</c>.</param>
/// <param name="Source">Profile, phone or default.</param>
public sealed record CustomerTimeZone(string Id, TimeZoneSource Source)
{
    /// <summary>
    /// The profile's zone if it is a known IANA id, else the phone's, else <paramref name="defaultTimeZone"/>
    /// (<c>Guardrails:DefaultTimeZone</c>). Throws <see cref="ArgumentException"/> when the default is unknown.
    /// </summary>
    public static CustomerTimeZone Resolve(string? profileTimeZone, PhoneNumber? phone, string defaultTimeZone)
    {
        // A stored zone that a newer TZDB dropped must not stop sends; it falls through like a missing one.
        if (TimeZones.Find(profileTimeZone) is not null)
            return new CustomerTimeZone(profileTimeZone!, TimeZoneSource.Profile);
        if (phone?.TimeZone is { } phoneZone)
            return new CustomerTimeZone(phoneZone, TimeZoneSource.Phone);
        if (!IsKnown(defaultTimeZone, out var error))
            throw new ArgumentException($"The default time zone is unusable: {error}", nameof(defaultTimeZone));
        return new CustomerTimeZone(defaultTimeZone, TimeZoneSource.Default);
    }

    /// <summary>Whether <paramref name="id"/> is an IANA zone in NodaTime's TZDB; if not, <paramref name="error"/> says why (and suggests one).</summary>
    public static bool IsKnown(string? id, [NotNullWhen(false)] out string? error)
    {
        if (string.IsNullOrWhiteSpace(id))
        {
            error = "The time zone is empty; give an IANA id such as Europe/London.";
            return false;
        }

        if (TimeZones.Find(id) is not null)
        {
            error = null;
            return true;
        }

        error = $"'{id}' is not an IANA time zone (TZDB {DateTimeZoneProviders.Tzdb.VersionId})"
            + Suggest.DidYouMean(id, DateTimeZoneProviders.Tzdb.Ids, "Ids are case-sensitive, such as Europe/London.");
        return false;
    }
}
