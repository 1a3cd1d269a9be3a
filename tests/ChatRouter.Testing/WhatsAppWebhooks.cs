using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace ChatRouter.Testing;

/// <summary>
/// Realistic Cloud API webhook bodies (whatsapp.md §1.4–1.10) as mutable JSON nodes, so a test can bend one field;
/// <see cref="Bytes"/> writes them raw UTF-8 or \u-escaped as Meta signs them, <see cref="Sign"/> signs them.
/// </summary>
public static partial class WhatsAppWebhooks
{
    public const string WabaId = "102290129340398";
    public const string PhoneNumberId = "106540352242922";
    public const string DisplayPhoneNumber = "15550783881";
    public const string CustomerWaId = "16505551234";
    public const string CustomerName = "Sheena Nelson";
    public const string CustomerBsuid = "US.13491208655302741918";

    /// <summary>An error object as Meta puts it in statuses[].errors and value.errors.</summary>
    public sealed record Error(int Code, string Title, string? Details = null);

    public static JsonObject Envelope(params JsonObject[] entries) =>
        new() { ["object"] = "whatsapp_business_account", ["entry"] = Array(entries) };

    public static JsonObject Entry(params JsonObject[] changes) => Entry(WabaId, null, changes);

    /// <param name="id">The WABA id.</param>
    /// <param name="time">entry[].time, sent on some fields (template updates), not on messages.</param>
    /// <param name="changes">The changes.</param>
    public static JsonObject Entry(string id, DateTimeOffset? time, params JsonObject[] changes)
    {
        var entry = new JsonObject { ["id"] = id };
        if (time is { } t) entry["time"] = t.ToUnixTimeSeconds();
        entry["changes"] = Array(changes);
        return entry;
    }

    /// <summary>A change; Meta writes value before field (never depend on the order).</summary>
    public static JsonObject Change(string field, JsonObject value) => new() { ["value"] = value, ["field"] = field };

    /// <summary>The value of a <c>messages</c> change; empty lists are left out, as Meta does.</summary>
    public static JsonObject MessagesValue(
        IEnumerable<JsonObject>? contacts = null, IEnumerable<JsonObject>? messages = null, IEnumerable<JsonObject>? statuses = null,
        IEnumerable<Error>? errors = null, string phoneNumberId = PhoneNumberId)
    {
        var value = new JsonObject
        {
            ["messaging_product"] = "whatsapp",
            ["metadata"] = new JsonObject { ["display_phone_number"] = DisplayPhoneNumber, ["phone_number_id"] = phoneNumberId },
        };
        if (contacts?.ToArray() is { Length: > 0 } c) value["contacts"] = Array(c);
        if (messages?.ToArray() is { Length: > 0 } m) value["messages"] = Array(m);
        if (statuses?.ToArray() is { Length: > 0 } s) value["statuses"] = Array(s);
        if (errors?.ToArray() is { Length: > 0 } e) value["errors"] = Array(e.Select(ErrorObject));
        return value;
    }

    /// <summary>The sender's value.contacts[] entry; BSUID variants pass <paramref name="userId"/> and maybe no wa_id.</summary>
    public static JsonObject Contact(string? waId = CustomerWaId, string? name = CustomerName, string? userId = null)
    {
        var contact = new JsonObject();
        if (name is not null) contact["profile"] = new JsonObject { ["name"] = name };
        if (waId is not null) contact["wa_id"] = waId;
        if (userId is not null) contact["user_id"] = userId;
        return contact;
    }

    /// <summary>A whole delivery of messages from one customer.</summary>
    public static JsonObject Messages(JsonObject contact, params JsonObject[] messages) =>
        Envelope(Entry(Change("messages", MessagesValue([contact], messages))));

    /// <summary>A whole delivery of one message from the default customer (or <paramref name="contact"/>).</summary>
    public static JsonObject Message(JsonObject message, JsonObject? contact = null) => Messages(contact ?? Contact(), message);

    /// <summary>One statuses[] item.</summary>
    public static JsonObject StatusItem(
        string wamid, string status, string recipient = CustomerWaId, DateTimeOffset? at = null, IEnumerable<Error>? errors = null, string? callbackData = null)
    {
        var item = new JsonObject
        {
            ["id"] = wamid,
            ["status"] = status,
            ["timestamp"] = Seconds(at),
            ["recipient_id"] = recipient,
        };
        if (callbackData is not null) item["biz_opaque_callback_data"] = callbackData;
        if (status is "sent" or "delivered")
            item["pricing"] = new JsonObject { ["billable"] = false, ["pricing_model"] = "PMP", ["type"] = "free_customer_service", ["category"] = "service" };
        if (errors?.ToArray() is { Length: > 0 } e) item["errors"] = Array(e.Select(ErrorObject));
        return item;
    }

