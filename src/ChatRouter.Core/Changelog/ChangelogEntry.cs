namespace ChatRouter.Changelog;

/// <summary>
/// One new or changed piece of content serve loaded (a flow, a reply-template set, a WhatsApp message template,
/// an intent model): <c>GET /api/changelog</c> lists these so KPI shifts can be put next to copy changes.
/// </summary>
public sealed class ChangelogEntry
{
    /// <summary>Sortable id (<see cref="Conversations.SortableId"/>).</summary>
    public string Id { get; set; } = "";

    /// <summary>When serve loaded it.</summary>
    public DateTimeOffset At { get; set; }

    /// <summary>One of <see cref="ChangelogKinds"/>.</summary>
    public string Kind { get; set; } = "";

    /// <summary>What changed within its kind: a flow id, a template's <c>name|language</c>, a model's locale.</summary>
    public string ItemId { get; set; } = "";

    /// <summary>Its own version label, if it has one (a flow's <c>version</c>, a model's training time).</summary>
    public string? Version { get; set; }

    /// <summary>SHA-256 of the content (its parts), hex: a restart with the same content records nothing.</summary>
    public string Hash { get; set; } = "";

    /// <summary>What changed against the previous entry, naming states and keys.</summary>
    public string Summary { get; set; } = "";

    /// <summary>Each part's fingerprint (a state, a reply key), kept so the next change can be diffed against this one.</summary>
    public List<ChangelogPart> Parts { get; set; } = [];
}

/// <summary>A named part of some content and its fingerprint (a short value as is, a long one hashed).</summary>
public sealed class ChangelogPart
{
    /// <summary><c>state:ask_order_id</c>, <c>en:order_found</c>, <c>status</c>.</summary>
    public string Name { get; set; } = "";

    /// <summary>The value, or <c>sha256:…</c> of it when long.</summary>
    public string Value { get; set; } = "";
}

/// <summary>The kinds of content the changelog records (the contract's <c>kind</c>).</summary>
public static class ChangelogKinds
{
    /// <summary>A flow's definition (states, triggers).</summary>
    public const string Flow = "flow";

    /// <summary>A flow's reply templates in every locale.</summary>
    public const string Replies = "replies";

    /// <summary>A WhatsApp message template in one language.</summary>
    public const string WhatsAppTemplate = "whatsapp_template";

    /// <summary>A locale's intent model.</summary>
    public const string Model = "model";
}
