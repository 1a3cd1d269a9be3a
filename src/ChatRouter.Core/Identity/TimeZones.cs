using NodaTime;
using Lib = PhoneNumbers;

namespace ChatRouter.Identity;

/// <summary>IANA zones: the TZDB that ships inside NodaTime is the one list of known ids.</summary>
internal static class TimeZones
{
    private static readonly Lib.PhoneNumberToTimeZonesMapper Mapper = Lib.PhoneNumberToTimeZonesMapper.GetInstance();

    public static DateTimeZone? Find(string? id) => string.IsNullOrEmpty(id) ? null : DateTimeZoneProviders.Tzdb.GetZoneOrNull(id);

    /// <summary>
    /// The first zone libphonenumber gives for the number: by its prefix where the map has one (202 → New York), else
    /// the first of its country's zones. Null for numbers outside any allocated range (the map answers "Etc/Unknown").
    /// </summary>
    public static string? FromPhone(Lib.PhoneNumber number)
    {
        var zone = Mapper.GetTimeZonesForNumber(number).FirstOrDefault();
        return zone is null || zone == Mapper.GetUnknownTimeZone() || Find(zone) is null ? null : zone;
    }
}
