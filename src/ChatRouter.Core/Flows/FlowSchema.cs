using System.Text.Json;
using ChatRouter.Diagnostics;
using Json.Schema;

namespace ChatRouter.Flows;

/// <summary>
/// Checks a flow file against flows.schema.json (embedded from the repository root) and turns each failure
/// into a diagnostic at the position of the offending value, phrased for a flow author.
/// </summary>
internal static partial class FlowSchema
{
    private static readonly Lazy<(JsonSchema Schema, string[] PropertyNames)> Loaded = new(() => LoadSchema("flows.schema.json"));
    private static readonly Lazy<(JsonSchema Schema, string[] PropertyNames)> LoadedExperiments = new(() => LoadSchema("experiments.schema.json"));

    public static string Text => Read("flows.schema.json");

    /// <summary>True when the flow file follows the schema; otherwise every problem is in <paramref name="diagnostics"/>.</summary>
    public static bool Check(JsonSource source, DiagnosticBag diagnostics) => Check(source, diagnostics, Loaded.Value, "flows.schema.json");

    /// <summary>True when the experiment file follows experiments.schema.json; otherwise every problem is in <paramref name="diagnostics"/>.</summary>
    public static bool CheckExperiment(JsonSource source, DiagnosticBag diagnostics) => Check(source, diagnostics, LoadedExperiments.Value, "experiments.schema.json");

