using System.Text.Json.Serialization;

namespace ChatRouter.Identity;

/// <summary>Where a customer's time zone came from (wire field <c>timeZoneSource</c>).</summary>
public enum TimeZoneSource
{
    /// <summary>The profile's own <c>timeZone</c>.</summary>
    [JsonStringEnumMemberName("profile")]
    Profile,

    /// <summary>The phone number's country or area, from libphonenumber's map.</summary>
    [JsonStringEnumMemberName("phone")]
    Phone,

    /// <summary><c>Guardrails:DefaultTimeZone</c>.</summary>
    [JsonStringEnumMemberName("default")]
    Default,
}
