namespace ChatRouter.Profiles;

/// <summary>
/// One customer across channels and conversations: identities per channel, phone, name, preferred locale,
/// time zone, consent and free attributes. Stored as a document; <see cref="SchemaVersion"/> lets its shape evolve.
/// </summary>
public sealed class CustomerProfile
{
    /// <summary>The current document shape.</summary>
    public const int CurrentSchemaVersion = 1;

    /// <summary>Stable id (a GUID in "N" form).</summary>
    public string Id { get; set; } = "";

    /// <summary>Shape of the stored document.</summary>
    public int SchemaVersion { get; set; } = CurrentSchemaVersion;

    /// <summary>Channel identities, <c>channel:id</c>, e.g. <c>whatsapp:16505551234</c> or <c>whatsapp:US.1349…</c>.</summary>
    public List<string> Identities { get; set; } = [];

    /// <summary>E.164 phone (<c>+16505551234</c>) when known.</summary>
    public string? Phone { get; set; }

    /// <summary>The customer's id in the business's CRM or shop (<c>PUT /api/profiles/{phone}</c>); a person with two numbers has two profiles with one external id.</summary>
    public string? ExternalId { get; set; }

    /// <summary>Display name (WhatsApp profile name, or set by a flow).</summary>
    public string? Name { get; set; }

    /// <summary>The locale the customer chose; wins over detection.</summary>
    public string? Locale { get; set; }

    /// <summary>IANA time zone, e.g. <c>America/Sao_Paulo</c>.</summary>
    public string? TimeZone { get; set; }

    /// <summary>Messaging consent, with when and how it last changed.</summary>
    public Consent Consent { get; set; } = new();

    /// <summary>Free attributes set by flows, handlers or integrations.</summary>
    public Dictionary<string, object?> Attributes { get; set; } = new(StringComparer.Ordinal);

    /// <summary>
    /// A/B experiment assignments, experiment name → variant, written on first exposure so that later weight edits
    /// do not move the customer (names hold no '.', which BSON keys may not).
    /// </summary>
    public Dictionary<string, string> Experiments { get; set; } = new(StringComparer.Ordinal);

    /// <summary>When the profile was created.</summary>
    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>When the profile last changed.</summary>
    public DateTimeOffset UpdatedAt { get; set; }
}
