using System.Text.Json;

namespace ChatRouter.Server.CustomerProfiles;

/// <summary>
/// Reads a small JSON object field by field, collecting every problem (a 400 names each bad field and the fix)
/// instead of failing on the first. Fields it does not know are problems too: a misspelt <c>timezone</c> must
/// not be silently ignored.
/// </summary>
internal sealed class JsonBody
{
    private readonly Dictionary<string, JsonElement> _fields = new(StringComparer.Ordinal);

    public JsonBody(JsonElement? body, IReadOnlyList<string> known)
    {
        if (body is not { } element || element.ValueKind is JsonValueKind.Null or JsonValueKind.Undefined) return;
        if (element.ValueKind != JsonValueKind.Object)
        {
            Add("body", $"must be a JSON object with the fields {string.Join(", ", known)}.");
            return;
        }

        foreach (var property in element.EnumerateObject())
        {
            if (known.Contains(property.Name, StringComparer.Ordinal))
            {
                _fields[property.Name] = property.Value;
                continue;
            }

            var close = known.FirstOrDefault(k => string.Equals(k, property.Name, StringComparison.OrdinalIgnoreCase));
            Add(property.Name, close is null
                ? $"is not a field here; the fields are {string.Join(", ", known)}."
                : $"is not a field here; did you mean '{close}'? (names are case-sensitive)");
        }
    }

    /// <summary>Problems by field, as a validation problem's <c>errors</c>.</summary>
    public Dictionary<string, string[]> Errors { get; } = new(StringComparer.Ordinal);

    public bool Has(string field) => _fields.ContainsKey(field);

    /// <summary>The field as a JSON value, when given.</summary>
    public JsonElement? Value(string field) => _fields.TryGetValue(field, out var value) ? value : null;

    /// <summary>
    /// The field as text: <c>given</c> is false when it is absent; the text is null when it is JSON null. A value of
    /// another type, an empty text or one longer than <paramref name="maxLength"/> is a problem.
    /// </summary>
    public (bool Given, string? Text) String(string field, int maxLength)
    {
        if (!_fields.TryGetValue(field, out var value)) return (false, null);
        switch (value.ValueKind)
        {
            case JsonValueKind.Null:
                return (true, null);
            case JsonValueKind.String when value.GetString() is { } text && text.Trim().Length > 0 && text.Length <= maxLength:
                return (true, text.Trim());
            case JsonValueKind.String:
                Add(field, value.GetString()!.Trim().Length == 0
                    ? "must not be empty; leave it out to keep the current value, or give null to clear it."
                    : $"must be at most {maxLength} characters.");
                return (false, null);
            default:
                Add(field, $"must be a string or null, not {value.ValueKind.ToString().ToLowerInvariant()}.");
                return (false, null);
        }
    }

    public void Add(string field, string message) =>
        Errors[field] = Errors.TryGetValue(field, out var earlier) ? [.. earlier, message] : [message];
}
