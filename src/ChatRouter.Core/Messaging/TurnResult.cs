using ChatRouter.Conversations;
using ChatRouter.Profiles;

namespace ChatRouter.Messaging;

/// <summary>What one message (or event) did: the replies to send and what happened on the way.</summary>
public sealed record TurnResult(
    Conversation Conversation,
    CustomerProfile Profile,
    IReadOnlyList<OutboundMessage> Replies,
    IReadOnlyList<TurnEvent> Events)
{
    /// <summary>True when a message id was already handled and nothing was done.</summary>
    public bool Duplicate { get; init; }
}
