using ChatRouter.WhatsAppTemplates;

namespace ChatRouter.Storage.Templates;

/// <summary>WhatsApp message templates in a <see cref="LiteDbFile"/>, keyed <c>name|language</c>.</summary>
internal sealed class LiteDbWhatsAppTemplateStore(LiteDbFile file) : IWhatsAppTemplateStore
{
    public Task<IReadOnlyList<WhatsAppTemplateRecord>> AllAsync(CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<WhatsAppTemplateRecord>>(file.Templates.FindAll().OrderBy(r => r.Id, StringComparer.Ordinal).ToList());

    public Task<WhatsAppTemplateRecord> SeedAsync(WhatsAppTemplateRecord record, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(record);
        return file.Writer.WriteAsync(_ =>
        {
            record.Id = WhatsAppTemplateRecord.MakeId(record.Name, record.Language);
            if (file.Templates.FindById(record.Id) is { } known)
            {
                if (known.Declare(record, record.UpdatedAt)) file.Templates.Update(known);
                return known;
            }

            file.Templates.Insert(record);
            return record;
        });
    }

    // Read and written on the writer thread, so changes to one template never interleave.
    public Task<WhatsAppTemplateRecord?> UpdateAsync(string name, string language, Func<WhatsAppTemplateRecord, bool> change, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(change);
        return file.Writer.WriteAsync(_ =>
        {
            var id = WhatsAppTemplateRecord.MakeId(name, language);
            var known = file.Templates.FindById(id);
            var record = known ?? new WhatsAppTemplateRecord { Id = id, Name = name, Language = language };
            if (!change(record)) return known;
            file.Templates.Upsert(record);
            return record;
        });
    }
}
