namespace ChatRouter.WhatsAppTemplates;

/// <summary>A WhatsApp message template as Meta knows it: name, language, category and review status.</summary>
public sealed class WhatsAppTemplateRecord
{
    /// <summary><c>name|language</c>.</summary>
    public string Id { get; set; } = "";

    /// <summary>The id of a template: <c>name|language</c>.</summary>
    public static string MakeId(string name, string language) => name + "|" + language;

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

/// <summary>Durable WhatsApp message template statuses, updated from <c>message_template_status_update</c> webhooks.</summary>
public interface IWhatsAppTemplateStore
{
    /// <summary>Every template, ordered by name and language.</summary>
    Task<IReadOnlyList<WhatsAppTemplateRecord>> AllAsync(CancellationToken cancellationToken);

    /// <summary>Adds a template the registry file declares, unless the store already tracks it; returns the stored one.</summary>
    Task<WhatsAppTemplateRecord> SeedAsync(WhatsAppTemplateRecord record, CancellationToken cancellationToken);

    /// <summary>Records a status change (creating the template when Meta reports one we did not declare); returns the stored one.</summary>
    Task<WhatsAppTemplateRecord> SetStatusAsync(string name, string language, string status, string? reason, string? category, DateTimeOffset at, CancellationToken cancellationToken);
}
