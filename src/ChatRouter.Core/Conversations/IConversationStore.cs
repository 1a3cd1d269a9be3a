using ChatRouter.Consents;
using ChatRouter.Profiles;

namespace ChatRouter.Conversations;

/// <summary>Where profiles, conversations and their histories live (LiteDB by default).</summary>
public interface IConversationStore
{
    /// <summary>
    /// The profile holding any of <paramref name="identities"/>, else the one with <paramref name="phone"/> (E.164); with
    /// no identities, the profile of a phone.
    /// </summary>
    Task<CustomerProfile?> FindProfileAsync(IReadOnlyCollection<string> identities, string? phone, CancellationToken cancellationToken);

    /// <summary>A profile by id.</summary>
    Task<CustomerProfile?> GetProfileAsync(string id, CancellationToken cancellationToken);

    /// <summary>A conversation by id.</summary>
    Task<Conversation?> GetConversationAsync(string id, CancellationToken cancellationToken);

    /// <summary>Conversations with an open handoff (waiting or claimed).</summary>
    Task<IReadOnlyList<Conversation>> OpenHandoffsAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Stores a profile on its own (preferences, consent changes from outside a conversation), with the consent
    /// ledger entries it took (<paramref name="consents"/>), atomically.
    /// </summary>
    Task SaveProfileAsync(CustomerProfile profile, IReadOnlyList<ConsentRecord> consents, CancellationToken cancellationToken);

    /// <summary>A customer's consent ledger, oldest first.</summary>
    Task<IReadOnlyList<ConsentRecord>> GetConsentsAsync(string profileId, CancellationToken cancellationToken);

    /// <summary>Stores the profile, the conversation, the new history entries and the turn's writes atomically.</summary>
    Task SaveTurnAsync(TurnRecord turn, CancellationToken cancellationToken);

    /// <summary>The last <paramref name="limit"/> history entries, oldest first.</summary>
    Task<IReadOnlyList<ConversationMessage>> GetMessagesAsync(string conversationId, int limit, CancellationToken cancellationToken);

    /// <summary>Forgets a conversation and its history (the simulator's <c>/reset</c>).</summary>
    Task DeleteConversationAsync(string id, CancellationToken cancellationToken);

    /// <summary>The profiles of one CRM record (<see cref="CustomerProfile.ExternalId"/>), oldest first.</summary>
    Task<IReadOnlyList<CustomerProfile>> FindProfilesByExternalIdAsync(string externalId, CancellationToken cancellationToken);

    /// <summary>Profiles matching <paramref name="query"/> in id order, read a page at a time (a campaign's audience).</summary>
    IAsyncEnumerable<CustomerProfile> ListProfilesAsync(ProfileQuery query, CancellationToken cancellationToken);

    /// <summary>
    /// Merges the profile <paramref name="fromId"/> into <paramref name="into"/> (a number change), atomically: everything
    /// keyed by <paramref name="fromId"/> (conversations, re-keyed to <paramref name="into"/>'s id, with their messages,
    /// outbox entries, handoff and downgrade records; the consent ledger; audit records; scheduled sends) moves to
    /// <paramref name="into"/>, which is stored as given (its identities included), and the old profile is deleted. Where
    /// both have a conversation on one channel and business number, <paramref name="into"/>'s stays and the other's
    /// history joins it.
    /// </summary>
    Task MergeProfilesAsync(string fromId, CustomerProfile into, CancellationToken cancellationToken);

    /// <summary>
    /// Erases what this store keeps of a customer, atomically: the profile, its identities, conversations (slots
    /// included), messages and downgrade records go; outbox entries not yet sent go, sent ones keep only their
    /// delivery facts (text removed, address replaced by <paramref name="pseudonym"/>); the consent ledger stays as
    /// proof, with its evidence removed. Scheduled sends and the audit have their own erasure.
    /// </summary>
    Task<ProfileErasure> EraseProfileAsync(string profileId, string pseudonym, CancellationToken cancellationToken);

    /// <summary>Deletes history entries written before <paramref name="before"/>; returns how many (with <paramref name="dryRun"/>, only counts).</summary>
    Task<int> PurgeMessagesAsync(DateTimeOffset before, bool dryRun, CancellationToken cancellationToken);

    /// <summary>
    /// A value the server keeps in its own database (the erasure hash salt): <paramref name="value"/> is stored under
    /// <paramref name="key"/> on the first call, and the stored value is returned ever after.
    /// </summary>
    Task<string> GetOrAddSettingAsync(string key, string value, CancellationToken cancellationToken);
}

/// <summary>Everything one turn changed, saved together.</summary>
public sealed record TurnRecord(CustomerProfile Profile, Conversation Conversation, IReadOnlyList<ConversationMessage> NewMessages)
{
    /// <summary>False when the turn left the profile as it was, so it need not be written again.</summary>
    public bool ProfileChanged { get; init; } = true;

    /// <summary>What else is stored in the same transaction (outbox entries, the inbox mark, an ended handoff).</summary>
    public TurnWrites Writes { get; init; } = TurnWrites.None;
}
