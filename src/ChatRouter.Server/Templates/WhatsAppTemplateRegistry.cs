using System.Collections.Concurrent;
using System.Text.Json;
using ChatRouter.WhatsAppTemplates;

namespace ChatRouter.Server.Templates;

/// <summary>
/// Which WhatsApp message templates may be sent. The templates a business uses are declared in
/// <c>flows/whatsapp-templates.json</c> (name, language, category, status as last known); the store then tracks
/// their status as Meta's <c>message_template_status_update</c> webhooks arrive. Only APPROVED templates are
/// sent. The registry keeps every template in memory, so a send asks the store nothing.
/// </summary>
internal sealed partial class WhatsAppTemplateRegistry(IWhatsAppTemplateStore store, ILogger<WhatsAppTemplateRegistry> logger)
{
    public const string FileName = "whatsapp-templates.json";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private readonly ConcurrentDictionary<string, WhatsAppTemplateRecord> _known = new(StringComparer.Ordinal);

    /// <summary>Seeds the store from the registry file under <paramref name="flowsDirectory"/> (a broken file is logged, not fatal), then caches what the store holds.</summary>
    public async Task LoadAsync(string flowsDirectory, DateTimeOffset now, CancellationToken cancellationToken)
    {
        foreach (var record in await ReadFileAsync(Path.Combine(flowsDirectory, FileName), cancellationToken))
        {
            record.Language = MetaLanguage(record.Language);
            record.UpdatedAt = now;
            await store.SeedAsync(record, cancellationToken);
        }

        foreach (var record in await store.AllAsync(cancellationToken)) _known[record.Id] = record;
    }

    /// <summary>Whether <paramref name="name"/> is approved in <paramref name="locale"/> (or its language).</summary>
    public bool IsApproved(string name, string locale, out string language)
    {
        foreach (var candidate in new[] { MetaLanguage(locale), MetaLanguage(Text.Locales.Language(locale)) })
        {
            if (_known.TryGetValue(WhatsAppTemplateRecord.MakeId(name, candidate), out var record) && record.Status == "APPROVED")
            {
                language = candidate;
                return true;
            }
        }

        language = MetaLanguage(locale);
        return false;
    }

    public async Task UpdateAsync(string name, string language, string status, string? reason, string? category, DateTimeOffset at, CancellationToken cancellationToken)
    {
        var record = await store.SetStatusAsync(name, MetaLanguage(language), status, reason, category, at, cancellationToken);
        _known[record.Id] = record;
        LogStatus(logger, record.Name, record.Language, record.Status, record.Reason);
    }

    public IReadOnlyList<WhatsAppTemplateRecord> All() => [.. _known.Values.OrderBy(r => r.Id, StringComparer.Ordinal)];

    /// <summary>Meta writes languages as <c>pt_BR</c>; our locales as <c>pt-BR</c>.</summary>
    public static string MetaLanguage(string language) => language.Replace('-', '_');

    private async Task<IReadOnlyList<WhatsAppTemplateRecord>> ReadFileAsync(string path, CancellationToken cancellationToken)
    {
        if (!File.Exists(path)) return [];
        try
        {
            await using var stream = File.OpenRead(path);
            return await JsonSerializer.DeserializeAsync<List<WhatsAppTemplateRecord>>(stream, Json, cancellationToken) ?? [];
        }
        catch (JsonException e)
        {
            LogBrokenFile(logger, e, path, (e.LineNumber ?? 0) + 1);
            return [];
        }
    }

    [LoggerMessage(EventId = 4201, Level = LogLevel.Error, Message = "{Path}:{Line}: the WhatsApp message template registry is not valid JSON; templates from it are not loaded")]
    private static partial void LogBrokenFile(ILogger logger, Exception exception, string path, long line);

    [LoggerMessage(EventId = 4202, Level = LogLevel.Information, Message = "WhatsApp message template {Name} ({Language}) is now {Status} ({Reason})")]
    private static partial void LogStatus(ILogger logger, string name, string language, string status, string? reason);
}
