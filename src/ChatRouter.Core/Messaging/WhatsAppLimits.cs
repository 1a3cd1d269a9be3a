namespace ChatRouter.Messaging;

/// <summary>
/// WhatsApp Cloud API limits on interactive messages, in UTF-16 code units (the stricter count; Meta does not
/// say which it uses). The validator checks rendered flows against them and the senders never exceed them.
/// </summary>
public static class WhatsAppLimits
{
    /// <summary>Reply buttons per message.</summary>
    public const int Buttons = 3;

    /// <summary>Reply button title.</summary>
    public const int ButtonTitle = 20;

    /// <summary>Reply button id.</summary>
    public const int ButtonId = 256;

    /// <summary>The label of the button that opens a list.</summary>
    public const int ListButton = 20;

    /// <summary>Rows across all sections of a list.</summary>
    public const int ListRows = 10;

    /// <summary>Sections of a list.</summary>
    public const int ListSections = 10;

    /// <summary>List row title.</summary>
    public const int RowTitle = 24;

    /// <summary>List row id.</summary>
    public const int RowId = 200;

    /// <summary>List row description.</summary>
    public const int RowDescription = 72;

    /// <summary>List section title.</summary>
    public const int SectionTitle = 24;

    /// <summary>Body of an interactive message (buttons; lists are held to the same, stricter bound).</summary>
    public const int InteractiveBody = 1024;

    /// <summary>Text message body.</summary>
    public const int Text = 4096;

    /// <summary>Cuts <paramref name="text"/> to <paramref name="limit"/> UTF-16 units without splitting a surrogate pair, ending with '…'.</summary>
    public static string Fit(string text, int limit)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.Length <= limit) return text;
        var cut = limit - 1;
        if (cut > 0 && char.IsHighSurrogate(text[cut - 1])) cut--;
        return string.Concat(text.AsSpan(0, cut), "…");
    }
}
