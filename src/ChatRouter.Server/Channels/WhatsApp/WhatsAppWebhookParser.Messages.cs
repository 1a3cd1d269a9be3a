using System.Text.Json;
using ChatRouter.Messaging;

namespace ChatRouter.Server.Channels.WhatsApp;

internal static partial class WhatsAppWebhookParser
{
    private static readonly Content Unsupported = new(InboundKind.Media, MediaType: "unsupported");

    private static void ParseMessage(JsonElement message, IReadOnlyList<JsonElement> contacts, string? business, string path, Results results)
    {
        if (JsonFields.Text(message, "id") is not { } id)
        {
            results.Skip(path, "message without an id");
            return;
        }

        if (business is null)
        {
            results.Skip(path, $"message {id} arrived without metadata.phone_number_id, so there is no number to answer from");
            return;
        }

        if (ReadIdentity(message, contacts) is not { } sender)
        {
            results.Skip(path, $"message {id} names no sender (no from, wa_id or user_id)");
            return;
        }

        var content = ReadContent(message);
        results.Add(new MessageNotification(new InboundMessage
        {
            Channel = Channel,
            BusinessNumber = business,
            CustomerId = sender.CustomerId,
            OtherCustomerIds = sender.OtherIds,
            Phone = sender.Phone,
            ProfileName = sender.ProfileName,
            Kind = content.Kind,
            Text = content.Text,
            QuickReplyId = content.QuickReplyId,
            MediaType = content.MediaType,
            ProviderMessageId = id,
            SentAt = JsonFields.UnixTime(message, "timestamp"),
        }));
    }

    /// <summary>
    /// The customer is keyed on the BSUID (contacts[].user_id) when Meta sends one, else the wa_id, else the
    /// message's from: a customer who adopts a username may come without a phone, and BSUIDs are the future key.
    /// </summary>
    private static Sender? ReadIdentity(JsonElement message, IReadOnlyList<JsonElement> contacts)
    {
        var from = JsonFields.Scalar(message, "from");
        // Where a message carries the sender's BSUID is unconfirmed: accept from_user_id, or a BSUID in from.
        var fromUserId = JsonFields.Text(message, "from_user_id") ?? (from is not null && !IsPhoneDigits(from) ? from : null);
        var contact = MatchContact(contacts, from, fromUserId);
        var userId = (contact is { } c ? JsonFields.Text(c, "user_id") : null) ?? fromUserId;
        var waId = (contact is { } w ? JsonFields.Scalar(w, "wa_id") : null) ?? (from is not null && IsPhoneDigits(from) ? from : null);
        var customerId = userId ?? waId;
        if (customerId is null) return null;

        var digits = waId is null ? "" : new string(waId.Where(char.IsAsciiDigit).ToArray());
        var name = contact is { } p && JsonFields.Object(p, "profile") is { } profile ? JsonFields.Text(profile, "name") : null;
        return new Sender(
            customerId,
            waId is not null && waId != customerId ? [waId] : [],
            digits.Length > 0 ? "+" + digits : null,
            name);
    }

    /// <summary>The sender's entry in value.contacts[]: by wa_id or user_id, else the only one unless it names someone else.</summary>
    private static JsonElement? MatchContact(IReadOnlyList<JsonElement> contacts, string? from, string? fromUserId)
    {
        foreach (var contact in contacts)
        {
            var waId = JsonFields.Scalar(contact, "wa_id");
            var userId = JsonFields.Text(contact, "user_id");
            if ((from is not null && (waId == from || userId == from)) || (fromUserId is not null && userId == fromUserId)) return contact;
        }

        if (contacts.Count != 1) return null;
        var only = contacts[0];
        var onlyWaId = JsonFields.Scalar(only, "wa_id");
        return from is null || onlyWaId is null || !IsPhoneDigits(from) ? only : null;
    }

    private static bool IsPhoneDigits(string id)
    {
        var digits = id.StartsWith('+') ? id.AsSpan(1) : id.AsSpan();
        return digits.Length > 0 && !digits.ContainsAnyExceptInRange('0', '9');
    }

    private static Content ReadContent(JsonElement message)
    {
        var type = JsonFields.String(message, "type");
        var payload = type is null ? null : JsonFields.Object(message, type);
        switch (type)
        {
            case "text":
                return payload is { } text && JsonFields.String(text, "body") is { } body ? new Content(InboundKind.Text, body) : Unsupported;
            case "interactive":
                return payload is { } interactive ? ReadInteractive(interactive) : Unsupported;
            case "button":
                // payload echoes what the template set; which one comes when none was set is unconfirmed: fall back to the label
                var label = payload is { } b1 ? JsonFields.Text(b1, "text") : null;
                var buttonId = (payload is { } b2 ? JsonFields.Text(b2, "payload") : null) ?? label;
                return buttonId is null ? Unsupported : new Content(InboundKind.QuickReply, label ?? buttonId, buttonId);
            case "image" or "audio" or "video" or "document" or "sticker":
                return new Content(InboundKind.Media, payload is { } media ? JsonFields.Text(media, "caption") : null, MediaType: type);
            case "location" or "contacts":
                return new Content(InboundKind.Media, MediaType: type);
            case "reaction":
                // a removed reaction comes without an emoji
                return new Content(InboundKind.Media, payload is { } reaction ? JsonFields.Text(reaction, "emoji") : null, MediaType: "reaction");
            default:
                // unsupported, order, system, request_welcome, edits, anything newer: answered as "can't read that"
                return Unsupported;
        }
    }

    private static Content ReadInteractive(JsonElement interactive)
    {
        var type = JsonFields.String(interactive, "type");
        if (type is not ("button_reply" or "list_reply") || JsonFields.Object(interactive, type) is not { } reply) return Unsupported;
        var id = JsonFields.Text(reply, "id");
        return id is null ? Unsupported : new Content(InboundKind.QuickReply, JsonFields.String(reply, "title") ?? id, id);
    }

    private readonly record struct Content(InboundKind Kind, string? Text = null, string? QuickReplyId = null, string? MediaType = null);

    private sealed record Sender(string CustomerId, IReadOnlyList<string> OtherIds, string? Phone, string? ProfileName);
}
