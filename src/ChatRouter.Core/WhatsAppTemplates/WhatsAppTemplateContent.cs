using System.Security.Cryptography;
using System.Text.Json;

namespace ChatRouter.WhatsAppTemplates;

/// <summary>The content hash behind <see cref="WhatsAppTemplateRecord.Version"/>.</summary>
public static class WhatsAppTemplateContent
{
    private static readonly JsonWriterOptions Compact = new() { Indented = false };

    /// <summary>16 hex digits of the SHA-256 of the category and components (types, formats, texts, buttons) in Meta's order.</summary>
    /// <remarks>Written field by field rather than by reflection, so renaming a property never changes every stored hash.</remarks>
    public static string Hash(string category, IReadOnlyList<WhatsAppTemplateComponent> components)
    {
        ArgumentNullException.ThrowIfNull(category);
        ArgumentNullException.ThrowIfNull(components);
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, Compact))
        {
            json.WriteStartObject();
            json.WriteString("category", category);
            json.WriteStartArray("components");
            foreach (var component in components)
            {
                json.WriteStartObject();
                json.WriteString("type", component.Type);
                json.WriteString("format", component.Format);
                json.WriteString("text", component.Text);
                json.WriteStartArray("buttons");
                foreach (var button in component.Buttons)
                {
                    json.WriteStartObject();
                    json.WriteString("type", button.Type);
                    json.WriteString("text", button.Text);
                    json.WriteString("url", button.Url);
                    json.WriteEndObject();
                }

                json.WriteEndArray();
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        return Convert.ToHexStringLower(SHA256.HashData(buffer.ToArray()).AsSpan(0, 8));
    }

    /// <summary>The quick-reply buttons' labels of <paramref name="components"/>.</summary>
    public static IEnumerable<string> QuickReplyTexts(IEnumerable<WhatsAppTemplateComponent> components) =>
        (components ?? []).SelectMany(c => c.Buttons).Where(b => b.Type == "QUICK_REPLY" && b.Text.Length > 0).Select(b => b.Text);
}
