using System.Text.Json;
using ChatRouter.Server.Templates;
using ChatRouter.WhatsAppTemplates;

namespace ChatRouter.Server.Channels.WhatsApp;

/// <summary>One template of the Graph API's template list.</summary>
internal sealed record ListedTemplate(
    string Name,
    string Language,
    string Status,
    string? MetaId,
    string? Category,
    string? Reason,
    string? QualityScore,
    IReadOnlyList<WhatsAppTemplateComponent>? Components);

/// <summary>
/// One page of <c>GET /{waba-id}/message_templates</c>: <c>{"data":[{"id","name","language","status","category",
/// "components","quality_score":{"score"},"rejected_reason"}],"paging":{"cursors":{"before","after"},"next"}}</c>,
/// the Graph API's usual paging (whatsapp.md documents only that templates exist; this shape follows Graph
/// conventions and is covered by the loopback fake). <c>paging.next</c> present means more pages, fetched with
/// <c>after</c> = <c>paging.cursors.after</c> against our own base URL, so the token never goes elsewhere.
/// </summary>
internal static class WhatsAppTemplateList
{
    /// <summary>The page's templates and the cursor of the next page (null on the last).</summary>
    /// <exception cref="TemplateSyncException">The body is not a template list page.</exception>
    public static (IReadOnlyList<ListedTemplate> Templates, string? After) Parse(string body)
    {
        JsonElement root;
        try
        {
            using var document = JsonDocument.Parse(body);
            root = document.RootElement.Clone();
        }
        catch (JsonException e)
        {
            throw new TemplateSyncException($"the template list is not JSON ({e.Message}): {ProviderAnswer.Snippet(body)}");
        }

        if (root.ValueKind != JsonValueKind.Object || JsonFields.Property(root, "data") is not { ValueKind: JsonValueKind.Array } data)
            throw new TemplateSyncException($"the template list has no \"data\" array: {ProviderAnswer.Snippet(body)}");

        var templates = new List<ListedTemplate>();
        var i = 0;
        foreach (var item in data.EnumerateArray())
        {
            // A template we cannot name cannot be updated, and leaving it out would mark it removed: the page is wrong.
            if (item.ValueKind != JsonValueKind.Object || JsonFields.Text(item, "name") is not { } name || JsonFields.Text(item, "language") is not { } language
                || JsonFields.Text(item, "status") is not { } status)
                throw new TemplateSyncException($"data[{i}] of the template list has no name, language or status: {ProviderAnswer.Snippet(item.GetRawText())}");
            templates.Add(new ListedTemplate(
                name,
                language,
                status,
                JsonFields.Scalar(item, "id"),
                JsonFields.Text(item, "category"),
                JsonFields.Text(item, "rejected_reason") is { } reason && reason != "NONE" ? reason : null,
                JsonFields.Object(item, "quality_score") is { } quality ? JsonFields.Text(quality, "score") : null,
                Components(item)));
            i++;
        }

        var paging = JsonFields.Object(root, "paging");
        if (paging is not { } page || JsonFields.Text(page, "next") is null || templates.Count == 0) return (templates, null);
        var after = JsonFields.Object(page, "cursors") is { } cursors ? JsonFields.Text(cursors, "after") : null;
        return after is null
            ? throw new TemplateSyncException("the template list says there is a next page (paging.next) but gives no paging.cursors.after")
            : (templates, after);
    }

    /// <summary>The components, or null when the item has none we can read (then the known ones stay).</summary>
    private static List<WhatsAppTemplateComponent>? Components(JsonElement item)
    {
        if (JsonFields.Property(item, "components") is not { ValueKind: JsonValueKind.Array } components) return null;
        var result = new List<WhatsAppTemplateComponent>();
        foreach (var component in components.EnumerateArray())
        {
            if (component.ValueKind != JsonValueKind.Object || JsonFields.Text(component, "type") is not { } type) return null;
            result.Add(new WhatsAppTemplateComponent
            {
                Type = type,
                Format = JsonFields.Text(component, "format"),
                Text = JsonFields.String(component, "text"),
                Buttons = [.. JsonFields.Objects(component, "buttons").Select(b => new WhatsAppTemplateButton
                {
                    Type = JsonFields.Text(b, "type") ?? "",
                    Text = JsonFields.String(b, "text") ?? "",
                    Url = JsonFields.Text(b, "url"),
                })],
            });
        }

        return result;
    }
}
