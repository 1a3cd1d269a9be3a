using System.Text.Json;
using ChatRouter.Conversations;
using ChatRouter.Server.Channels;
using ChatRouter.Storage.Inbox;

namespace ChatRouter.Server.Inbox;

/// <summary>Notifications to and from inbox entries (the payload is JSON with a <c>kind</c> discriminator).</summary>
internal static class InboxCodec
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static InboxEntry ToEntry(Notification notification, DateTimeOffset now) => new()
    {
        Id = notification.DedupeKey,
        Order = SortableId.Next(now),
        OrderingKey = notification.OrderingKey,
        Kind = Kind(notification),
        Payload = JsonSerializer.Serialize(notification, Json),
        State = InboxState.Pending,
        ReceivedAt = now,
    };

    public static Notification FromEntry(InboxEntry entry) =>
        JsonSerializer.Deserialize<Notification>(entry.Payload ?? throw new InvalidOperationException($"Inbox entry {entry.Id} has no payload."), Json)
        ?? throw new InvalidOperationException($"Inbox entry {entry.Id} has an empty payload.");

    private static string Kind(Notification notification) => notification switch
    {
        MessageNotification => "message",
        StatusNotification => "status",
        TemplateStatusNotification => "template",
        PreferenceNotification => "preference",
        EventNotification => "event",
        _ => "error",
    };
}
