namespace ChatRouter.Messaging;

/// <summary>A reply the bot wants to send, channel-neutral: text plus optional quick replies.</summary>
public sealed record OutboundMessage
{
    /// <summary>The id of its history entry; the outbox entry that sends it carries the same id.</summary>
    public string? Id { get; init; }

    /// <summary>Rendered text, in <see cref="Locale"/>.</summary>
    public required string Text { get; init; }

    /// <summary>The reply-template key it was rendered from (conversation tests and analytics use it).</summary>
    public string? Key { get; init; }

    /// <summary>The locale it was rendered in.</summary>
    public required string Locale { get; init; }

    /// <summary>Options the customer can tap; empty for plain text.</summary>
    public IReadOnlyList<QuickReply> QuickReplies { get; init; } = [];

    /// <summary>Label of the button that opens the list (lists only).</summary>
    public string? ListButton { get; init; }

    /// <summary>List sections (lists only).</summary>
    public IReadOnlyList<QuickReplySection> Sections { get; init; } = [];

    /// <summary>The WhatsApp message template to send instead when the 24-hour window has lapsed.</summary>
    public WhatsAppTemplateMessage? WindowTemplate { get; init; }

    /// <summary>The running A/B experiment this message was an exposure of, if any.</summary>
    public string? Experiment { get; init; }

    /// <summary>The variant of <see cref="Experiment"/> the customer saw.</summary>
    public string? Variant { get; init; }

    /// <summary>How long to hold the message before sending it (an experiment's send-time variant); null sends at once.</summary>
    public TimeSpan? SendDelay { get; init; }

    /// <summary>How the quick replies are shown where the channel can: buttons up to 3, else a list.</summary>
    public OutboundShape Shape => QuickReplies.Count == 0 ? OutboundShape.Text
        : ListButton is null && QuickReplies.Count <= 3 && QuickReplies.All(q => q.Description is null) ? OutboundShape.Buttons
        : OutboundShape.List;
}

/// <summary>How an outbound message is shown.</summary>
public enum OutboundShape
{
    /// <summary>Plain text.</summary>
    Text,

    /// <summary>Up to three reply buttons.</summary>
    Buttons,

    /// <summary>A list opened by a button.</summary>
    List,
}

/// <summary>One option: WhatsApp sends <see cref="Id"/> back when it is tapped.</summary>
public sealed record QuickReply(string Id, string Title, string? Description = null, string? Section = null);

/// <summary>A titled group of list rows.</summary>
public sealed record QuickReplySection(string Id, string Title);

/// <summary>An approved WhatsApp message template with its rendered body parameters.</summary>
public sealed record WhatsAppTemplateMessage(string Name, string Language, IReadOnlyList<string> Parameters);
