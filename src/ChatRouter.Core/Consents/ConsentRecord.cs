namespace ChatRouter.Consents;

/// <summary>One stored line of a customer's append-only consent ledger: a <see cref="ConsentEntry"/> with its owner.</summary>
public sealed class ConsentRecord
{
    /// <summary>Sortable id: entries read back in the order they were appended.</summary>
    public string Id { get; set; } = "";

    /// <summary>The customer's profile id.</summary>
    public string ProfileId { get; set; } = "";

    /// <summary>What it is about.</summary>
    public ConsentPurpose Purpose { get; set; }

    /// <summary>Granted or withdrawn.</summary>
    public ConsentState Status { get; set; }

    /// <summary>The lawful basis recorded.</summary>
    public LawfulBasis LawfulBasis { get; set; }

    /// <summary>How it was recorded.</summary>
    public ConsentSource Source { get; set; }

    /// <summary>What proves it.</summary>
    public string? Evidence { get; set; }

    /// <summary>Who recorded it.</summary>
    public string? Actor { get; set; }

    /// <summary>When it took effect.</summary>
    public DateTimeOffset At { get; set; }

    /// <summary>The stored line of <paramref name="entry"/> for <paramref name="profileId"/>.</summary>
    public static ConsentRecord From(string id, string profileId, ConsentEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        return new()
        {
            Id = id, ProfileId = profileId, Purpose = entry.Purpose, Status = entry.Status, LawfulBasis = entry.LawfulBasis,
            Source = entry.Source, Evidence = entry.Evidence, Actor = entry.Actor, At = entry.At,
        };
    }

    /// <summary>The entry this line holds.</summary>
    public ConsentEntry ToEntry() => new(Purpose, Status, LawfulBasis, Source, Evidence, Actor, At);
}
