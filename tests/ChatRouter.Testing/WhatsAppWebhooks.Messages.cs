using System.Globalization;
using System.Text.Json.Nodes;

namespace ChatRouter.Testing;

public static partial class WhatsAppWebhooks
{
    /// <summary>A messages[] item of <paramref name="type"/> with its payload object; <paramref name="from"/> null leaves it out (BSUID-only senders).</summary>
    public static JsonObject OfType(string type, JsonObject? payload = null, string? from = CustomerWaId, string? id = null, DateTimeOffset? at = null)
    {
        var message = new JsonObject();
        if (from is not null) message["from"] = from;
        message["id"] = id ?? NewWamid();
        message["timestamp"] = (at ?? Some.Instant).ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        message["type"] = type;
        if (payload is not null) message[type] = payload;
        return message;
    }

    public static JsonObject Text(string body, string? from = CustomerWaId, string? id = null, DateTimeOffset? at = null) =>
        OfType("text", new JsonObject { ["body"] = body }, from, id, at);

    /// <summary>A tapped reply button, quoting the business message it answers.</summary>
    public static JsonObject ButtonReply(string replyId, string title, string? from = CustomerWaId, string? id = null) =>
        Replying(OfType("interactive", new JsonObject
        {
            ["type"] = "button_reply",
            ["button_reply"] = new JsonObject { ["id"] = replyId, ["title"] = title },
        }, from, id));

    /// <summary>A chosen list row; description only when the row had one.</summary>
    public static JsonObject ListReply(string rowId, string title, string? description = null, string? from = CustomerWaId, string? id = null)
    {
        var reply = new JsonObject { ["id"] = rowId, ["title"] = title };
        if (description is not null) reply["description"] = description;
        return Replying(OfType("interactive", new JsonObject { ["type"] = "list_reply", ["list_reply"] = reply }, from, id));
    }

    /// <summary>A tapped template quick-reply button; <paramref name="payload"/> null leaves it out.</summary>
    public static JsonObject TemplateButton(string? payload, string text, string? from = CustomerWaId, string? id = null)
    {
        var button = new JsonObject();
        if (payload is not null) button["payload"] = payload;
        button["text"] = text;
        return Replying(OfType("button", button, from, id));
    }

    /// <summary>image, audio, video, document or sticker, with the fields each carries.</summary>
    public static JsonObject Media(string type, string? caption = null, string? from = CustomerWaId, string? id = null)
    {
        var media = new JsonObject
        {
            ["mime_type"] = type switch
            {
                "image" => "image/jpeg",
                "audio" => "audio/ogg; codecs=opus",
                "video" => "video/mp4",
                "sticker" => "image/webp",
                _ => "application/pdf",
            },
            ["sha256"] = "SfInY0gGKTsJlUWbwxC1k+FAD0FZHvzwfpvO0zX0GUI=",
            ["id"] = "1003383421387256",
            ["url"] = "https://lookaside.fbsbx.com/whatsapp_business/attachments/?mid=1003383421387256",
        };
        if (caption is not null) media["caption"] = caption;
        if (type == "document") media["filename"] = "invoice.pdf";
        if (type == "audio") media["voice"] = true;
        if (type == "sticker") media["animated"] = false;
        return OfType(type, media, from, id);
    }

    public static JsonObject Location(string? name = "Philz Coffee", string? from = CustomerWaId, string? id = null)
    {
        var location = new JsonObject { ["latitude"] = 37.44221496582, ["longitude"] = -122.16165924072 };
        if (name is not null)
        {
            location["name"] = name;
            location["address"] = "101 Forest Ave, Palo Alto, CA 94301";
        }

        return OfType("location", location, from, id);
    }

    /// <summary>A shared contact card (messages[].contacts[], not the sender's value.contacts[]).</summary>
    public static JsonObject SharedContact(string name = "Barbara Johnson", string? from = CustomerWaId, string? id = null)
    {
        var message = OfType("contacts", null, from, id);
        message["contacts"] = Array([new JsonObject
        {
            ["name"] = new JsonObject { ["formatted_name"] = name, ["first_name"] = name.Split(' ')[0] },
            ["phones"] = Array([new JsonObject { ["phone"] = "+1 (940) 555-1234", ["wa_id"] = "19405551234", ["type"] = "HOME" }]),
        }]);
        return message;
    }

    /// <summary>A reaction; <paramref name="emoji"/> null is a removed reaction (no emoji field).</summary>
    public static JsonObject Reaction(string? emoji, string reactedTo = "wamid.HBgLMTY1MDM4Nzk0MzkVAgARGBJBQjQ0QTY3N0VCMDNEQkQ3NUEA", string? from = CustomerWaId, string? id = null)
    {
        var reaction = new JsonObject { ["message_id"] = reactedTo };
        if (emoji is not null) reaction["emoji"] = emoji;
        return OfType("reaction", reaction, from, id);
    }

    /// <summary>What Cloud API cannot carry (an edit, a poll …): type unsupported with error 131051.</summary>
    public static JsonObject Unsupported(string innerType = "edit", string? from = CustomerWaId, string? id = null)
    {
        var message = OfType("unsupported", new JsonObject { ["type"] = innerType }, from, id);
        message["errors"] = Array([ErrorObject(new Error(131051, "Message type unknown", "Message type is currently not supported."))]);
        return message;
    }

    private static JsonObject Replying(JsonObject message)
    {
        message["context"] = new JsonObject { ["from"] = DisplayPhoneNumber, ["id"] = "wamid.HBgLMTY1MDM4Nzk0MzkVAgARGBI5QTNDQTVCM0Q0Q0Q2RTY3RTcA" };
        return message;
    }
}
