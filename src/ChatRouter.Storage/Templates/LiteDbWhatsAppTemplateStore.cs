using ChatRouter.WhatsAppTemplates;

namespace ChatRouter.Storage.Templates;

/// <summary>WhatsApp message template statuses in a <see cref="LiteDbFile"/>, keyed <c>name|language</c>.</summary>
internal sealed class LiteDbWhatsAppTemplateStore(LiteDbFile file) : IWhatsAppTemplateStore
{
    public Task<IReadOnlyList<WhatsAppTemplateRecord>> AllAsync(CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<WhatsAppTemplateRecord>>(file.Templates.FindAll().OrderBy(r => r.Id, StringComparer.Ordinal).ToList());

    public Task<WhatsAppTemplateRecord> SeedAsync(WhatsAppTemplateRecord record, CancellationToken cancellationToken) => file.Writer.WriteAsync(_ =>
    {
        record.Id = WhatsAppTemplateRecord.MakeId(record.Name, record.Language);
        if (file.Templates.FindById(record.Id) is { } known) return known;
        file.Templates.Insert(record);
        return record;
    });

    public Task<WhatsAppTemplateRecord> SetStatusAsync(string name, string language, string status, string? reason, string? category, DateTimeOffset at, CancellationToken cancellationToken) =>
        file.Writer.WriteAsync(_ =>
        {
            var id = WhatsAppTemplateRecord.MakeId(name, language);
            var record = file.Templates.FindById(id) ?? new WhatsAppTemplateRecord { Id = id, Name = name, Language = language };
            record.Status = status;
            record.Reason = reason;
            if (!string.IsNullOrEmpty(category)) record.Category = category;
            record.UpdatedAt = at;
            file.Templates.Upsert(record);
            return record;
        });
}
