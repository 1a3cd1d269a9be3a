using System.Text.Json;
using System.Text.RegularExpressions;
using ChatRouter.Messaging;
using ChatRouter.Server.Inbox;
using ChatRouter.Server.Webhooks;

namespace ChatRouter.Server.Channels.WhatsApp;

internal static partial class WhatsAppWebhookParser
{
    /// <summary>A wa_id: a phone number's digits (E.164 has at most 15; shorter numbers exist in some countries).</summary>
    private static readonly Regex PhoneId = PhoneIdPattern();

    /// <summary>A BSUID: a two-letter country code, '.', then up to 128 alphanumerics (dots in enterprise ids) (whatsapp.md §1.4).</summary>
    private static readonly Regex UserId = UserIdPattern();

    private static readonly Content Unsupported = new(InboundKind.Media, MediaType: "unsupported");

    private static void ParseMessage(JsonElement message, Contacts contacts, BusinessIds own, string path, Results results)
    {
        if (JsonFields.Text(message, "id") is not { } id)
        {
            results.Skip(SkipReason.MalformedItem, path, "message without an id");
            return;
        }

        if (own.PhoneNumberId is not { } business)
        {
            results.Skip(SkipReason.MalformedItem, path, $"message {id} arrived without metadata.phone_number_id, so there is no number to answer from");
            return;
        }

        var from = JsonFields.Scalar(message, "from");
        if (from is not null && !IsPhoneId(from) && !UserId.IsMatch(from))
        {
            // A path, a script, a name: whoever wrote it, no reply can reach it. The value stays out of the log.
            results.Skip(SkipReason.OddSender, path, $"message {id} has a from of {from.Length} characters that is neither a phone id nor a BSUID");
            return;
        }

        var sender = ReadIdentity(message, from, contacts);
        if ((from is not null && own.Is(from)) || (sender is not null && (own.Is(sender.CustomerId) || sender.OtherIds.Any(own.Is))))
        {
            results.Skip(SkipReason.OddSender, path, $"message {id} is from the business number itself; answering it would talk to ourselves");
            return;
        }

        if (sender is null)
        {
            results.Skip(SkipReason.MalformedItem, path, $"message {id} names no sender it could be answered at (no from, and no contact with a phone id or BSUID)");
            return;
        }

        var content = ReadContent(message);
        results.Add(new MessageItem(new InboundMessage
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
    /// Contact ids that are neither a phone id nor a BSUID are not answered.
    /// </summary>
    private static Sender? ReadIdentity(JsonElement message, string? from, Contacts contacts)
    {
        // Where a message carries the sender's BSUID is unconfirmed: accept from_user_id, or a BSUID in from.
        var fromUserId = JsonFields.Text(message, "from_user_id") ?? (from is not null && !IsPhoneId(from) ? from : null);
        var contact = contacts.Match(from, fromUserId);
        var userId = (contact is { } c ? JsonFields.Text(c, "user_id") : null) ?? fromUserId;
        var waId = (contact is { } w ? JsonFields.Scalar(w, "wa_id") : null) ?? (from is not null && IsPhoneId(from) ? from : null);
        if (userId is not null && !UserId.IsMatch(userId)) userId = null;
        if (waId is not null && !IsPhoneId(waId)) waId = null;
        var customerId = userId ?? waId;
        if (customerId is null) return null;

        var digits = waId is null ? "" : waId.TrimStart('+');
        var name = contact is { } p && JsonFields.Object(p, "profile") is { } profile ? JsonFields.Text(profile, "name") : null;
        return new Sender(
            customerId,
            waId is not null && waId != customerId ? [waId] : [],
            digits.Length > 0 ? "+" + digits : null,
            name);
    }

    private static bool IsPhoneId(string id) => PhoneId.IsMatch(id);

    [GeneratedRegex("^\\+?[0-9]{5,15}$", RegexOptions.CultureInvariant)]
    private static partial Regex PhoneIdPattern();

    [GeneratedRegex("^[A-Z]{2}\\.[A-Za-z0-9.]{1,128}$", RegexOptions.CultureInvariant)]
    private static partial Regex UserIdPattern();

    /// <summary>
    /// value.contacts[] indexed once by wa_id and user_id, so matching a batch of messages to their senders is
    /// linear (a lookup per message), not a scan of every contact per message.
    /// </summary>
    private sealed class Contacts
    {
        private readonly Dictionary<string, JsonElement> _byId = new(StringComparer.Ordinal);
        private readonly JsonElement? _only;

        public Contacts(IReadOnlyList<JsonElement> contacts)
        {
            // The first contact of an id wins, as the scan it replaces did.
            foreach (var contact in contacts)
            {
                if (JsonFields.Scalar(contact, "wa_id") is { } waId) _byId.TryAdd(waId, contact);
                if (JsonFields.Text(contact, "user_id") is { } userId) _byId.TryAdd(userId, contact);
            }

            if (contacts.Count == 1) _only = contacts[0];
        }

        /// <summary>The sender's entry: by wa_id or user_id, else the only one unless it names someone else.</summary>
        public JsonElement? Match(string? from, string? fromUserId)
        {
            if (from is not null && _byId.TryGetValue(from, out var byFrom)) return byFrom;
            if (fromUserId is not null && _byId.TryGetValue(fromUserId, out var byUser) && JsonFields.Text(byUser, "user_id") == fromUserId) return byUser;
            if (_only is not { } only) return null;
            var onlyWaId = JsonFields.Scalar(only, "wa_id");
            return from is null || onlyWaId is null || !IsPhoneId(from) ? only : null;
        }
    }

    /// <summary>The business number's own ids (phone_number_id, and the display number's digits).</summary>
    private sealed record BusinessIds(string? PhoneNumberId, string? DisplayNumber)
    {
        private readonly string? _displayDigits = DisplayNumber is null ? null : new string(DisplayNumber.Where(char.IsAsciiDigit).ToArray());

        public bool Is(string id)
        {
            var digits = id.TrimStart('+');
            return digits == PhoneNumberId || (_displayDigits is { Length: > 0 } && digits == _displayDigits);
        }
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
