namespace ChatRouter.WhatsAppTemplates;

/// <summary>
/// Durable WhatsApp message templates: seeded from the registry file, updated from
/// <c>message_template_status_update</c> webhooks and from the Graph API's template list.
/// </summary>
public interface IWhatsAppTemplateStore
{
    /// <summary>Every template, ordered by id (name, then language).</summary>
    Task<IReadOnlyList<WhatsAppTemplateRecord>> AllAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Adds a template the registry file declares; for one the store already tracks, applies
    /// <see cref="WhatsAppTemplateRecord.Declare"/> instead (Meta's facts stay). Returns the stored one.
    /// </summary>
    Task<WhatsAppTemplateRecord> SeedAsync(WhatsAppTemplateRecord record, CancellationToken cancellationToken);

    /// <summary>
    /// Applies <paramref name="change"/> to the template <paramref name="name"/> in <paramref name="language"/>
    /// atomically (changes to one template never interleave); an unknown one is handed in new, with its id, name
    /// and language set. <paramref name="change"/> returns false to leave the stored one as it was (and an unknown
    /// one uncreated). Returns the template as stored after the change, or null when it is unknown and was not created.
    /// </summary>
    Task<WhatsAppTemplateRecord?> UpdateAsync(string name, string language, Func<WhatsAppTemplateRecord, bool> change, CancellationToken cancellationToken);
}
