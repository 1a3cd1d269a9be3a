using System.Text.Json;
using System.Text.RegularExpressions;
using ChatRouter.Messaging;
using ChatRouter.Server.Inbox;
using ChatRouter.Server.Webhooks;

namespace ChatRouter.Server.Channels.UltraMsg;

/// <summary>
/// Turns an UltraMsg webhook (WhatsApp Web conventions: "…@c.us" chat ids, "chat"/"ptt" types) into
/// notifications. Only a body that is not an UltraMsg event at all is malformed; everything else that is not a
/// customer's 1:1 message or an ack of ours is skipped with a reason.
/// </summary>
internal static partial class UltraMsgWebhookParser
{
    public const string Channel = "ultramsg";

    /// <param name="root">The webhook body.</param>
    /// <param name="expectedInstanceId">The configured instance ("instance1150" or "1150"); events of other instances are skipped.</param>
    public static WebhookParse Parse(JsonElement root, string? expectedInstanceId)
    {
        if (root.ValueKind != JsonValueKind.Object)
            return WebhookParse.Invalid($"The body is a JSON {root.ValueKind.ToString().ToLowerInvariant()}, not an object; an UltraMsg event is an object with event_type and data.");
        if (JsonFields.Text(root, "event_type") is not { } eventType)
            return WebhookParse.Invalid("\"event_type\" is missing; an UltraMsg event says message_received, message_create or message_ack.");

        var instance = InstanceNumber(JsonFields.Scalar(root, "instanceId")) ?? InstanceNumber(expectedInstanceId);
        var expected = InstanceNumber(expectedInstanceId);
        if (expected is not null && instance != expected)
            return Skip(SkipReason.OtherInstance, $"event of instance '{instance}', not the configured instance '{expected}'");
        if (JsonFields.Object(root, "data") is not { } data)
            return Skip(SkipReason.MalformedItem, $"{eventType} without a data object");

        return eventType switch
        {
            "message_received" => Received(data, instance),
            // our own sends (API or phone) come back as message_create: answering them would loop
            "message_create" when JsonFields.Bool(data, "fromMe") == true => Skip(SkipReason.OddSender, "message_create from us (fromMe), an echo of our own message"),
            "message_create" => Received(data, instance),
            "message_ack" => Ack(root, data),
            _ => Skip(SkipReason.UnknownType, $"event_type '{eventType}' is not handled"),
        };
    }

    /// <summary>The instance an event names when it is not <paramref name="expectedInstanceId"/>; null when it is ours or names none.</summary>
    public static string? ForeignInstance(JsonElement root, string? expectedInstanceId)
    {
        var expected = InstanceNumber(expectedInstanceId);
        var instance = root.ValueKind == JsonValueKind.Object ? InstanceNumber(JsonFields.Scalar(root, "instanceId")) : null;
        return expected is not null && instance is not null && instance != expected ? instance : null;
    }

    private static WebhookParse Received(JsonElement data, string? instance)
    {
        var id = JsonFields.Text(data, "id");
        var from = JsonFields.Text(data, "from");
        if (id is null || from is null) return Skip(SkipReason.MalformedItem, "message without data.id or data.from");
        if (instance is null) return Skip(SkipReason.MalformedItem, $"message {id} names no instance (instanceId), so there is no number to answer from");
        if (JsonFields.Bool(data, "fromMe") == true) return Skip(SkipReason.OddSender, $"message {id} is from us (fromMe)");
        if (from.EndsWith("@g.us", StringComparison.Ordinal)) return Skip(SkipReason.OddSender, $"message {id} is from a group chat");
        if (from.EndsWith("@broadcast", StringComparison.Ordinal) || from.EndsWith("@newsletter", StringComparison.Ordinal))
            return Skip(SkipReason.OddSender, $"message {id} is from a status or channel broadcast");
        if (!ChatId().IsMatch(from))
            return Skip(SkipReason.OddSender, $"message {id} has a data.from of {from.Length} characters that is not a customer's chat id (digits@c.us or digits@lid)");

        var type = JsonFields.String(data, "type");
        var body = JsonFields.String(data, "body");
        var media = MediaType(type);
        if (type != "chat" && media is null) return Skip(SkipReason.UnknownType, $"message {id} of type '{type}' is a notice, not a customer message");

        var message = new InboundMessage
        {
            Channel = Channel,
            BusinessNumber = instance,
            CustomerId = from,
            Phone = from.EndsWith("@c.us", StringComparison.Ordinal) && from[..^5] is { Length: > 0 } digits && digits.All(char.IsAsciiDigit) ? "+" + digits : null,
            ProfileName = JsonFields.Text(data, "pushname"),
            Kind = type == "chat" ? InboundKind.Text : InboundKind.Media,
            // body is the caption for image, video and document; for location and vcard it is data, not words
            Text = type == "chat" ? body ?? "" : type is "image" or "video" or "document" && !string.IsNullOrWhiteSpace(body) ? body : null,
            MediaType = type == "chat" ? null : media,
            ProviderMessageId = id,
            SentAt = JsonFields.UnixTime(data, "time"),
        };
        return new WebhookParse([new MessageItem(message)], []);
    }