    private static string Read(string name)
    {
        using var stream = typeof(FlowSchema).Assembly.GetManifestResourceStream("ChatRouter." + name)
            ?? throw new InvalidOperationException($"{name} is not embedded in ChatRouter.Core; rebuild the project.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    private static bool Check(JsonSource source, DiagnosticBag diagnostics, (JsonSchema Schema, string[] PropertyNames) loaded, string schemaName)
    {
        var (schema, propertyNames) = loaded;
        var results = schema.Evaluate(source.Root, new EvaluationOptions { OutputFormat = OutputFormat.List });
        if (results.IsValid) return true;

        var failures = new List<Failure>();
        var details = results.Details ?? [];
        var valid = details.Where(d => d.IsValid).Select(d => $"{d.InstanceLocation}|{d.EvaluationPath}").ToHashSet(StringComparer.Ordinal);
        foreach (var detail in details)
        {
            var evaluationPath = detail.EvaluationPath.ToString();
            // An 'if' that does not match is how if/then selects; it is not a problem in the file. Nor is the
            // branch of a oneOf that another branch satisfied (a reply key that is not an array).
            if (detail.IsValid || detail.Errors is null || evaluationPath.Contains("/if", StringComparison.Ordinal)) continue;
            if (SatisfiedAlternative(detail.InstanceLocation.ToString(), evaluationPath, valid)) continue;
            foreach (var (keyword, message) in detail.Errors)
                failures.Add(new Failure(detail.InstanceLocation.ToString(), evaluationPath, keyword, message));
        }

        var reported = new HashSet<string>(StringComparer.Ordinal);
        foreach (var group in failures.GroupBy(f => f.Pointer, StringComparer.Ordinal))
        {
            var types = group.Where(f => f.Keyword == "type").ToList();
            var rest = group.Where(f => f.Keyword != "type").ToList();
            if (types.Count > 0)
            {
                // Alternatives (oneOf) each report the type they wanted; one line names them all.
                var wanted = types.Select(t => Wanted().Match(t.Message).Groups[1].Value).Where(w => w.Length > 0).Distinct(StringComparer.Ordinal);
                var text = EventTrigger().IsMatch(group.Key) && Kind(source, group.Key) == "string"
                    ? $"event '{Value(source, group.Key)}' has no category or urgency; declare its category and urgency: {{\"type\": \"{Value(source, group.Key)}\", \"category\": \"transactional|marketing\", \"urgency\": \"high|normal|low\"}}"
                    : $"{Where(group.Key)}: expected {string.Join(" or ", wanted.Select(Article))}, not {Article(Kind(source, group.Key))}";
                Report(source, diagnostics, reported, group.Key, source.ValueAt(group.Key), text);
            }

            foreach (var failure in rest)
            {
                var text = Phrase(failure, source, propertyNames);
                var at = failure.Keyword.Length == 0 ? source.NameAt(failure.Pointer) : source.ValueAt(failure.Pointer);
                Report(source, diagnostics, reported, failure.Pointer, at, text);
            }
        }

        if (reported.Count == 0)
            diagnostics.Error(source.Path, TextPosition.Start, $"the file does not follow {schemaName} (no detail available); check it with a JSON Schema validator");
        return false;
    }

    private sealed record Failure(string Pointer, string EvaluationPath, string Keyword, string Message);

    /// <summary>A failure inside a oneOf branch where the schema holding the oneOf is valid: another branch matched.</summary>
    private static bool SatisfiedAlternative(string instance, string evaluationPath, HashSet<string> valid)
    {
        for (var at = evaluationPath.IndexOf("/oneOf/", StringComparison.Ordinal); at >= 0; at = evaluationPath.IndexOf("/oneOf/", at + 1, StringComparison.Ordinal))
        {
            if (valid.Contains($"{instance}|{evaluationPath[..at]}")) return true;
        }

        return false;
    }

    private static void Report(JsonSource source, DiagnosticBag diagnostics, HashSet<string> reported, string pointer, TextPosition at, string text)
    {
        if (reported.Add($"{pointer}|{text}")) diagnostics.Error(source.Path, at, text);
    }

    private static string Phrase(Failure failure, JsonSource source, string[] propertyNames)
    {
        var pointer = failure.Pointer;
        var name = pointer.Length == 0 ? "" : pointer[(pointer.LastIndexOf('/') + 1)..].Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal);
        switch (failure.Keyword)
        {
            case "" or "false" or "additionalProperties" when failure.Message.Contains("false schema", StringComparison.Ordinal) || failure.Keyword.Length > 0:
                return $"unknown property '{name}'{Suggest.DidYouMean(name, propertyNames)}";
            case "required":
                var missing = Quoted().Matches(failure.Message).Select(m => $"'{m.Groups[1].Value}'").ToList();
                var what = $"missing required propert{(missing.Count == 1 ? "y" : "ies")} {string.Join(", ", missing)}";
                if (failure.EvaluationPath.Contains("/then", StringComparison.Ordinal) && pointer.EndsWith("/input", StringComparison.Ordinal))
                    return $"{Where(pointer)}: an input of type '{Value(source, pointer + "/type")}' needs {string.Join(", ", missing)}";
                if (failure.EvaluationPath.Contains("/then", StringComparison.Ordinal))
                    return $"{Where(pointer)}: an action with \"do\": \"{Value(source, pointer + "/do")}\" needs {string.Join(", ", missing)}";
                if (EventTrigger().IsMatch(pointer))
                    return $"{Where(pointer)}: {what}; an event trigger is {{\"type\", \"category\": \"transactional|marketing\", \"urgency\": \"high|normal|low\"}}";
                return $"{Where(pointer)}: {what}";
            case "pattern" when name == "on":
                return $"transition trigger '{Value(source, pointer)}' is not one of intent:<name>, event:<name>, input:valid, input:exhausted, outcome:<name>, media:<kind>";
            case "pattern":
                return $"{Where(pointer)}: '{Value(source, pointer)}' is not a valid {Describe(failure.EvaluationPath)}";
            case "enum" when EventTrigger().IsMatch(pointer[..Math.Max(0, pointer.LastIndexOf('/'))]):
                return $"{Where(pointer)}: '{Value(source, pointer)}' is not a {name}; use {(name == "category" ? "transactional or marketing" : "high, normal or low")}";
            case "enum":
                return $"{Where(pointer)}: '{Value(source, pointer)}' is not allowed here; {failure.Message}";
            default:
                return $"{Where(pointer)}: {failure.Message}";
        }
    }

    private static string Kind(JsonSource source, string pointer)
    {
        var element = Element(source, pointer);
        return element?.ValueKind switch
        {
            JsonValueKind.Number => "number",
            JsonValueKind.String => "string",
            JsonValueKind.Array => "array",
            JsonValueKind.Object => "object",
            JsonValueKind.True or JsonValueKind.False => "boolean",
            JsonValueKind.Null => "null",
            _ => "value",
        };
    }

    private static string Article(string type) => type switch
    {
        "integer" => "an integer",
        "array" => "an array",
        "object" => "an object",
        "null" => "null",
        _ => "a " + type,
    };

    [System.Text.RegularExpressions.GeneratedRegex("should be \"([a-z]+)\"")]
    private static partial System.Text.RegularExpressions.Regex Wanted();

    [System.Text.RegularExpressions.GeneratedRegex("^/triggers/events/[0-9]+$")]
    private static partial System.Text.RegularExpressions.Regex EventTrigger();

    [System.Text.RegularExpressions.GeneratedRegex("\"([^\"]+)\"")]
    private static partial System.Text.RegularExpressions.Regex Quoted();

    private static string Describe(string keywordPath)
    {
        foreach (var (fragment, what) in Names)
        {
            if (keywordPath.Contains(fragment, StringComparison.Ordinal)) return what;
        }

        return "value";
    }

    private static readonly (string Fragment, string What)[] Names =
    [
        ("/locale", "locale tag (use e.g. en, es, pt-BR, ar)"),
        ("/stateName", "state name (letters, digits and '_', starting with a letter or '_')"),
        ("/slotName", "slot name (letters, digits and '_')"),
        ("/replyKey", "reply-template key (letters, digits, '_', '.', '-')"),
        ("/intentName", "intent name (lower case, digits and '_')"),
        ("/eventName", "event name (lower-case words joined by '.', e.g. order.shipped)"),
        ("/handlerName", "handler name (e.g. orders.lookup)"),
        ("/properties/id", "flow id (lower case, digits, '-', '_', '.')"),
        ("/attributionWindow", "duration (a number and m, h or d, e.g. 90m, 24h, 7d)"),
        ("/sendDelay", "duration (a number and m, h or d, e.g. 90m, 24h, 7d)"),
        ("/winner", "variant name (lower case, digits, '-', '_')"),
        ("/variant/properties/name", "variant name (lower case, digits, '-', '_')"),
        ("/whatsappTemplate", "WhatsApp message template name (lower case, digits and '_')"),
        ("/properties/name", "experiment name (lower case, digits, '-', '_')"),
    ];

    private static string Where(string pointer) => pointer.Length == 0 ? "flow" : $"'{pointer}'";

    private static string Value(JsonSource source, string pointer) => Element(source, pointer) switch
    {
        null => "",
        { ValueKind: JsonValueKind.String } element => element.GetString()!,
        { } element => element.GetRawText(),
    };

    private static JsonElement? Element(JsonSource source, string pointer)
    {
        var element = source.Root;
        foreach (var token in pointer.Split('/', StringSplitOptions.RemoveEmptyEntries))
        {
            var key = token.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal);
            if (element.ValueKind == JsonValueKind.Object && element.TryGetProperty(key, out var child)) element = child;
            else if (element.ValueKind == JsonValueKind.Array && int.TryParse(key, System.Globalization.CultureInfo.InvariantCulture, out var index) && index < element.GetArrayLength()) element = element[index];
            else return null;
        }

        return element;
    }

    private static (JsonSchema, string[]) LoadSchema(string name)
    {
        var text = Read(name);
        var schema = JsonSchema.FromText(text, new BuildOptions { SchemaRegistry = new SchemaRegistry() });
        using var document = JsonDocument.Parse(text);
        var names = new SortedSet<string>(StringComparer.Ordinal);
        CollectPropertyNames(document.RootElement, names);
        return (schema, [.. names]);
    }

    private static void CollectPropertyNames(JsonElement element, SortedSet<string> names)
    {
        if (element.ValueKind == JsonValueKind.Object)
        {
            foreach (var property in element.EnumerateObject())
            {
                if (property.Name == "properties" && property.Value.ValueKind == JsonValueKind.Object)
                {
                    foreach (var declared in property.Value.EnumerateObject()) names.Add(declared.Name);
                }

                CollectPropertyNames(property.Value, names);
            }
        }
        else if (element.ValueKind == JsonValueKind.Array)
        {
            foreach (var item in element.EnumerateArray()) CollectPropertyNames(item, names);
        }
    }
}
