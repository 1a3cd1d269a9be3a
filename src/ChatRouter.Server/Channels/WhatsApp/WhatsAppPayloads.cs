using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Json;
using ChatRouter.Messaging;

namespace ChatRouter.Server.Channels.WhatsApp;

/// <summary>
/// Request bodies for <c>POST /{phone_number_id}/messages</c>. Whatever the reply holds, the body stays inside
/// Meta's limits (counted in UTF-16 units, the stricter reading): too-long text is cut with "…", what cannot
/// fit (an 11th row, an unusable id) is dropped, and nothing required is ever empty.
/// </summary>
internal static partial class WhatsAppPayloads
{
    /// <summary>Meta documents no maximum for biz_opaque_callback_data; 512 is the figure integrators quote.</summary>
    public const int CallbackDataLimit = 512;

    /// <summary>Stands in for a required text that came empty: Meta rejects empty bodies and titles.</summary>
    private const string Placeholder = "…";

    // Raw UTF-8 rather than \u escapes: the body is JSON over HTTPS, never embedded in HTML, and Arabic or emoji
    // text stays readable in logs and the fake API's records.
    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>The body for <paramref name="request"/>: its template when it has one, else its message.</summary>
    /// <exception cref="ArgumentException">The request has neither a message nor a template.</exception>
    public static byte[] Build(OutboundRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.Template is null && request.Message is null)
            throw new ArgumentException($"Outbound request '{request.Reference}' has neither a message nor a template; give it one of them.", nameof(request));

        return Write(json =>
        {
            json.WriteString("messaging_product", "whatsapp");
            json.WriteString("recipient_type", "individual");
            WriteRecipient(json, request.To);
            if (!string.IsNullOrEmpty(request.Reference) && request.Reference.Length <= CallbackDataLimit)
                json.WriteString("biz_opaque_callback_data", request.Reference);
            if (request.Template is { } template) WriteTemplate(json, template);
            else WriteMessage(json, request.Message!);
        });
    }

    /// <summary>Marks an inbound message read (blue ticks), optionally showing "typing…" until the reply or 25 s.</summary>
    public static byte[] MarkRead(string providerMessageId, bool typing = false)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(providerMessageId);
        return Write(json =>
        {
            json.WriteString("messaging_product", "whatsapp");
            json.WriteString("status", "read");
            json.WriteString("message_id", providerMessageId);
            if (!typing) return;
            json.WriteStartObject("typing_indicator");
            json.WriteString("type", "text");
            json.WriteEndObject();
        });
    }

    /// <summary>
    /// The one place that knows how a customer is addressed. Digits are a phone number and get the "+" Meta asks
    /// for (without it Meta prepends the business number's country code). Anything else, a BSUID such as
    /// "US.1349…", goes in <c>to</c> as is: the field for BSUIDs is unconfirmed, change it here when Meta says.
    /// </summary>
    private static void WriteRecipient(Utf8JsonWriter json, string to)
    {
        var address = to.Trim();
        json.WriteString("to", address.Length > 0 && !address.AsSpan().ContainsAnyExceptInRange('0', '9') ? "+" + address : address);
    }

    private static void WriteMessage(Utf8JsonWriter json, OutboundMessage message)
    {
        var written = message.Shape switch
        {
            OutboundShape.Buttons => TryWriteButtons(json, message),
            OutboundShape.List => TryWriteList(json, message),
            _ => false,
        };
        if (written) return;

        // Plain text, or options no interactive message could carry: then they go as a numbered menu, which
        // the engine understands when the customer types the number.
        var text = message.QuickReplies.Count == 0 ? WhatsAppLimits.Fit(message.Text, WhatsAppLimits.Text) : TextMenu.Render(message);
        json.WriteString("type", "text");
        json.WriteStartObject("text");
        json.WriteBoolean("preview_url", HasLink(text));
        json.WriteString("body", Required(text));
        json.WriteEndObject();
    }

    private static void WriteTemplate(Utf8JsonWriter json, WhatsAppTemplateMessage template)
    {
        json.WriteString("type", "template");
        json.WriteStartObject("template");
        json.WriteString("name", template.Name);
        json.WriteStartObject("language");
        json.WriteString("policy", "deterministic");
        json.WriteString("code", WhatsAppLocales.ToMeta(template.Language));
        json.WriteEndObject();
        if (template.Parameters.Count > 0)
        {
            json.WriteStartArray("components");
            json.WriteStartObject();
            json.WriteString("type", "body");
            json.WriteStartArray("parameters");
            foreach (var parameter in template.Parameters)
            {
                json.WriteStartObject();
                json.WriteString("type", "text");
                json.WriteString("text", TemplateParameter(parameter));
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
            json.WriteEndArray();
        }

        json.WriteEndObject();
    }

    /// <summary>
    /// Meta rejects template parameters that are empty or hold new lines, tabs or more than four spaces in a row
    /// (error 132018): white space collapses to one space, and an empty value becomes "-".
    /// </summary>
    private static string TemplateParameter(string value)
    {
        var collapsed = string.Join(' ', value.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        return collapsed.Length == 0 ? "-" : collapsed;
    }

    private static bool HasLink(string text) =>
        text.Contains("https://", StringComparison.OrdinalIgnoreCase) || text.Contains("http://", StringComparison.OrdinalIgnoreCase);

    /// <summary><paramref name="text"/> unless it is blank, then the placeholder.</summary>
    private static string Required(string? text) => string.IsNullOrWhiteSpace(text) ? Placeholder : text;

    private static byte[] Write(Action<Utf8JsonWriter> body)
    {
        var buffer = new ArrayBufferWriter<byte>(512);
        using (var json = new Utf8JsonWriter(buffer, WriterOptions))
        {
            json.WriteStartObject();
            body(json);
            json.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }
}
