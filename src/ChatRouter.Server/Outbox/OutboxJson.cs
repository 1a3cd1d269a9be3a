using System.Text.Json;
using ChatRouter.Messaging;

namespace ChatRouter.Server.Outbox;

/// <summary>How an outbound message is kept in the outbox.</summary>
internal static class OutboxJson
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static string Write(OutboundMessage message) => JsonSerializer.Serialize(message, Json);

    public static OutboundMessage Read(string json) =>
        JsonSerializer.Deserialize<OutboundMessage>(json, Json) ?? throw new InvalidOperationException("An outbox entry holds no message.");
}
