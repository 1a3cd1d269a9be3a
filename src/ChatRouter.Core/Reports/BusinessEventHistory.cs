using ChatRouter.Conversations;

namespace ChatRouter.Reports;

/// <summary>
/// Business events as a conversation's history keeps them: the engine writes a system entry of kind
/// <c>event</c>, <c>event order.placed</c>, for every event that reaches a customer's conversation (through
/// <c>POST /api/events</c>, whether or not a flow starts on it, or emitted by a flow). That entry is stored
/// with its turn, so it is the durable record conversions are counted from.
/// </summary>
public static class BusinessEventHistory
{
    private const string Kind = "event";
    private const string Prefix = "event ";

    /// <summary>The event type <paramref name="message"/> records, or null when it records none.</summary>
    public static string? TypeOf(ConversationMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        return message.Author == MessageAuthor.System && message.Kind == Kind && message.Text.StartsWith(Prefix, StringComparison.Ordinal)
            ? message.Text[Prefix.Length..]
            : null;
    }

    /// <summary>The customer (profile id) of a conversation id (<c>channel:business number:profile id</c>, see <see cref="Conversation.MakeId"/>).</summary>
    public static string CustomerOf(string conversationId)
    {
        ArgumentNullException.ThrowIfNull(conversationId);
        var colon = conversationId.LastIndexOf(':');
        return colon < 0 ? conversationId : conversationId[(colon + 1)..];
    }
}
