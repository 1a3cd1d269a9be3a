using LiteDB;

namespace ChatRouter.Storage.Templates;

/// <summary>A WhatsApp message template as Meta knows it: name, language, category and review status.</summary>
public sealed class WhatsAppTemplateRecord
{
    /// <summary><c>name|language</c>.</summary>
    public string Id { get; set; } = "";

    /// <summary>Template name.</summary>
    public string Name { get; set; } = "";

    /// <summary>Meta language code (<c>en</c>, <c>pt_BR</c>).</summary>
    public string Language { get; set; } = "";

    /// <summary><c>MARKETING</c>, <c>UTILITY</c> or <c>AUTHENTICATION</c>.</summary>
    public string Category { get; set; } = "";

    /// <summary><c>APPROVED</c>, <c>PENDING</c>, <c>REJECTED</c>, <c>PAUSED</c>, <c>DISABLED</c> …</summary>
    public string Status { get; set; } = "";

    /// <summary>Meta's reason for the last status (rejections).</summary>
    public string? Reason { get; set; }

    /// <summary>When the status last changed.</summary>
    public DateTimeOffset UpdatedAt { get; set; }
}

/// <summary>Durable template statuses, updated from <c>message_template_status_update</c> webhooks.</summary>
public sealed class WhatsAppTemplateStore(LiteDbStore store)
{
    private readonly ILiteCollection<WhatsAppTemplateRecord> _records = store.Collection<WhatsAppTemplateRecord>("whatsapp_templates");

    /// <summary>A template by name and Meta language code.</summary>
    public WhatsAppTemplateRecord? Find(string name, string language) => _records.FindById(name + "|" + language);

    /// <summary>Every template.</summary>
    public IReadOnlyList<WhatsAppTemplateRecord> All() => _records.FindAll().OrderBy(r => r.Id, StringComparer.Ordinal).ToList();

    /// <summary>Adds a template the registry file declares, unless the store already tracks it.</summary>
    public Task SeedAsync(WhatsAppTemplateRecord record) => store.Writer.WriteAsync(_ =>
    {
        record.Id = record.Name + "|" + record.Language;
        if (_records.FindById(record.Id) is null) _records.Insert(record);
    });

    /// <summary>Records a status change (creating the template when Meta reports one we did not declare).</summary>
    public Task<WhatsAppTemplateRecord> SetStatusAsync(string name, string language, string status, string? reason, string? category, DateTimeOffset at) =>
        store.Writer.WriteAsync(_ =>
        {
            var record = _records.FindById(name + "|" + language) ?? new WhatsAppTemplateRecord { Id = name + "|" + language, Name = name, Language = language };
            record.Status = status;
            record.Reason = reason;
            if (!string.IsNullOrEmpty(category)) record.Category = category;
            record.UpdatedAt = at;
            _records.Upsert(record);
            return record;
        });
}
