using System.Collections;
using System.Globalization;
using Scriban.Runtime;

namespace ChatRouter.Replies;

/// <summary>Turns values coming out of Scriban or handlers into what is stored in slots and attributes.</summary>
internal static class ScriptValues
{
    /// <summary>Strings, booleans, long, double, decimal, DateTime, nested dictionaries and lists; nothing else.</summary>
    public static object? ToStored(object? value) => value switch
    {
        null => null,
        string or bool or long or double or decimal or DateTime => value,
        int i => (long)i,
        short s => (long)s,
        float f => (double)f,
        DateTimeOffset dto => dto.UtcDateTime,
        DateOnly date => date.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc),
        ScriptObject map => map.ToDictionary(p => p.Key, p => ToStored(p.Value), StringComparer.Ordinal),
        IDictionary<string, object?> map => map.ToDictionary(p => p.Key, p => ToStored(p.Value), StringComparer.Ordinal),
        IDictionary map => map.Keys.Cast<object>().ToDictionary(k => Convert.ToString(k, CultureInfo.InvariantCulture)!, k => ToStored(map[k]), StringComparer.Ordinal),
        IEnumerable items => items.Cast<object?>().Select(ToStored).ToList(),
        _ => Convert.ToString(value, CultureInfo.InvariantCulture),
    };

    /// <summary>A value as invariant text (handler arguments).</summary>
    public static string ToText(object? value) => value switch
    {
        null => "",
        string s => s,
        DateTime d => d.ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };
}
