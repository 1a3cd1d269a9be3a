using System.Globalization;
using System.Text.Json;

namespace ChatRouter.Server.Channels;

/// <summary>
/// Tolerant reads from provider JSON (both channels and the events API): a missing or mistyped field is null,
/// never an exception, because one odd item must not cost the rest of a delivery (providers add fields and
/// change types without notice), and a string that is not valid Unicode (a lone surrogate escape such as
/// <c>"\ud800"</c>) is read with U+FFFD in place of the bad part instead of throwing.
/// </summary>
internal static class JsonFields
{
    public static JsonElement? Object(JsonElement parent, string name) =>
        Property(parent, name) is { ValueKind: JsonValueKind.Object } value ? value : null;

    /// <summary>The objects of an array property; non-objects inside it are left out.</summary>
    public static IReadOnlyList<JsonElement> Objects(JsonElement parent, string name) =>
        Property(parent, name) is { ValueKind: JsonValueKind.Array } array
            ? array.EnumerateArray().Where(e => e.ValueKind == JsonValueKind.Object).ToList()
            : [];

    public static bool HasArray(JsonElement parent, string name) => Property(parent, name) is { ValueKind: JsonValueKind.Array };

    public static string? String(JsonElement parent, string name) =>
        Property(parent, name) is { ValueKind: JsonValueKind.String } value ? StringOf(value) : null;

    /// <summary>A string element's text; invalid UTF-16 (lone surrogate escapes) becomes U+FFFD.</summary>
    public static string StringOf(JsonElement value)
    {
        try
        {
            return value.GetString() ?? "";
        }
        catch (InvalidOperationException)
        {
            return JsonStrings.Unescape(value.GetRawText());
        }
    }

    /// <summary>A string that holds something other than white space.</summary>
    public static string? Text(JsonElement parent, string name) => String(parent, name) is { } s && !string.IsNullOrWhiteSpace(s) ? s : null;

    /// <summary>A string, or a number as written (Meta sends some ids as numbers: keep them as strings).</summary>
    public static string? Scalar(JsonElement parent, string name) => Property(parent, name) switch
    {
        { ValueKind: JsonValueKind.String } s when StringOf(s) is { } text && !string.IsNullOrWhiteSpace(text) => text,
        { ValueKind: JsonValueKind.Number } n => n.GetRawText(),
        _ => null,
    };

    /// <summary>An integer given as a number or as a decimal string (Meta's timestamps are strings, others numbers).</summary>
    public static long? Integer(JsonElement parent, string name) => Property(parent, name) switch
    {
        { ValueKind: JsonValueKind.Number } n when n.TryGetInt64(out var l) => l,
        { ValueKind: JsonValueKind.String } s when long.TryParse(StringOf(s), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var l) => l,
        _ => null,
    };

    /// <summary>Unix seconds as an instant; null when absent or out of range.</summary>
    public static DateTimeOffset? UnixTime(JsonElement parent, string name) =>
        Integer(parent, name) is { } seconds && seconds >= 0 && seconds <= 253402300799 ? DateTimeOffset.FromUnixTimeSeconds(seconds) : null;

    /// <summary>true/false, also written as strings ("true" is how UltraMsg says it).</summary>
    public static bool? Bool(JsonElement parent, string name) => Property(parent, name) switch
    {
        { ValueKind: JsonValueKind.True } => true,
        { ValueKind: JsonValueKind.False } => false,
        { ValueKind: JsonValueKind.String } s when bool.TryParse(StringOf(s), out var b) => b,
        _ => null,
    };

    public static JsonElement? Property(JsonElement parent, string name) =>
        parent.ValueKind == JsonValueKind.Object && parent.TryGetProperty(name, out var value) ? value : null;
}
