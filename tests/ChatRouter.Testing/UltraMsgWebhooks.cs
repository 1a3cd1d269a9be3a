using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace ChatRouter.Testing;

/// <summary>UltraMsg webhook bodies (whatsapp.md §2.2) as mutable JSON nodes.</summary>
public static class UltraMsgWebhooks
{
    /// <summary>The instance as UltraMsg's webhooks write it: without the "instance" prefix.</summary>
    public const string InstanceId = "1150";
    public const string Instance = "instance1150";
    public const string BusinessChatId = "14155550100@c.us";
    public const string CustomerChatId = "14155552671@c.us";

    /// <summary>
    /// An incoming message; <paramref name="type"/> is chat, image, ptt, vcard … and <paramref name="body"/> its text
    /// or caption. <paramref name="eventType"/> message_create with <paramref name="fromMe"/> is our own echo.
    /// </summary>
    public static JsonObject Received(
        string body, string type = "chat", string from = CustomerChatId, string? id = null, string pushname = "E.St",
        bool fromMe = false, string eventType = "message_received", string? referenceId = null)
    {
        var to = fromMe ? from : BusinessChatId;
        var sender = fromMe ? BusinessChatId : from;
        return new JsonObject
        {
            ["event_type"] = eventType,
            ["instanceId"] = InstanceId,
            ["id"] = "",
            ["referenceId"] = referenceId ?? "",
            ["data"] = new JsonObject
            {
                ["id"] = id ?? $"{(fromMe ? "true" : "false")}_{(fromMe ? to : from)}_{Guid.NewGuid().ToString("N")[..20].ToUpperInvariant()}",
                ["from"] = sender,
                ["to"] = to,
                ["author"] = "",
                ["pushname"] = pushname,
                ["ack"] = "",
                ["type"] = type,
                ["body"] = body,
                ["media"] = type is "chat" or "location" or "vcard" ? "" : "https://s3.eu-central-1.wasabisys.com/ultramsgmedia/2024/1/1150/media",
                ["fromMe"] = fromMe,
                ["isForwarded"] = false,
                ["isMentioned"] = false,
                ["quotedMsg"] = new JsonObject(),
                ["mentionedIds"] = new JsonArray(),
                ["time"] = Some.Instant.ToUnixTimeSeconds(),
            },
        };
    }

    /// <summary>Our own message coming back as message_create (fromMe), which must never be answered.</summary>
    public static JsonObject Echo(string body, string? referenceId = null) =>
        Received(body, fromMe: true, eventType: "message_create", referenceId: referenceId);

    /// <summary>A message_ack: <paramref name="ack"/> as a string ("server", "device", "read", "played", "pending") or a number.</summary>
    public static JsonObject Ack(string? referenceId, JsonNode ack, string? id = null)
    {
        var message = Received("Your order shipped", fromMe: true, eventType: "message_ack", referenceId: referenceId, id: id);
        message["data"]!["ack"] = ack;
        return message;
    }

    /// <summary>The body as raw UTF-8 JSON.</summary>
    public static byte[] Bytes(JsonNode body) =>
        Encoding.UTF8.GetBytes(body.ToJsonString(new JsonSerializerOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }));
}
