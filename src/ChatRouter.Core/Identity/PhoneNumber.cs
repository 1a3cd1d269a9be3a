using System.Diagnostics.CodeAnalysis;
using Lib = PhoneNumbers;

namespace ChatRouter.Identity;

/// <summary>
/// A person's phone number in E.164 (<c>+442079460958</c>), the one key that the Cloud API <c>wa_id</c>, the UltraMsg
/// chat id and a CRM's free-form phone all normalise to. Parsing and formatting are libphonenumber's.
/// </summary>
public sealed record PhoneNumber
{
    // libphonenumber's "no region": only international numbers parse.
    private const string UnknownRegion = "ZZ";
    private static readonly Lib.PhoneNumberUtil Util = Lib.PhoneNumberUtil.GetInstance();

    private PhoneNumber(string e164, string? regionCode, string? timeZone)
    {
        E164 = e164;
        RegionCode = regionCode;
        TimeZone = timeZone;
    }

    /// <summary>The number in E.164: <c>+</c>, country code, national number.</summary>
    public string E164 { get; }

    /// <summary>The ISO 3166 region the number belongs to (<c>GB</c>), or null when its number plan does not tell.</summary>
    public string? RegionCode { get; }

    /// <summary>The first IANA zone libphonenumber maps the number (or, failing that, its country) to; null when unknown.</summary>
    public string? TimeZone { get; }

    /// <summary>
    /// Parses a number in any common format: international (<c>+44 20 7946 0958</c>, <c>0044 20 7946 0958</c>) or
    /// national for <paramref name="region"/> (<c>(555) 123-4567</c> with <c>US</c>). On failure
    /// <paramref name="error"/> says why in a sentence fit for a 400 answer.
    /// </summary>
    public static bool TryParse(string? text, string region, [NotNullWhen(true)] out PhoneNumber? phone, [NotNullWhen(false)] out string? error)
    {
        ArgumentNullException.ThrowIfNull(region);
        phone = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            error = "The phone number is empty.";
            return false;
        }

        var regionCode = region.ToUpperInvariant();
        if (!IsKnownRegion(regionCode))
        {
            error = $"'{region}' is not a region libphonenumber knows; use an ISO 3166 code such as GB or US.";
            return false;
        }

        return TryParseIn(text, regionCode, out phone, out error);
    }

    /// <summary>
    /// Maps a channel's customer id to the phone: the Cloud API <c>wa_id</c> (<c>442079460958</c>) and the UltraMsg
    /// chat id (<c>442079460958@c.us</c>). Group ids (<c>…@g.us</c>) and ids that are not digits fail with a reason.
    /// </summary>
    public static bool TryFromChannelId(string? channelId, [NotNullWhen(true)] out PhoneNumber? phone, [NotNullWhen(false)] out string? error)
    {
        phone = null;
        if (string.IsNullOrWhiteSpace(channelId))
        {
            error = "The channel id is empty.";
            return false;
        }

        var digits = channelId;
        var at = channelId.IndexOf('@', StringComparison.Ordinal);
        if (at >= 0)
        {
            var domain = channelId[(at + 1)..];
            if (domain == "g.us")
            {
                error = $"'{channelId}' is a group chat, not a person; groups have no phone.";
                return false;
            }

            if (domain != "c.us")
            {
                error = $"'{channelId}' is not a person's chat id; UltraMsg writes those as <digits>@c.us.";
                return false;
            }

            digits = channelId[..at];
        }

        if (digits.Length == 0 || !digits.All(char.IsAsciiDigit))
        {
            error = $"'{channelId}' is not a phone-based id (country code and number, digits only), so it maps to no phone.";
            return false;
        }

        // A wa_id is always international without the '+'; parsing it as such needs no region.
        return TryParseIn("+" + digits, UnknownRegion, out phone, out error);
    }

    /// <summary>Whether <paramref name="regionCode"/> (<c>GB</c>) is one libphonenumber can read national numbers for.</summary>
    public static bool IsKnownRegion(string regionCode) => Util.GetSupportedRegions().Contains(regionCode);

    private static bool TryParseIn(string text, string regionCode, [NotNullWhen(true)] out PhoneNumber? phone, [NotNullWhen(false)] out string? error)
    {
        phone = null;
        Lib.PhoneNumber parsed;
        try
        {
            parsed = Util.Parse(text, regionCode);
        }
        catch (Lib.NumberParseException e)
        {
            error = PhoneNumberErrors.ForParse(text, regionCode, e.ErrorType);
            return false;
        }

        // Possible (right length for its country), not valid (in an allocated range): number plans change faster than
        // the library ships, and the contract's own example, (555) 123-4567, is a fictional range that must still work.
        var possible = Util.IsPossibleNumberWithReason(parsed);
        if (possible != Lib.PhoneNumberUtil.ValidationResult.IS_POSSIBLE)
        {
            error = PhoneNumberErrors.ForLength(text, Util.GetRegionCodeForCountryCode(parsed.CountryCode), possible);
            return false;
        }

        var region = Util.GetRegionCodeForNumber(parsed);
        phone = new PhoneNumber(
            Util.Format(parsed, Lib.PhoneNumberFormat.E164),
            string.IsNullOrEmpty(region) || region == UnknownRegion ? null : region,
            TimeZones.FromPhone(parsed));
        error = null;
        return true;
    }

    /// <summary>The E.164 form.</summary>
    public override string ToString() => E164;
}
