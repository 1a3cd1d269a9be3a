namespace ChatRouter.Messaging;

/// <summary>What kind of thing the customer sent.</summary>
public enum InboundKind
{
    /// <summary>Typed text.</summary>
    Text,

    /// <summary>A tapped reply button or list row (<see cref="InboundMessage.QuickReplyId"/>).</summary>
    QuickReply,

    /// <summary>Image, audio, video, document, sticker, location, contacts, reaction or unsupported (<see cref="InboundMessage.MediaType"/>).</summary>
    Media,
}

/// <summary>One customer message, channel-neutral: what every channel adapter produces.</summary>
public sealed record InboundMessage
{
    /// <summary>Channel name: <c>whatsapp</c>, <c>ultramsg</c>, <c>cli</c>, <c>test</c>.</summary>
    public required string Channel { get; init; }

    /// <summary>The business number (or instance) that received it; replies go from it.</summary>
    public required string BusinessNumber { get; init; }

    /// <summary>The customer's id on the channel (BSUID when present, else wa_id; UltraMsg chat id).</summary>
    public required string CustomerId { get; init; }

    /// <summary>Further ids of the same customer on the channel (the wa_id beside a BSUID).</summary>
    public IReadOnlyList<string> OtherCustomerIds { get; init; } = [];

    /// <summary>E.164 phone, when the channel tells it.</summary>
    public string? Phone { get; init; }

    /// <summary>The customer's profile name on the channel.</summary>
    public string? ProfileName { get; init; }

    /// <summary>Kind of message.</summary>
    public InboundKind Kind { get; init; } = InboundKind.Text;

    /// <summary>Typed text, a media caption, or the title of a tapped quick reply.</summary>
    public string? Text { get; init; }

    /// <summary>Id of the tapped quick reply.</summary>
    public string? QuickReplyId { get; init; }

    /// <summary>For media: <c>image</c>, <c>audio</c>, <c>video</c>, <c>document</c>, <c>sticker</c>, <c>location</c>, <c>contacts</c>, <c>reaction</c>, <c>unsupported</c>.</summary>
    public string? MediaType { get; init; }

    /// <summary>The provider's message id (wamid), the dedupe key.</summary>
    public string? ProviderMessageId { get; init; }

    /// <summary>When the customer sent it, per the provider.</summary>
    public DateTimeOffset? SentAt { get; init; }

    /// <summary>Conversation tests pin what the classifier would say, so flow tests survive retraining.</summary>
    public IntentPin? PinnedIntent { get; init; }

    /// <summary>A typed text message.</summary>
    public static InboundMessage FromText(string channel, string businessNumber, string customerId, string text) =>
        new() { Channel = channel, BusinessNumber = businessNumber, CustomerId = customerId, Text = text };
}

/// <summary>The intent a conversation test says the classifier returns for a message.</summary>
public sealed record IntentPin(string Intent, double Confidence = 1.0);