    /// <summary>A whole delivery of one status update.</summary>
    public static JsonObject Status(
        string wamid, string status, string recipient = CustomerWaId, DateTimeOffset? at = null, IEnumerable<Error>? errors = null,
        string? callbackData = null, string phoneNumberId = PhoneNumberId) =>
        Envelope(Entry(Change("messages", MessagesValue(statuses: [StatusItem(wamid, status, recipient, at, errors, callbackData)], phoneNumberId: phoneNumberId))));

    /// <summary>A <c>message_template_status_update</c> delivery; the template id is a number, as Meta sends it.</summary>
    public static JsonObject TemplateStatus(
        string name, string language, string @event, string? reason = "NONE", string category = "UTILITY", long templateId = 1689556908129832, DateTimeOffset? at = null)
    {
        var value = new JsonObject
        {
            ["event"] = @event,
            ["message_template_id"] = templateId,
            ["message_template_name"] = name,
            ["message_template_language"] = language,
            ["reason"] = reason,
            ["message_template_category"] = category,
        };
        return Envelope(Entry(WabaId, at ?? Some.Instant, Change("message_template_status_update", value)));
    }

    /// <summary>A <c>user_preferences</c> delivery: the customer stopped or resumed marketing messages.</summary>
    public static JsonObject UserPreference(string? waId, string value, string category = "marketing_messages", string? userId = null, DateTimeOffset? at = null)
    {
        var preference = new JsonObject();
        if (waId is not null) preference["wa_id"] = waId;
        if (userId is not null) preference["user_id"] = userId;
        preference["detail"] = value == "stop" ? "User requested to stop marketing messages" : "User requested to resume marketing messages";
        preference["category"] = category;
        preference["value"] = value;
        preference["timestamp"] = (at ?? Some.Instant).ToUnixTimeSeconds();
        var change = MessagesValue([Contact(waId, null, userId)]);
        change["user_preferences"] = Array([preference]);
        return Envelope(Entry(Change("user_preferences", change)));
    }

    /// <summary>A delivery of system-level errors (value.errors[]) that belong to no message.</summary>
    public static JsonObject SystemErrors(params Error[] errors) => Envelope(Entry(Change("messages", MessagesValue(errors: errors))));

    /// <summary>
    /// The body as sent on the wire: compact, and either raw UTF-8 or, with <paramref name="asciiEscaped"/>, every
    /// non-ASCII character as a lowercase \uXXXX escape and "/" as "\/", the way Meta is said to sign.
    /// </summary>
    public static byte[] Bytes(JsonNode body, bool asciiEscaped = false) => Encoding.UTF8.GetBytes(Json(body, asciiEscaped));

    public static string Json(JsonNode body, bool asciiEscaped = false)
    {
        ArgumentNullException.ThrowIfNull(body);
        // Even the relaxed encoder writes emoji as \uD83D\uDCE6 pairs: turn them back into the characters.
        var raw = SurrogateEscape().Replace(
            body.ToJsonString(new JsonSerializerOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }),
            m => char.ConvertFromUtf32(char.ConvertToUtf32((char)Convert.ToInt32(m.Groups[1].Value, 16), (char)Convert.ToInt32(m.Groups[2].Value, 16))));
        if (!asciiEscaped) return raw;
        var escaped = new StringBuilder(raw.Length + 64);
        foreach (var c in raw)
        {
            if (c > 0x7E) escaped.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
            else if (c == '/') escaped.Append("\\/");
            else escaped.Append(c);
        }

        return escaped.ToString();
    }

    /// <summary>The X-Hub-Signature-256 value for <paramref name="body"/>: "sha256=" and the lowercase hex HMAC.</summary>
    public static string Sign(byte[] body, string secret) =>
        "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), body));

    /// <summary>A fresh message id shaped like Meta's.</summary>
    public static string NewWamid() => "wamid." + Convert.ToBase64String(Guid.NewGuid().ToByteArray());

    private static string Seconds(DateTimeOffset? at) => (at ?? Some.Instant).ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);

    private static JsonObject ErrorObject(Error error)
    {
        var item = new JsonObject { ["code"] = error.Code, ["title"] = error.Title, ["message"] = error.Title };
        if (error.Details is not null) item["error_data"] = new JsonObject { ["details"] = error.Details };
        item["href"] = "https://developers.facebook.com/docs/whatsapp/cloud-api/support/error-codes/";
        return item;
    }

    private static JsonArray Array(IEnumerable<JsonNode> items) => new([.. items]);

    [GeneratedRegex(@"\\u(D[89AB][0-9A-F]{2})\\u(D[C-F][0-9A-F]{2})", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex SurrogateEscape();
}