    /// <summary>The normalised media type; "unsupported" for types we do not know; null for notices that need no answer.</summary>
    private static string? MediaType(string? type) => type switch
    {
        "image" or "video" or "audio" or "document" or "sticker" or "location" => type,
        "ptt" => "audio",
        "vcard" or "multi_vcard" => "contacts",
        "chat" => null,
        // WhatsApp Web notices: encryption changes, group and call notices, a deleted message, a not-yet-decrypted one
        "e2e_notification" or "notification_template" or "notification" or "gp2" or "call_log" or "protocol" or "revoked" or "ciphertext" => null,
        _ => "unsupported",
    };

    private static WebhookParse Ack(JsonElement root, JsonElement data)
    {
        // We send our outbox id as referenceId, and the send answer carries no WhatsApp id: key on it when present.
        var key = JsonFields.Text(root, "referenceId") ?? JsonFields.Text(data, "id");
        if (key is null) return Skip(SkipReason.MalformedItem, "message_ack without referenceId or data.id");

        var ack = JsonFields.Property(data, "ack");
        var text = ack is { ValueKind: JsonValueKind.String } s ? JsonFields.StringOf(s) : ack is { ValueKind: JsonValueKind.Number } n ? n.GetRawText() : null;
        // Strings are UltraMsg's documented acks; numbers are WhatsApp Web's (-1 error … 4 played), seen in third-party code.
        DeliveryStatus? status = text switch
        {
            "server" or "1" => DeliveryStatus.Sent,
            "device" or "2" => DeliveryStatus.Delivered,
            "read" or "played" or "3" or "4" => DeliveryStatus.Read,
            "error" or "-1" => DeliveryStatus.Failed,
            _ => null,
        };
        if (status is not { } known)
            return Skip(SkipReason.UnknownType, text is "pending" or "0" ? $"ack 'pending' of {key}: not sent yet" : $"ack '{text}' of {key} is not known");

        return new WebhookParse([new StatusItem(Channel, key, known, JsonFields.UnixTime(data, "time"), JsonFields.Text(data, "to"), [])], []);
    }

    /// <summary>"instance1150" and "1150" are the same instance: UltraMsg writes it both ways.</summary>
    private static string? InstanceNumber(string? instance)
    {
        var trimmed = instance?.Trim();
        if (string.IsNullOrEmpty(trimmed)) return null;
        return trimmed.StartsWith("instance", StringComparison.OrdinalIgnoreCase) ? trimmed["instance".Length..] : trimmed;
    }

    private static WebhookParse Skip(SkipReason reason, string what) => new([], [new WebhookSkip(reason, what)]);

    /// <summary>A customer's 1:1 chat: a phone's digits or a LID, at an individual-chat server.</summary>
    [GeneratedRegex("^[0-9]{5,32}@(c\\.us|lid|s\\.whatsapp\\.net)$", RegexOptions.CultureInvariant)]
    private static partial Regex ChatId();
}
