using System.Text.Json.Serialization;
using ChatRouter.Messaging;

namespace ChatRouter.Server.Channels;

/// <summary>
/// One item of a webhook delivery, channel-neutral. A delivery (Meta batches up to 1000) becomes a list of
/// these; each is stored in the inbox under its <see cref="DedupeKey"/>, so a retried delivery is stored once.
/// </summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "kind")]
[JsonDerivedType(typeof(MessageNotification), "message")]
[JsonDerivedType(typeof(StatusNotification), "status")]
[JsonDerivedType(typeof(TemplateStatusNotification), "template")]
[JsonDerivedType(typeof(PreferenceNotification), "preference")]
[JsonDerivedType(typeof(ErrorNotification), "error")]
[JsonDerivedType(typeof(EventNotification), "event")]
internal abstract record Notification
{
    /// <summary>Unique per item across retries, e.g. <c>whatsapp:msg:wamid.X</c>, <c>whatsapp:status:wamid.X:read</c>.</summary>
    [JsonIgnore]
    public abstract string DedupeKey { get; }

    /// <summary>Items with the same key are processed one at a time in arrival order (the customer's conversation).</summary>
    [JsonIgnore]
    public abstract string OrderingKey { get; }
}

/// <summary>A customer message.</summary>
internal sealed record MessageNotification(InboundMessage Message) : Notification
{
    public override string DedupeKey => $"{Message.Channel}:msg:{Message.ProviderMessageId}";

    public override string OrderingKey => $"{Message.Channel}:{Message.CustomerId}";
}

/// <summary>Where an outbound message got to: sent (one tick), delivered, read, or failed.</summary>
internal enum DeliveryStatus
{
    Sent = 1,
    Delivered = 2,
    Read = 3,
    Failed = 4,
}

/// <summary>An error the provider reported (Cloud API error object; UltraMsg has none).</summary>
internal sealed record ProviderError(int Code, string Title, string? Details);

/// <summary>A status update for a message we sent.</summary>
internal sealed record StatusNotification(
    string Channel,
    string ProviderMessageId,
    DeliveryStatus Status,
    DateTimeOffset? At,
    string? RecipientId,
    IReadOnlyList<ProviderError> Errors) : Notification
{
    public override string DedupeKey => $"{Channel}:status:{ProviderMessageId}:{Status.ToString().ToLowerInvariant()}";

    public override string OrderingKey => $"{Channel}:status:{ProviderMessageId}";
}

/// <summary>Meta approved, rejected, paused … a WhatsApp message template (<c>message_template_status_update</c>).</summary>
internal sealed record TemplateStatusNotification(string Name, string Language, string Status, string? Reason, string? Category, string? TemplateId, DateTimeOffset? At) : Notification
{
    public override string DedupeKey => $"whatsapp:template:{Name}:{Language}:{Status}:{At?.ToUnixTimeSeconds()}";

    public override string OrderingKey => $"whatsapp:template:{Name}:{Language}";
}

/// <summary>The customer stopped or resumed marketing messages in WhatsApp itself (<c>user_preferences</c>).</summary>
internal sealed record PreferenceNotification(string Channel, string CustomerId, string Category, string Value, DateTimeOffset? At) : Notification
{
    public override string DedupeKey => $"{Channel}:preference:{CustomerId}:{Category}:{Value}:{At?.ToUnixTimeSeconds()}";

    public override string OrderingKey => $"{Channel}:{CustomerId}";
}

/// <summary>An account- or system-level error that belongs to no message (<c>value.errors[]</c>): logged and counted.</summary>
internal sealed record ErrorNotification(string Channel, string BusinessNumber, IReadOnlyList<ProviderError> Errors, string Key) : Notification
{
    public override string DedupeKey => $"{Channel}:error:{Key}";

    public override string OrderingKey => $"{Channel}:errors";
}

/// <summary>A business event for a customer (<c>POST /api/events</c>), keyed by the caller's idempotency key.</summary>
internal sealed record EventNotification(BusinessEvent Event, string Key) : Notification
{
    public override string DedupeKey => $"event:{Key}";

    public override string OrderingKey => $"{Event.Channel}:{Event.CustomerId ?? Event.Phone?.TrimStart('+')}";
}
