namespace ChatRouter.Consents;

/// <summary>Whether the ledger lets one business-initiated send go, on which basis, and why (for the audit).</summary>
/// <param name="Allowed">False: the send is suppressed.</param>
/// <param name="LawfulBasis">The basis the send relies on.</param>
/// <param name="Entry">The ledger entry the verdict rests on; null when none was needed and none exists.</param>
/// <param name="Reason">One short sentence, e.g. "marketing consent withdrawn (keyword) at 2026-01-15T12:00:00Z".</param>
public sealed record ConsentVerdict(bool Allowed, LawfulBasis LawfulBasis, ConsentEntry? Entry, string Reason);
