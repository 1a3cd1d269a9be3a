using System.Collections.Concurrent;
using System.Diagnostics.CodeAnalysis;
using ChatRouter.WhatsAppTemplates;

namespace ChatRouter.Server.Templates;

/// <summary>
/// Which WhatsApp message templates may be sent, in which version. The templates a business uses are declared
/// in <c>flows/whatsapp-templates.json</c>; Meta's <c>message_template_status_update</c> webhooks and the
/// Graph API's template list (<see cref="SyncAsync"/>) then keep status, category, components and quality up to
/// date in the store. Every template is cached in memory, so a send asks neither the store nor Meta anything,
/// and a REJECTED or PAUSED template stops being sent the moment its webhook is processed.
/// </summary>
internal sealed partial class WhatsAppTemplateRegistry(IWhatsAppTemplateStore store, ILogger<WhatsAppTemplateRegistry> logger) : IDisposable
{
    public const string FileName = "whatsapp-templates.json";

    /// <summary>
    /// A template's record after a webhook or sync wrote it, with the status it had before (null for a template new to
    /// the registry). The changelog, the status metrics and the chat alerts listen.
    /// </summary>
    public event Action<WhatsAppTemplateRecord, string?>? Changed;

    private readonly ConcurrentDictionary<string, WhatsAppTemplateRecord> _known = new(StringComparer.Ordinal);
    // One writer at a time (webhooks and the periodic sync), so the cache is replaced in the order the store changed.
    private readonly SemaphoreSlim _writes = new(1, 1);

    /// <summary>Seeds the store from the registry file under <paramref name="flowsDirectory"/> (a broken file is logged, not fatal), then caches what the store holds.</summary>
    public async Task LoadAsync(string flowsDirectory, DateTimeOffset now, CancellationToken cancellationToken)
    {
        foreach (var declared in await WhatsAppTemplateFile.ReadAsync(Path.Combine(flowsDirectory, FileName), logger, cancellationToken))
            await store.SeedAsync(declared.ToRecord(now), cancellationToken);

        foreach (var record in await store.AllAsync(cancellationToken)) _known[record.Id] = record;
    }

    /// <summary>Whether <paramref name="name"/> is approved in <paramref name="locale"/> (or its language); <paramref name="template"/> is the one to send, with its version.</summary>
    public bool IsApproved(string name, string locale, [NotNullWhen(true)] out WhatsAppTemplateRecord? template)
    {
        foreach (var candidate in new[] { MetaLanguage(locale), MetaLanguage(Text.Locales.Language(locale)) })
        {
            if (_known.TryGetValue(WhatsAppTemplateRecord.MakeId(name, candidate), out var record) && record.IsApproved)
            {
                template = record;
                return true;
            }
        }

        template = null;
        return false;
    }

    /// <summary>The template <paramref name="name"/> in Meta language <paramref name="language"/>, or null.</summary>
    public WhatsAppTemplateRecord? Find(string name, string language) => _known.GetValueOrDefault(WhatsAppTemplateRecord.MakeId(name, MetaLanguage(language)));

    /// <summary>
    /// A <c>message_template_status_update</c>: the new status with its reason (Meta's <c>NONE</c> is no reason), and
    /// the category it reports (a recategorisation bumps the version). An update older than the last one a webhook
    /// or sync gave is stale (webhooks arrive out of order) and left out.
    /// </summary>
    public async Task UpdateAsync(string name, string language, string status, string? reason, string? category, DateTimeOffset at, CancellationToken cancellationToken)
    {
        var why = reason is null or "NONE" ? null : reason;
        var record = await WriteAsync(name, MetaLanguage(language), r => !IsStale(r, at) && (r.SetStatus(status, why, at, "webhook") | r.SetContent(category, null, at)), cancellationToken);
        if (record is null || record.Status != status) LogStale(logger, name, language, status, at);
        else if (record.IsApproved) LogStatus(logger, record.Name, record.Language, record.Status, record.Reason);
        else LogNotSendable(logger, record.Name, record.Language, record.Status, record.Reason);
    }

    public IReadOnlyList<WhatsAppTemplateRecord> All() => [.. _known.Values.OrderBy(r => r.Id, StringComparer.Ordinal)];

    public void Dispose() => _writes.Dispose();

    /// <summary>Meta writes languages as <c>pt_BR</c>; our locales as <c>pt-BR</c>.</summary>
    public static string MetaLanguage(string language) => language.Replace('-', '_');

    private static bool IsStale(WhatsAppTemplateRecord record, DateTimeOffset at) =>
        record.History.LastOrDefault(h => h.Source != "file") is { } last && last.At > at;

    private async Task<WhatsAppTemplateRecord?> WriteAsync(string name, string language, Func<WhatsAppTemplateRecord, bool> change, CancellationToken cancellationToken)
    {
        await _writes.WaitAsync(cancellationToken);
        try
        {
            // Read before the store's change: the cached record may be the very object the change updates.
            var before = _known.GetValueOrDefault(WhatsAppTemplateRecord.MakeId(name, language))?.Status;
            var record = await store.UpdateAsync(name, language, change, cancellationToken);
            if (record is not null)
            {
                _known[record.Id] = record;
                Changed?.Invoke(record, before);
            }

            return record;
        }
        finally
        {
            _writes.Release();
        }
    }

    [LoggerMessage(EventId = 4201, Level = LogLevel.Error, Message = "{Path}:{Line}: the WhatsApp message template registry is not valid JSON; templates from it are not loaded")]
    internal static partial void LogBrokenFile(ILogger logger, Exception exception, string path, long line);

    [LoggerMessage(EventId = 4202, Level = LogLevel.Information, Message = "WhatsApp message template {Name} ({Language}) is now {Status} ({Reason})")]
    private static partial void LogStatus(ILogger logger, string name, string language, string status, string? reason);

    [LoggerMessage(EventId = 4203, Level = LogLevel.Warning, Message = "WhatsApp message template {Name} ({Language}) is now {Status} ({Reason}): it is not sent, and messages that needed it go to the downgrade")]
    private static partial void LogNotSendable(ILogger logger, string name, string language, string status, string? reason);

    [LoggerMessage(EventId = 4204, Level = LogLevel.Information, Message = "WhatsApp message template {Name} ({Language}): the {Status} update of {At} is older than what is known and was left out")]
    private static partial void LogStale(ILogger logger, string name, string language, string status, DateTimeOffset at);
}
