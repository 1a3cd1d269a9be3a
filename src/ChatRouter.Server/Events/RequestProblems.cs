using System.Text.Json;
using ChatRouter.Server.Channels;

namespace ChatRouter.Server.Events;

/// <summary>What is wrong with a request body, by field path: the <c>errors</c> of a 400 ValidationProblem.</summary>
internal sealed class RequestProblems
{
    private readonly Dictionary<string, List<string>> _byField = new(StringComparer.Ordinal);

    public bool Any => _byField.Count > 0;

    public int Count => _byField.Count;

    public void Add(string field, string problem)
    {
        if (!_byField.TryGetValue(field, out var problems)) _byField[field] = problems = [];
        problems.Add(problem);
    }

    public Dictionary<string, string[]> ToDictionary() => _byField.ToDictionary(p => p.Key, p => p.Value.ToArray(), StringComparer.Ordinal);

    /// <summary>
    /// A string field of <paramref name="parent"/>: null when it is absent or null (a problem when
    /// <paramref name="required"/>), and a problem when it is another JSON type, blank, or longer than
    /// <paramref name="maxLength"/>. <paramref name="expected"/> says what belongs there.
    /// </summary>
    public string? String(JsonElement parent, string path, string name, int maxLength, bool required, string expected)
    {
        var field = path.Length == 0 ? name : path + "." + name;
        switch (JsonFields.Property(parent, name))
        {
            case null or { ValueKind: JsonValueKind.Null }:
                if (required) Add(field, "required: " + expected);
                return null;
            case { ValueKind: JsonValueKind.String } value when JsonFields.StringOf(value) is var text:
                if (string.IsNullOrWhiteSpace(text)) Add(field, "empty: " + expected);
                else if (text.Length > maxLength) Add(field, $"{text.Length} characters; at most {maxLength}");
                else if (text.Any(char.IsControl)) Add(field, "holds control characters: " + expected);
                else return text;
                return null;
            case { } other:
                Add(field, $"a JSON {other.ValueKind.ToString().ToLowerInvariant()}, not a string: {expected}");
                return null;
        }
    }
}
