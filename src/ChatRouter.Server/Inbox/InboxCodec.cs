using System.Text.Json;
using ChatRouter.Conversations;
using ChatRouter.Inbox;

namespace ChatRouter.Server.Inbox;

/// <summary>Items to and from inbox entries (the payload is JSON with a <c>kind</c> discriminator).</summary>
internal static class InboxCodec
{
    public const string MessageKind = "message";
    public const string EventKind = "event";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static InboxEntry ToEntry(InboundItem notification, DateTimeOffset now) => new()
    {
        Id = notification.DedupeKey,
        Order = SortableId.Next(now),
        OrderingKey = notification.OrderingKey,
        Kind = Kind(notification),
        Payload = JsonSerializer.Serialize(notification, Json),
        State = InboxState.Pending,
        ReceivedAt = now,
    };

    public static InboundItem FromEntry(InboxEntry entry) =>
        JsonSerializer.Deserialize<InboundItem>(entry.Payload ?? throw new InvalidOperationException($"Inbox entry {entry.Id} has no payload."), Json)
        ?? throw new InvalidOperationException($"Inbox entry {entry.Id} has an empty payload.");

    private static string Kind(InboundItem notification) => notification switch
    {
        MessageItem => MessageKind,
        StatusItem => "status",
        TemplateStatusItem => "template",
        PreferenceItem => "preference",
        EventItem => EventKind,
        _ => "error",
    };
}
