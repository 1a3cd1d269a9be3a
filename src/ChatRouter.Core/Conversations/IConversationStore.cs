using ChatRouter.Consents;
using ChatRouter.Profiles;

namespace ChatRouter.Conversations;

/// <summary>Where profiles, conversations and their histories live (LiteDB by default).</summary>
public interface IConversationStore
{
    /// <summary>The profile holding any of <paramref name="identities"/>, else the one with <paramref name="phone"/>.</summary>
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

    /// <summary>Profiles matching <paramref name="query"/> in id order, read a page at a time (a campaign's audience).</summary>
    IAsyncEnumerable<CustomerProfile> ListProfilesAsync(ProfileQuery query, CancellationToken cancellationToken);
}

/// <summary>Everything one turn changed, saved together.</summary>
public sealed record TurnRecord(CustomerProfile Profile, Conversation Conversation, IReadOnlyList<ConversationMessage> NewMessages)
{
    /// <summary>False when the turn left the profile as it was, so it need not be written again.</summary>
    public bool ProfileChanged { get; init; } = true;

    /// <summary>What else is stored in the same transaction (outbox entries, the inbox mark, an ended handoff).</summary>
    public TurnWrites Writes { get; init; } = TurnWrites.None;
}
