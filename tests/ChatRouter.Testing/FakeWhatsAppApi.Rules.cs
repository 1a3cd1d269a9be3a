using System.Text.Json;

namespace ChatRouter.Testing;

public sealed partial class FakeWhatsAppApi
{
    /// <summary>
    /// Meta's request rules (whatsapp.md §1.9), counted in UTF-16 units. A missing required parameter is error
    /// 100 and a bad value 131009, as Meta answers most of them (the exact code per rule is unconfirmed).
    /// </summary>
    private static Violation? Check(JsonElement body)
    {
        if (Str(body, "messaging_product") != "whatsapp") return Missing("messaging_product", "must be \"whatsapp\"");
        if (IsMarkRead(body)) return Str(body, "message_id") is { Length: > 0 } ? null : Missing("message_id");
        if (Str(body, "to") is not { } to || string.IsNullOrWhiteSpace(to)) return Missing("to");
        if (Str(body, "recipient_type") is { } kind && kind is not ("individual" or "group")) return Invalid($"recipient_type '{kind}' is not individual or group");
        if (Str(body, "biz_opaque_callback_data") is { Length: > 512 }) return Invalid("biz_opaque_callback_data is longer than 512 characters");
        return (Str(body, "type") ?? "text") switch
        {
            "text" => Obj(body, "text") is { } text ? Length(Str(text, "body"), "text.body", 4096) : Missing("text"),
            "interactive" => Obj(body, "interactive") is { } interactive ? Interactive(interactive) : Missing("interactive"),
            "template" => Obj(body, "template") is { } template ? Template(template) : Missing("template"),
            _ => null,
        };
    }

    /// <summary>Why Meta would refuse <paramref name="body"/> ("131009: …"), or null when it would take it; the same rules the server applies.</summary>
    public static string? FindViolation(JsonElement body) => Check(body) is { } v ? $"{v.Code}: {v.Details}" : null;

    private static bool IsMarkRead(JsonElement body) => Str(body, "status") == "read";

    private static Violation? Interactive(JsonElement interactive)
    {
        var type = Str(interactive, "type");
        var action = Obj(interactive, "action");
        var body = Obj(interactive, "body") is { } b ? Str(b, "text") : null;
        if (type is not ("button" or "list")) return Invalid($"interactive.type '{type}' is not button or list");
        if (action is null) return Missing("interactive.action");
        return Length(body, "interactive.body.text", type == "button" ? 1024 : 4096)
            ?? (Obj(interactive, "footer") is { } footer ? Length(Str(footer, "text"), "interactive.footer.text", 60) : null)
            ?? (Obj(interactive, "header") is { } header && Str(header, "type") == "text" ? Length(Str(header, "text"), "interactive.header.text", 60) : null)
            ?? (type == "button" ? Buttons(action.Value) : List(action.Value));
    }

    private static Violation? Buttons(JsonElement action)
    {
        var buttons = Arr(action, "buttons");
        if (buttons.Count is < 1 or > 3) return Invalid($"a reply-button message has {buttons.Count} buttons; it needs 1 to 3");
        var titles = new HashSet<string>(StringComparer.Ordinal);
        var ids = new HashSet<string>(StringComparer.Ordinal);
        foreach (var button in buttons)
        {
            if (Str(button, "type") != "reply" || Obj(button, "reply") is not { } reply) return Invalid("a button is not {\"type\": \"reply\", \"reply\": {…}}");
            var problem = Length(Str(reply, "id"), "button id", 256) ?? Length(Str(reply, "title"), "button title", 20);
            if (problem is not null) return problem;
            if (!ids.Add(Str(reply, "id")!)) return Invalid($"button id '{Str(reply, "id")}' is repeated");
            if (!titles.Add(Str(reply, "title")!)) return Invalid($"button title '{Str(reply, "title")}' is repeated; titles must be unique");
        }

        return null;
    }

    private static Violation? List(JsonElement action)
    {
        var problem = Length(Str(action, "button"), "action.button", 20);
        if (problem is not null) return problem;
        var sections = Arr(action, "sections");
        if (sections.Count is < 1 or > 10) return Invalid($"a list has {sections.Count} sections; it needs 1 to 10");
        var ids = new HashSet<string>(StringComparer.Ordinal);
        var rowCount = 0;
        foreach (var section in sections)
        {
            // The current page marks the title required for every section; older docs only for several.
            problem = Length(Str(section, "title"), "section title", 24);
            var rows = Arr(section, "rows");
            if (problem is null && rows.Count == 0) problem = Invalid("a section has no rows");
            foreach (var row in rows)
            {
                rowCount++;
                problem ??= Length(Str(row, "id"), "row id", 200) ?? Length(Str(row, "title"), "row title", 24)
                    ?? (Str(row, "description") is { } d ? Length(d, "row description", 72) : null)
                    ?? (ids.Add(Str(row, "id")!) ? null : Invalid($"row id '{Str(row, "id")}' is repeated"));
            }

            if (problem is not null) return problem;
        }

        return rowCount > 10 ? Invalid($"a list has {rowCount} rows; at most 10 over all sections") : null;
    }

    private static Violation? Template(JsonElement template)
    {
        if (Str(template, "name") is not { Length: > 0 }) return Missing("template.name");
        if (Obj(template, "language") is not { } language || Str(language, "code") is not { Length: > 0 }) return Missing("template.language.code");
        foreach (var component in Arr(template, "components"))
        {
            foreach (var parameter in Arr(component, "parameters"))
            {
                if (Str(parameter, "type") != "text") continue;
                var text = Str(parameter, "text");
                if (string.IsNullOrWhiteSpace(text)) return Missing("template parameter text");
                if (text.Contains('\n', StringComparison.Ordinal) || text.Contains('\t', StringComparison.Ordinal) || text.Contains("     ", StringComparison.Ordinal))
                    return new Violation(132018, "There was an issue with the parameters in your template.", "Param text cannot have new-line/tab characters or more than 4 consecutive spaces");
            }
        }

        return null;
    }

    /// <summary>Present, not blank, and at most <paramref name="limit"/> UTF-16 units.</summary>
    private static Violation? Length(string? value, string what, int limit) =>
        string.IsNullOrWhiteSpace(value) ? Missing(what)
        : value.Length > limit ? Invalid($"{what} is {value.Length} characters; the limit is {limit}")
        : null;

    private static Violation Missing(string parameter, string? why = null) =>
        new(100, "Invalid parameter", $"The parameter {parameter} is required{(why is null ? "" : " and " + why)}.");

    private static Violation Invalid(string details) => new(131009, "Parameter value is not valid", details);

    private static string? Str(JsonElement parent, string name) =>
        parent.ValueKind == JsonValueKind.Object && parent.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    private static JsonElement? Obj(JsonElement parent, string name) =>
        parent.ValueKind == JsonValueKind.Object && parent.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Object ? v : null;

    private static List<JsonElement> Arr(JsonElement parent, string name) =>
        parent.ValueKind == JsonValueKind.Object && parent.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Array ? [.. v.EnumerateArray()] : [];

    /// <summary>Why the fake refused a request: a Graph error code, its title and details.</summary>
    private sealed record Violation(int Code, string Title, string Details);
}
