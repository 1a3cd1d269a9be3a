using ChatRouter.Server.Channels.WhatsApp;
using ChatRouter.WhatsAppTemplates;

namespace ChatRouter.Server.Templates;

internal sealed partial class WhatsAppTemplateRegistry
{
    /// <summary>Why a template is DELETED after a sync that did not list it.</summary>
    public const string NotListed = "not in the WhatsApp Business Account's template list";

    /// <summary>
    /// Brings the registry in line with Meta's template list: each listed template's status, reason, category,
    /// components (a change bumps its version), Meta id and quality; each known template the list lacks becomes
    /// DELETED (it cannot be sent). Returns one line per template: the listed ones in list order, then the others.
    /// </summary>
    public async Task<IReadOnlyList<TemplateSyncChange>> SyncAsync(IReadOnlyList<ListedTemplate> listed, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(listed);
        var changes = new List<TemplateSyncChange>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var template in listed)
        {
            var language = MetaLanguage(template.Language);
            if (!seen.Add(WhatsAppTemplateRecord.MakeId(template.Name, language))) continue;
            var before = Find(template.Name, language);
            var (status, version) = (before?.Status, before?.Version);
            var after = await WriteAsync(template.Name, language, r => Apply(r, template, now), cancellationToken);
            changes.Add(new TemplateSyncChange(template.Name, language, after?.Status ?? template.Status, status, after?.Version ?? 0, version, Removed: false));
        }

        foreach (var known in All().Where(r => !seen.Contains(r.Id)))
        {
            var removed = known.Status != WhatsAppTemplateRecord.Deleted;
            if (removed) await WriteAsync(known.Name, known.Language, r => r.SetStatus(WhatsAppTemplateRecord.Deleted, NotListed, now, "sync"), cancellationToken);
            changes.Add(new TemplateSyncChange(known.Name, known.Language, WhatsAppTemplateRecord.Deleted, known.Status, known.Version, known.Version, removed));
        }

        foreach (var change in changes.Where(c => c.IsChange))
        {
            var line = change.ToString();
            LogSynced(logger, change.Name, change.Language, line);
        }

        return changes;
    }

    private static bool Apply(WhatsAppTemplateRecord record, ListedTemplate template, DateTimeOffset now)
    {
        // The list gives no reason for a pause; keep the one the webhook gave while the status is the same.
        var reason = template.Reason ?? (record.Status == template.Status ? record.Reason : null);
        var changed = record.SetContent(template.Category, template.Components, now) | record.SetStatus(template.Status, reason, now, "sync");
        if (template.MetaId is { } id && id != record.MetaId)
        {
            record.MetaId = id;
            changed = true;
        }

        if (template.QualityScore != record.QualityScore && template.QualityScore is not null)
        {
            record.QualityScore = template.QualityScore;
            changed = true;
        }

        return changed;
    }

    [LoggerMessage(EventId = 4205, Level = LogLevel.Information, Message = "WhatsApp message template {Name} ({Language}) synced: {Change}")]
    private static partial void LogSynced(ILogger logger, string name, string language, string change);
}

/// <summary>What a sync did to one template: its status and version now and before (null when it was new).</summary>
internal sealed record TemplateSyncChange(string Name, string Language, string Status, string? StatusBefore, int Version, int? VersionBefore, bool Removed)
{
    /// <summary>Whether anything about the template changed (new, removed, another status or version).</summary>
    public bool IsChange => Removed || StatusBefore is null || StatusBefore != Status || VersionBefore != Version;

    /// <summary>One line: <c>name language STATUS [(was OLD)] vN [(was vM)] [new|removed]</c>.</summary>
    public override string ToString()
    {
        var status = StatusBefore is not null && StatusBefore != Status ? $"{Status} (was {StatusBefore})" : Status;
        var version = VersionBefore is { } before && before != Version ? $"v{Version} (was v{before})" : $"v{Version}";
        var kind = Removed ? " removed" : StatusBefore is null ? " new" : "";
        return string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{Name} {Language} {status} {version}{kind}");
    }
}
