using System.Text.Json;
using ChatRouter.Messaging;

namespace ChatRouter.Server.Channels.WhatsApp;

internal static partial class WhatsAppPayloads
{
    /// <summary>Labels the list button when the reply names none; a symbol reads the same in every locale.</summary>
    private const string DefaultListButton = "☰";

    /// <summary>Up to three reply buttons; false when no option can be a button (then the caller sends text).</summary>
    private static bool TryWriteButtons(Utf8JsonWriter json, OutboundMessage message)
    {
        var options = Usable(message.QuickReplies, WhatsAppLimits.ButtonId).Take(WhatsAppLimits.Buttons).ToList();
        if (options.Count == 0) return false;

        // Meta rejects duplicate button titles; cutting to 20 units can make two titles equal.
        var titles = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        WriteInteractiveStart(json, "button", message.Text);
        json.WriteStartObject("action");
        json.WriteStartArray("buttons");
        foreach (var option in options)
        {
            json.WriteStartObject();
            json.WriteString("type", "reply");
            json.WriteStartObject("reply");
            json.WriteString("id", option.Id);
            json.WriteString("title", Distinct(Title(option, WhatsAppLimits.ButtonTitle), WhatsAppLimits.ButtonTitle, titles));
            json.WriteEndObject();
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteEndObject();
        json.WriteEndObject();
        return true;
    }

    /// <summary>
    /// A list: at most 10 rows over all sections (the rest are dropped, in order), grouped by section in order
    /// of first appearance. Every section gets a title, since Meta's pages disagree on when it is required;
    /// rows without a section go under the list button's label.
    /// </summary>
    private static bool TryWriteList(Utf8JsonWriter json, OutboundMessage message)
    {
        var rows = Usable(message.QuickReplies, WhatsAppLimits.RowId).Take(WhatsAppLimits.ListRows).ToList();
        if (rows.Count == 0) return false;

        var button = WhatsAppLimits.Fit(string.IsNullOrWhiteSpace(message.ListButton) ? DefaultListButton : message.ListButton, WhatsAppLimits.ListButton);
        WriteInteractiveStart(json, "list", message.Text);
        json.WriteStartObject("action");
        json.WriteString("button", button);
        json.WriteStartArray("sections");
        foreach (var group in rows.GroupBy(r => r.Section ?? "", StringComparer.Ordinal).Take(WhatsAppLimits.ListSections))
        {
            var declared = message.Sections.FirstOrDefault(s => string.Equals(s.Id, group.Key, StringComparison.Ordinal))?.Title;
            json.WriteStartObject();
            json.WriteString("title", WhatsAppLimits.Fit(string.IsNullOrWhiteSpace(declared) ? button : declared, WhatsAppLimits.SectionTitle));
            json.WriteStartArray("rows");
            foreach (var row in group)
            {
                json.WriteStartObject();
                json.WriteString("id", row.Id);
                json.WriteString("title", Title(row, WhatsAppLimits.RowTitle));
                if (!string.IsNullOrWhiteSpace(row.Description))
                    json.WriteString("description", WhatsAppLimits.Fit(row.Description, WhatsAppLimits.RowDescription));
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteEndObject();
        json.WriteEndObject();
        return true;
    }

    private static void WriteInteractiveStart(Utf8JsonWriter json, string type, string text)
    {
        json.WriteString("type", "interactive");
        json.WriteStartObject("interactive");
        json.WriteString("type", type);
        json.WriteStartObject("body");
        json.WriteString("text", WhatsAppLimits.Fit(Required(text), WhatsAppLimits.InteractiveBody));
        json.WriteEndObject();
    }

    /// <summary>
    /// Options whose id can travel: an id is what comes back when tapped, so a cut id would route nowhere;
    /// an empty, over-long or repeated id drops its option instead.
    /// </summary>
    private static IEnumerable<QuickReply> Usable(IEnumerable<QuickReply> options, int idLimit)
    {
        var ids = new HashSet<string>(StringComparer.Ordinal);
        return options.Where(o => !string.IsNullOrWhiteSpace(o.Id) && o.Id.Length <= idLimit && ids.Add(o.Id));
    }

    private static string Title(QuickReply option, int limit) =>
        WhatsAppLimits.Fit(string.IsNullOrWhiteSpace(option.Title) ? option.Id : option.Title, limit);

    /// <summary><paramref name="title"/>, or it cut shorter with " 2", " 3" … until no earlier title equals it.</summary>
    private static string Distinct(string title, int limit, HashSet<string> used)
    {
        var candidate = title;
        for (var n = 2; !used.Add(candidate); n++)
        {
            var suffix = " " + n.ToString(System.Globalization.CultureInfo.InvariantCulture);
            candidate = WhatsAppLimits.Fit(title, limit - suffix.Length) + suffix;
        }

        return candidate;
    }
}
