using System.Globalization;
using System.Text;
using ChatRouter.Messaging;

namespace ChatRouter.Server.Channels;

/// <summary>
/// Quick replies as text, for channels without buttons: the text, a blank line, then "1. Title" or
/// "2. Title — description", numbered in the reply's order because the engine reads a typed number as that
/// option; list sections become small bold headings. Never longer than a WhatsApp text (4096 UTF-16 units).
/// </summary>
internal static class TextMenu
{
    public static string Render(OutboundMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (message.QuickReplies.Count == 0) return WhatsAppLimits.Fit(message.Text, WhatsAppLimits.Text);

        var menu = Menu(message);
        var text = message.Text.TrimEnd();
        // The options are what the customer answers with, so the text gives way, never the menu.
        var room = WhatsAppLimits.Text - menu.Length - 2;
        if (text.Length > 0 && room >= 2) return WhatsAppLimits.Fit(text, room) + "\n\n" + menu;

        // Only a menu of dozens of long options fills 4096 alone; then cutting it is all that is left.
        return WhatsAppLimits.Fit(menu, WhatsAppLimits.Text);
    }

    private static string Menu(OutboundMessage message)
    {
        var menu = new StringBuilder();
        string? section = null;
        for (var i = 0; i < message.QuickReplies.Count; i++)
        {
            var option = message.QuickReplies[i];
            if (option.Section is { } id && !string.Equals(id, section, StringComparison.Ordinal))
            {
                section = id;
                var title = message.Sections.FirstOrDefault(s => string.Equals(s.Id, id, StringComparison.Ordinal))?.Title;
                if (menu.Length > 0) menu.Append('\n');
                menu.Append('*').Append(OneLine(string.IsNullOrWhiteSpace(title) ? id : title)).Append("*\n");
            }

            menu.Append((i + 1).ToString(CultureInfo.InvariantCulture)).Append(". ")
                .Append(OneLine(string.IsNullOrWhiteSpace(option.Title) ? option.Id : option.Title));
            if (!string.IsNullOrWhiteSpace(option.Description)) menu.Append(" — ").Append(OneLine(option.Description));
            if (i < message.QuickReplies.Count - 1) menu.Append('\n');
        }

        return menu.ToString();
    }

    /// <summary>A line break inside a title would read as a new, unnumbered option.</summary>
    private static string OneLine(string text) => text.ReplaceLineEndings(" ").Trim();
}
