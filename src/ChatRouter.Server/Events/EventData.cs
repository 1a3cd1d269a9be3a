using System.Text.Json;
using System.Text.RegularExpressions;
using ChatRouter.Server.Channels;

namespace ChatRouter.Server.Events;

/// <summary>
/// An event's <c>data</c> as plain values (objects as dictionaries, arrays as lists), the shapes flows read as
/// slots. Refused, with the path and the limit, is whatever the store could not keep or the flows could not
/// read back: nesting deeper than <see cref="EventsOptions.MaxDataDepth"/>, strings longer than
/// <see cref="EventsOptions.MaxStringLength"/>, more than <see cref="EventsOptions.MaxDataValues"/> values,
/// numbers no double holds, and keys that are empty, repeated, too long or hold control characters (LiteDB
/// writes keys as C strings: a NUL in one fails the write).
/// </summary>
internal sealed partial class EventData
{
    /// <summary>Longest key: keys become slot names.</summary>
    public const int MaxKeyLength = 128;

    // Enough to fix a body in one round; more would only grow the answer.
    private const int MaxProblems = 10;

    private readonly EventsOptions _limits;
    private readonly RequestProblems _problems;
    private int _values;
    private int _found;

    private EventData(EventsOptions limits, RequestProblems problems)
    {
        _limits = limits;
        _problems = problems;
    }

    /// <summary>The <c>data</c> of <paramref name="body"/> (empty when absent or null), or null with the problems added.</summary>
    public static Dictionary<string, object?>? Read(JsonElement body, EventsOptions limits, RequestProblems problems)
    {
        switch (JsonFields.Property(body, "data"))
        {
            case null or { ValueKind: JsonValueKind.Null }:
                return new Dictionary<string, object?>(StringComparer.Ordinal);
            case { ValueKind: JsonValueKind.Object } data:
                var reader = new EventData(limits, problems);
                var values = reader.Object(data, "data", 1);
                return reader._found == 0 ? values : null;
            case { } other:
                problems.Add("data", $"a JSON {other.ValueKind.ToString().ToLowerInvariant()}, not an object: the event's values by name, e.g. {{\"orderId\": \"A1001\"}}");
                return null;
        }
    }

    private Dictionary<string, object?> Object(JsonElement element, string path, int depth)
    {
        var values = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var property in element.EnumerateObject())
        {
            if (_found >= MaxProblems) break;
            var name = property.Name;
            var at = Path(path, name);
            if (name.Length == 0 || name.Length > MaxKeyLength || name.Any(char.IsControl))
                Problem(at, $"a key must have 1 to {MaxKeyLength} characters and no control characters (keys become slot names)");
            else if (values.ContainsKey(name))
                Problem(at, "appears twice; JSON keys of one object must differ");
            else
                values[name] = Value(property.Value, at, depth);
        }

        return values;
    }

    private object? Value(JsonElement element, string path, int depth)
    {
        if (++_values > _limits.MaxDataValues)
        {
            // Once: every later value would say the same.
            if (_values == _limits.MaxDataValues + 1) Problem(path, $"data holds more than {_limits.MaxDataValues} values (Events:MaxDataValues)");
            return null;
        }

        switch (element.ValueKind)
        {
            case JsonValueKind.Object or JsonValueKind.Array when depth + 1 > _limits.MaxDataDepth:
                Problem(path, $"nested deeper than {_limits.MaxDataDepth} levels, counting data as 1 (Events:MaxDataDepth); event data become conversation slots, which the store keeps only that deep");
                return null;
            case JsonValueKind.Object:
                return Object(element, path, depth + 1);
            case JsonValueKind.Array:
                var items = new List<object?>();
                var i = 0;
                foreach (var item in element.EnumerateArray())
                {
                    if (_found >= MaxProblems) break;
                    items.Add(Value(item, $"{path}[{i++}]", depth + 1));
                }

                return items;
            case JsonValueKind.String:
                var text = JsonFields.StringOf(element);
                if (text.Length > _limits.MaxStringLength) Problem(path, $"{text.Length} characters; at most {_limits.MaxStringLength} (Events:MaxStringLength)");
                return text;
            case JsonValueKind.Number:
                if (element.TryGetInt64(out var integer)) return integer;
                // 1e400 reads as infinity, which JSON (the inbox payload) cannot write back.
                if (element.TryGetDouble(out var real) && double.IsFinite(real)) return real;
                Problem(path, "a number no 64-bit floating point value can hold");
                return null;
            case JsonValueKind.True:
                return true;
            case JsonValueKind.False:
                return false;
            default:
                return null;
        }
    }

    private void Problem(string path, string problem)
    {
        _found++;
        if (_found <= MaxProblems) _problems.Add(path, problem);
    }

    /// <summary><c>data.orderId</c>, or <c>data["odd key"]</c> (cut short) when the key is not a plain name.</summary>
    private static string Path(string parent, string key)
    {
        if (PlainKey().IsMatch(key)) return $"{parent}.{key}";
        // Cut between characters, never inside a surrogate pair: the path is written into the JSON answer.
        var cut = key.Length <= 40 ? key : key[..(char.IsHighSurrogate(key[39]) ? 39 : 40)] + "…";
        return $"{parent}[{JsonSerializer.Serialize(cut)}]";
    }

    [GeneratedRegex("^[A-Za-z_][A-Za-z0-9_]{0,63}$", RegexOptions.CultureInvariant)]
    private static partial Regex PlainKey();
}
