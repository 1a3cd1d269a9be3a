using ChatRouter.WhatsAppTemplates;
using static ChatRouter.Storage.Postgres.PgTables;

namespace ChatRouter.Storage.Postgres.Templates;

/// <summary>WhatsApp message templates in PostgreSQL, keyed <c>name|language</c>.</summary>
internal sealed class PgWhatsAppTemplateStore(PgDatabase db) : IWhatsAppTemplateStore
{
    public Task<IReadOnlyList<WhatsAppTemplateRecord>> AllAsync(CancellationToken cancellationToken) =>
        db.ReadAsync<IReadOnlyList<WhatsAppTemplateRecord>>(async s => await TemplateRows.ListAsync(s, "ORDER BY id"), cancellationToken);

    public Task<WhatsAppTemplateRecord> SeedAsync(WhatsAppTemplateRecord record, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(record);
        return db.WriteAsync(async s =>
        {
            record.Id = WhatsAppTemplateRecord.MakeId(record.Name, record.Language);
            await LockAsync(s, record.Id);
            if (await TemplateRows.FindAsync(s, record.Id) is { } known)
            {
                if (known.Declare(record, record.UpdatedAt)) s.Add(TemplateRows.Upsert(known));
                return known;
            }

            s.Add(TemplateRows.Insert(record));
            return record;
        }, cancellationToken);
    }

    public Task<WhatsAppTemplateRecord?> UpdateAsync(string name, string language, Func<WhatsAppTemplateRecord, bool> change, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(change);
        return db.WriteAsync(async s =>
        {
            var id = WhatsAppTemplateRecord.MakeId(name, language);
            await LockAsync(s, id);
            var known = await TemplateRows.FindAsync(s, id);
            var record = known ?? new WhatsAppTemplateRecord { Id = id, Name = name, Language = language };
            if (!change(record)) return known;
            s.Add(TemplateRows.Upsert(record));
            return record;
        }, cancellationToken);
    }

    // A row lock cannot hold a template that does not exist yet; a transaction lock on its key can, so two changes never interleave.
    private static Task<int> LockAsync(PgSession s, string id) => s.ExecuteAsync("SELECT pg_advisory_xact_lock(hashtext('whatsapp_templates:' || $1))", id);
}
