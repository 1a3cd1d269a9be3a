namespace ChatRouter.Profiles;

/// <summary>What the conversation store removed when a customer was erased.</summary>
/// <param name="Conversations">Conversations (with their slots) deleted.</param>
/// <param name="Messages">History entries deleted.</param>
/// <param name="Outbox">Outbox entries deleted (not yet sent) or stripped of text and address (already sent).</param>
/// <param name="ConsentEntries">Consent ledger entries kept but pseudonymised (evidence removed).</param>
public sealed record ProfileErasure(int Conversations, int Messages, int Outbox, int ConsentEntries);
