namespace ChatRouter.Conversations;

/// <summary>Who wrote a history entry.</summary>
public enum MessageAuthor
{
    /// <summary>The customer.</summary>
    Customer,

    /// <summary>The bot.</summary>
    Bot,

    /// <summary>A human agent.</summary>
    Agent,

    /// <summary>An agent's internal note, never sent.</summary>
    Note,

    /// <summary>A system record (handoff, consent, flow switch).</summary>
    System,
}

/// <summary>One entry of a conversation's history.</summary>
public sealed class ConversationMessage
{
    /// <summary>Entry id.</summary>
    public string Id { get; set; } = "";

    /// <summary>The conversation.</summary>
    public string ConversationId { get; set; } = "";

    /// <summary>When.</summary>
    public DateTimeOffset At { get; set; }

    /// <summary>Who.</summary>
    public MessageAuthor Author { get; set; }

    /// <summary>The text as written or sent (quick replies as their title; media as a description).</summary>
    public string Text { get; set; } = "";

    /// <summary>Kind of inbound message (<c>text</c>, <c>quick_reply</c>, <c>image</c> …) or outbound (<c>text</c>, <c>buttons</c>, <c>list</c>).</summary>
    public string Kind { get; set; } = "text";

    /// <summary>Classified intent of a customer message.</summary>
    public string? Intent { get; set; }

    /// <summary>Confidence of <see cref="Intent"/>.</summary>
    public double? Confidence { get; set; }

    /// <summary>The reply-template key a bot message came from.</summary>
    public string? ReplyKey { get; set; }

    /// <summary>Quick-reply titles offered with a bot message.</summary>
    public List<string>? QuickReplies { get; set; }

    /// <summary>The provider's id (wamid) of an inbound message.</summary>
    public string? ProviderMessageId { get; set; }

    /// <summary>The agent who wrote it.</summary>
    public string? AgentName { get; set; }

    /// <summary>Flow and state when the entry was written.</summary>
    public string? Flow { get; set; }

    /// <summary>State when the entry was written.</summary>
    public string? State { get; set; }
}
