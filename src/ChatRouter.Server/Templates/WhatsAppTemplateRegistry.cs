using System.Text.Json;
using ChatRouter.Storage.Templates;

namespace ChatRouter.Server.Templates;

/// <summary>
/// Which WhatsApp message templates may be sent. The templates a business uses are declared in
/// <c>flows/whatsapp-templates.json</c> (name, language, category, status as last known); the store then tracks
/// their status as Meta's <c>message_template_status_update</c> webhooks arrive. Only APPROVED templates are sent.
/// </summary>
internal sealed partial class WhatsAppTemplateRegistry(WhatsAppTemplateStore store, ILogger<WhatsAppTemplateRegistry> logger)
{
    public const string FileName = "whatsapp-templates.json";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>Seeds the store from the registry file under <paramref name="flowsDirectory"/>; a broken file is logged, not fatal.</summary>
    public async Task LoadAsync(string flowsDirectory, DateTimeOffset now)
    {
        var path = Path.Combine(flowsDirectory, FileName);
        if (!File.Exists(path)) return;
        List<WhatsAppTemplateRecord>? declared;
        try
        {
            await using var stream = File.OpenRead(path);
            declared = await JsonSerializer.DeserializeAsync<List<WhatsAppTemplateRecord>>(stream, Json);
        }
        catch (JsonException e)
        {
            LogBrokenFile(logger, e, path, (e.LineNumber ?? 0) + 1);
            return;
        }

        foreach (var record in declared ?? [])
        {
            record.Language = MetaLanguage(record.Language);
            record.UpdatedAt = now;
            await store.SeedAsync(record);
        }
    }

    /// <summary>Whether <paramref name="name"/> is approved in <paramref name="locale"/> (or its language).</summary>
    public bool IsApproved(string name, string locale, out string language)
    {
        foreach (var candidate in new[] { MetaLanguage(locale), MetaLanguage(Text.Locales.Language(locale)) })
        {
            if (store.Find(name, candidate) is { Status: "APPROVED" })
            {
                language = candidate;
                return true;
            }
        }

        language = MetaLanguage(locale);
        return false;
    }

    public async Task UpdateAsync(string name, string language, string status, string? reason, string? category, DateTimeOffset at)
    {
        var record = await store.SetStatusAsync(name, MetaLanguage(language), status, reason, category, at);
        LogStatus(logger, record.Name, record.Language, record.Status, record.Reason);
    }

    public IReadOnlyList<WhatsAppTemplateRecord> All() => store.All();

    /// <summary>Meta writes languages as <c>pt_BR</c>; our locales as <c>pt-BR</c>.</summary>
    public static string MetaLanguage(string language) => language.Replace('-', '_');

    [LoggerMessage(EventId = 4201, Level = LogLevel.Error, Message = "{Path}:{Line}: the WhatsApp message template registry is not valid JSON; templates from it are not loaded")]
    private static partial void LogBrokenFile(ILogger logger, Exception exception, string path, long line);

    [LoggerMessage(EventId = 4202, Level = LogLevel.Information, Message = "WhatsApp message template {Name} ({Language}) is now {Status} ({Reason})")]
    private static partial void LogStatus(ILogger logger, string name, string language, string status, string? reason);
}
