using ChatRouter.Consents;

namespace ChatRouter.Profiles;

/// <summary>
/// The profile two become when a customer changes number (<c>POST /api/profiles/merge</c>): <c>into</c> keeps its
/// id and phone and wins every conflict; <c>from</c> adds what <c>into</c> lacks.
/// </summary>
public static class ProfileMerge
{
    /// <summary>
    /// <paramref name="into"/> with <paramref name="from"/>'s identities added, its fields and attributes filling the
    /// gaps, and the current consent recomputed from both ledgers (<paramref name="ledger"/>). The ledger is
    /// append-only, so it has no conflicts: both histories are kept, and the latest entry per purpose is current, as
    /// for any ledger; a withdrawal made on the old number is never undone by the merge.
    /// </summary>
    public static CustomerProfile Merge(CustomerProfile from, CustomerProfile into, IEnumerable<ConsentEntry> ledger, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(from);
        ArgumentNullException.ThrowIfNull(into);
        ArgumentNullException.ThrowIfNull(ledger);
        var attributes = new Dictionary<string, object?>(from.Attributes, StringComparer.Ordinal);
        foreach (var (name, value) in into.Attributes) attributes[name] = value;
        var experiments = new Dictionary<string, string>(from.Experiments, StringComparer.Ordinal);
        foreach (var (name, variant) in into.Experiments) experiments[name] = variant;
        var consent = Consent.Of(new ConsentLedger(ledger));
        // A mark kept on a profile written before the ledger existed has no entry behind it; keep it rather than lose it.
        consent.Marketing ??= (into.Consent.Marketing ?? from.Consent.Marketing)?.Copy();
        consent.Transactional ??= (into.Consent.Transactional ?? from.Consent.Transactional)?.Copy();
        return new CustomerProfile
        {
            Id = into.Id,
            SchemaVersion = into.SchemaVersion,
            Identities = [.. into.Identities.Union(from.Identities, StringComparer.Ordinal)],
            Phone = into.Phone,
            ExternalId = into.ExternalId ?? from.ExternalId,
            Name = into.Name ?? from.Name,
            Locale = into.Locale ?? from.Locale,
            TimeZone = into.TimeZone ?? from.TimeZone,
            Consent = consent,
            Attributes = attributes,
            Experiments = experiments,
            CreatedAt = from.CreatedAt < into.CreatedAt ? from.CreatedAt : into.CreatedAt,
            UpdatedAt = now,
        };
    }
}
