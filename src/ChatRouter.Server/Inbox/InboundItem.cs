using System.Text.Json.Serialization;
using ChatRouter.Messaging;

using ChatRouter.Server.Channels;

namespace ChatRouter.Server.Inbox;

/// <summary>
/// One inbound item, channel-neutral: a customer message, a delivery status, a template or preference update,
/// a provider error, or a business event. A webhook delivery (Meta batches up to 1000) becomes a list of these;
/// each is stored in the inbox under its <see cref="DedupeKey"/>, so a retried delivery is stored once.
/// </summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "kind")]
[JsonDerivedType(typeof(MessageItem), "message")]
[JsonDerivedType(typeof(StatusItem), "status")]
[JsonDerivedType(typeof(TemplateStatusItem), "template")]
[JsonDerivedType(typeof(PreferenceItem), "preference")]
[JsonDerivedType(typeof(ProviderErrorItem), "error")]
[JsonDerivedType(typeof(EventItem), "event")]
internal abstract record InboundItem
{
    /// <summary>Unique per item across retries, e.g. <c>whatsapp:msg:wamid.X</c>, <c>whatsapp:status:wamid.X:read</c>.</summary>
    [JsonIgnore]
    public abstract string DedupeKey { get; }

    /// <summary>Items with the same key are processed one at a time in arrival order (the customer's conversation).</summary>
    [JsonIgnore]
    public abstract string OrderingKey { get; }
}

/// <summary>A customer message.</summary>
internal sealed record MessageItem(InboundMessage Message) : InboundItem
{
    public override string DedupeKey => $"{Message.Channel}:msg:{Message.ProviderMessageId}";

    public override string OrderingKey => $"{Message.Channel}:{Message.CustomerId}";
}

/// <summary>A status update for a message we sent; <paramref name="Failure"/> is what the channel makes of a failed one's errors.</summary>
internal sealed record StatusItem(
    string Channel,
    string ProviderMessageId,
    DeliveryStatus Status,
    DateTimeOffset? At,
    string? RecipientId,
    IReadOnlyList<ProviderError> Errors,
    SendFailure? Failure = null) : InboundItem
{
    public override string DedupeKey => $"{Channel}:status:{ProviderMessageId}:{Status.ToString().ToLowerInvariant()}";

    public override string OrderingKey => $"{Channel}:status:{ProviderMessageId}";
}

/// <summary>Meta approved, rejected, paused … a WhatsApp message template (<c>message_template_status_update</c>).</summary>
internal sealed record TemplateStatusItem(string Name, string Language, string Status, string? Reason, string? Category, string? TemplateId, DateTimeOffset? At) : InboundItem
{
    public override string DedupeKey => $"whatsapp:template:{Name}:{Language}:{Status}:{At?.ToUnixTimeSeconds()}";

    public override string OrderingKey => $"whatsapp:template:{Name}:{Language}";
}

/// <summary>The customer stopped or resumed marketing messages in WhatsApp itself (<c>user_preferences</c>).</summary>
internal sealed record PreferenceItem(string Channel, string CustomerId, string Category, string Value, DateTimeOffset? At) : InboundItem
{
    public override string DedupeKey => $"{Channel}:preference:{CustomerId}:{Category}:{Value}:{At?.ToUnixTimeSeconds()}";

    public override string OrderingKey => $"{Channel}:{CustomerId}";
}

/// <summary>An account- or system-level error that belongs to no message (<c>value.errors[]</c>): logged and counted.</summary>
internal sealed record ProviderErrorItem(string Channel, string BusinessNumber, IReadOnlyList<ProviderError> Errors, string Key) : InboundItem
{
    public override string DedupeKey => $"{Channel}:error:{Key}";

    public override string OrderingKey => $"{Channel}:errors";
}

/// <summary>A business event for a customer (<c>POST /api/events</c>), keyed by the caller's idempotency key.</summary>
internal sealed record EventItem(BusinessEvent Event, string Key) : InboundItem
{
    public override string DedupeKey => $"event:{Key}";

    public override string OrderingKey => $"{Event.Channel}:{Event.CustomerId ?? Event.Phone?.TrimStart('+')}";
}
