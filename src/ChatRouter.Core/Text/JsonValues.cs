using System.Text.Json;

namespace ChatRouter;

/// <summary>Plain .NET values (string, long, double, bool, dictionaries, lists) from JSON, for event data and slots.</summary>
public static class JsonValues
{
    /// <summary>A JSON object as a dictionary, or null when <paramref name="element"/> is not an object.</summary>
    public static Dictionary<string, object?>? ToDictionary(JsonElement element) =>
        element.ValueKind == JsonValueKind.Object ? (Dictionary<string, object?>)ToValue(element)! : null;

    /// <summary>Any JSON value as a plain .NET value.</summary>
    public static object? ToValue(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Object => element.EnumerateObject().ToDictionary(p => p.Name, p => ToValue(p.Value), StringComparer.Ordinal),
        JsonValueKind.Array => element.EnumerateArray().Select(ToValue).ToList(),
        JsonValueKind.String => element.GetString(),
        JsonValueKind.Number => element.TryGetInt64(out var l) ? l : element.GetDouble(),
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        _ => null,
    };
}
