using System.Text.Json;
using ChatRouter.WhatsAppTemplates;

namespace ChatRouter.Server.Templates;

/// <summary>
/// <c>flows/whatsapp-templates.json</c>: the WhatsApp message templates a business uses, as an array of
/// <c>{"name","language","category","status","components"?,"optOutPayloads"?}</c>. Components follow the Graph
/// API's shape (<c>{"type":"BODY","text":"Hi {{1}}"}</c>, <c>{"type":"BUTTONS","buttons":[{"type":"QUICK_REPLY","text":"Stop promotions"}]}</c>);
/// <c>optOutPayloads</c> lists the quick-reply payloads (or labels) of the template that withdraw marketing consent.
/// </summary>
internal static class WhatsAppTemplateFile
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>The declared templates; a missing file is none, a broken one is logged and none.</summary>
    public static async Task<IReadOnlyList<DeclaredTemplate>> ReadAsync(string path, ILogger logger, CancellationToken cancellationToken)
    {
        if (!File.Exists(path)) return [];
        try
        {
            await using var stream = File.OpenRead(path);
            var declared = await JsonSerializer.DeserializeAsync<List<DeclaredTemplate>>(stream, Json, cancellationToken) ?? [];
            return [.. declared.Where(d => !string.IsNullOrWhiteSpace(d.Name) && !string.IsNullOrWhiteSpace(d.Language))];
        }
        catch (JsonException e)
        {
            WhatsAppTemplateRegistry.LogBrokenFile(logger, e, path, (e.LineNumber ?? 0) + 1);
            return [];
        }
    }
}

/// <summary>One template of the registry file.</summary>
internal sealed record DeclaredTemplate(
    string Name,
    string Language,
    string? Category,
    string? Status,
    List<WhatsAppTemplateComponent>? Components,
    List<string>? OptOutPayloads)
{
    /// <summary>The record to seed: version 1 when the file says a category or components, the file's status as its first history entry.</summary>
    public WhatsAppTemplateRecord ToRecord(DateTimeOffset now)
    {
        var record = new WhatsAppTemplateRecord
        {
            Name = Name,
            Language = WhatsAppTemplateRegistry.MetaLanguage(Language),
            OptOutPayloads = OptOutPayloads ?? [],
            UpdatedAt = now,
        };
        record.SetContent(Category, Components, now);
        record.SetStatus(string.IsNullOrWhiteSpace(Status) ? "PENDING" : Status, null, now, "file");
        return record;
    }
}
