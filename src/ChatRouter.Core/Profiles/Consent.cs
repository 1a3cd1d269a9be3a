using ChatRouter.Consents;

namespace ChatRouter.Profiles;

/// <summary>
/// A customer's current consent per purpose: the latest entry of each in the append-only ledger (kept apart,
/// see <see cref="ConsentRecord"/>), held with the profile so a send decision needs no ledger query.
/// </summary>
public sealed class Consent
{
    /// <summary>The latest marketing entry, or null when there is none.</summary>
    public ConsentMark? Marketing { get; set; }

    /// <summary>The latest transactional entry, or null when there is none.</summary>
    public ConsentMark? Transactional { get; set; }

    /// <summary>The latest entry for <paramref name="purpose"/>.</summary>
    public ConsentMark? Of(ConsentPurpose purpose) => purpose == ConsentPurpose.Marketing ? Marketing : Transactional;

    /// <summary>Makes <paramref name="entry"/> the current one of its purpose (the caller appends it to the ledger too).</summary>
    public void Apply(ConsentEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var mark = ConsentMark.From(entry);
        if (entry.Purpose == ConsentPurpose.Marketing) Marketing = mark;
        else Transactional = mark;
    }

    /// <summary>The send rule for <paramref name="purpose"/> (see <see cref="ConsentLedger.Allows"/>).</summary>
    public ConsentVerdict Allows(ConsentPurpose purpose, LawfulBasis? requestedBasis = null) =>
        new ConsentLedger(new[] { Marketing, Transactional }.Where(m => m is not null).Select(m => m!.ToEntry())).Allows(purpose, requestedBasis);

    /// <summary>The marketing consent in the words flows and conversation tests use: <c>opted_in</c>, <c>opted_out</c> or <c>unknown</c>.</summary>
    public string Summary() => Marketing?.Status switch
    {
        ConsentState.Granted => "opted_in",
        ConsentState.Withdrawn => "opted_out",
        _ => "unknown",
    };

    /// <summary>The current consent a ledger gives: its latest entry per purpose (by when it took effect).</summary>
    public static Consent Of(ConsentLedger ledger)
    {
        ArgumentNullException.ThrowIfNull(ledger);
        var marketing = ledger.Latest(ConsentPurpose.Marketing);
        var transactional = ledger.Latest(ConsentPurpose.Transactional);
        return new()
        {
            Marketing = marketing is null ? null : ConsentMark.From(marketing),
            Transactional = transactional is null ? null : ConsentMark.From(transactional),
        };
    }

    /// <summary>A deep copy.</summary>
    public Consent Copy() => new() { Marketing = Marketing?.Copy(), Transactional = Transactional?.Copy() };
}

/// <summary>One purpose's current consent, as its latest ledger entry says.</summary>
public sealed class ConsentMark
{
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

    /// <summary>The mark of a ledger entry.</summary>
    public static ConsentMark From(ConsentEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        return new() { Purpose = entry.Purpose, Status = entry.Status, LawfulBasis = entry.LawfulBasis, Source = entry.Source, Evidence = entry.Evidence, Actor = entry.Actor, At = entry.At };
    }

    /// <summary>The ledger entry this mark stands for.</summary>
    public ConsentEntry ToEntry() => new(Purpose, Status, LawfulBasis, Source, Evidence, Actor, At);

    /// <summary>A copy.</summary>
    public ConsentMark Copy() => (ConsentMark)MemberwiseClone();
}
