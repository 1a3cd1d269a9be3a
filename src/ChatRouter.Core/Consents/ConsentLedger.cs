using System.Globalization;
using ChatRouter.Wire;

namespace ChatRouter.Consents;

/// <summary>
/// A customer's consent entries, oldest first, and the rules read from them. Immutable: appending is the store's
/// job; build a new ledger over the stored entries to decide.
/// </summary>
public sealed class ConsentLedger
{
    /// <summary>A ledger with no entries.</summary>
    public static ConsentLedger Empty { get; } = new([]);

    /// <summary>Orders <paramref name="entries"/> by <see cref="ConsentEntry.At"/>; entries with the same instant keep their append order.</summary>
    public ConsentLedger(IEnumerable<ConsentEntry> entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        Entries = [.. entries.OrderBy(e => e.At)];
    }

    /// <summary>Every entry, oldest first.</summary>
    public IReadOnlyList<ConsentEntry> Entries { get; }

    /// <summary>The current status for <paramref name="purpose"/>: its latest entry, or null when there is none.</summary>
    public ConsentEntry? Latest(ConsentPurpose purpose) => Entries.LastOrDefault(e => e.Purpose == purpose);

    /// <summary>
    /// The send rule: marketing needs its latest entry to be granted; transactional needs no entry but is refused when its
    /// latest is withdrawn, and relies on <paramref name="requestedBasis"/> (the event's), else <c>contract</c>.
    /// </summary>
    public ConsentVerdict Allows(ConsentPurpose purpose, LawfulBasis? requestedBasis = null)
    {
        var latest = Latest(purpose);
        var name = WireName.Of(purpose);
        if (purpose == ConsentPurpose.Marketing)
        {
            return latest switch
            {
                null => new(false, requestedBasis ?? LawfulBasis.Consent, null, "no marketing consent on record"),
                { Status: ConsentState.Granted } => new(true, requestedBasis ?? latest.LawfulBasis, latest, Describe(name, latest)),
                _ => new(false, requestedBasis ?? latest.LawfulBasis, latest, Describe(name, latest)),
            };
        }

        var basis = requestedBasis ?? LawfulBasis.Contract;
        return latest switch
        {
            null => new(true, basis, null, $"transactional on the basis of {WireName.Of(basis)}"),
            { Status: ConsentState.Withdrawn } => new(false, basis, latest, Describe(name, latest)),
            _ => new(true, basis, latest, Describe(name, latest)),
        };
    }

    private static string Describe(string purpose, ConsentEntry entry) => string.Create(CultureInfo.InvariantCulture,
        $"{purpose} consent {WireName.Of(entry.Status)} ({WireName.Of(entry.Source)}) at {entry.At.UtcDateTime:yyyy-MM-dd'T'HH:mm:ss'Z'}");
}
