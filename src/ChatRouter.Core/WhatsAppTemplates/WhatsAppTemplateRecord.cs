namespace ChatRouter.WhatsAppTemplates;

/// <summary>
/// A WhatsApp message template as Meta knows it (name, language, category, components, review status, quality)
/// plus what only we declare (<see cref="OptOutPayloads"/>). <see cref="Version"/> counts content changes: it
/// is 1 once the category or components are first known and goes up whenever either changes
/// (<see cref="ContentHash"/> tells), so an audit record names the exact wording a customer was sent.
/// </summary>
public sealed class WhatsAppTemplateRecord
{
    /// <summary>The status changes kept in <see cref="History"/>; older ones are dropped.</summary>
    public const int HistoryLimit = 20;

    /// <summary>The status a template has once the Graph API's template list no longer has it.</summary>
    public const string Deleted = "DELETED";

    /// <summary><c>name|language</c>.</summary>
    public string Id { get; set; } = "";

    /// <summary>The id of a template: <c>name|language</c>.</summary>
    public static string MakeId(string name, string language) => name + "|" + language;

    /// <summary>Template name.</summary>
    public string Name { get; set; } = "";

    /// <summary>Meta language code (<c>en</c>, <c>pt_BR</c>).</summary>
    public string Language { get; set; } = "";

    /// <summary>Meta's id of the template in this language (a number, kept as a string); null until Meta tells it.</summary>
    public string? MetaId { get; set; }

    /// <summary><c>MARKETING</c>, <c>UTILITY</c> or <c>AUTHENTICATION</c>.</summary>
    public string Category { get; set; } = "";

    /// <summary><c>APPROVED</c>, <c>PENDING</c>, <c>REJECTED</c>, <c>PAUSED</c>, <c>DISABLED</c>, <c>DELETED</c> …; only APPROVED is sent.</summary>
    public string Status { get; set; } = "";

    /// <summary>Meta's reason for the last status (a rejection reason, a pause's title); null when Meta gave none.</summary>
    public string? Reason { get; set; }

    /// <summary>Meta's quality rating (<c>GREEN</c>, <c>YELLOW</c>, <c>RED</c>, <c>UNKNOWN</c>) when the template list reports one.</summary>
    public string? QualityScore { get; set; }

    /// <summary>Header, body (with <c>{{n}}</c> placeholders), footer and buttons, as Meta lists them; empty until known.</summary>
    public List<WhatsAppTemplateComponent> Components { get; set; } = [];

    /// <summary>Quick-reply payloads (or button texts) of this template that withdraw marketing consent, as declared in the registry file.</summary>
    public List<string> OptOutPayloads { get; set; } = [];

    /// <summary>Content version: 0 while neither category nor components are known, then 1, 2 … per change.</summary>
    public int Version { get; set; }

    /// <summary>A hash of category and components (16 hex digits); null while <see cref="Version"/> is 0.</summary>
    public string? ContentHash { get; set; }

    /// <summary>The last status changes, oldest first, at most <see cref="HistoryLimit"/>.</summary>
    public List<WhatsAppTemplateStatusChange> History { get; set; } = [];

    /// <summary>When anything about the template last changed.</summary>
    public DateTimeOffset UpdatedAt { get; set; }

    /// <summary>Whether Meta lets it be sent now.</summary>
    public bool IsApproved => Status == "APPROVED";

    /// <summary>The version as the audit writes it, or null while the content is unknown.</summary>
    public string? VersionLabel => Version == 0 ? null : Version.ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Records a status (with its reason) when it differs from the current one; returns whether it did.</summary>
    /// <param name="status">Meta's status or event.</param>
    /// <param name="reason">Why; null when Meta gave no reason.</param>
    /// <param name="at">When Meta says it happened.</param>
    /// <param name="source"><c>file</c>, <c>webhook</c> or <c>sync</c>.</param>
    public bool SetStatus(string status, string? reason, DateTimeOffset at, string source)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(status);
        if (Status == status && Reason == reason) return false;
        Status = status;
        Reason = reason;
        UpdatedAt = at;
        History.Add(new WhatsAppTemplateStatusChange { Status = status, Reason = reason, At = at, Source = source });
        if (History.Count > HistoryLimit) History.RemoveRange(0, History.Count - HistoryLimit);
        return true;
    }

    /// <summary>
    /// Takes a category and components (null keeps the current ones); when the content differs from what was
    /// known, <see cref="Version"/> goes up. Returns whether anything changed.
    /// </summary>
    public bool SetContent(string? category, IReadOnlyList<WhatsAppTemplateComponent>? components, DateTimeOffset at)
    {
        var newCategory = string.IsNullOrWhiteSpace(category) ? Category : category;
        var newComponents = components is null ? Components : [.. components];
        if (newCategory.Length == 0 && newComponents.Count == 0) return false;
        var hash = WhatsAppTemplateContent.Hash(newCategory, newComponents);
        if (hash == ContentHash) return false;
        Category = newCategory;
        Components = newComponents;
        ContentHash = hash;
        Version++;
        UpdatedAt = at;
        return true;
    }

    /// <summary>
    /// What the registry file says about a template the store already tracks: the opt-out payloads are ours,
    /// so they are taken; the category and the components only where none is known yet; the status never, since Meta's last word wins over a file. Returns whether anything changed.
    /// </summary>
    public bool Declare(WhatsAppTemplateRecord declared, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(declared);
        var changed = false;
        if (!OptOutPayloads.SequenceEqual(declared.OptOutPayloads, StringComparer.Ordinal))
        {
            OptOutPayloads = [.. declared.OptOutPayloads];
            UpdatedAt = at;
            changed = true;
        }

        changed |= SetContent(Category.Length == 0 ? declared.Category : null, Components.Count == 0 && declared.Components.Count > 0 ? declared.Components : null, at);
        return changed;
    }
}
