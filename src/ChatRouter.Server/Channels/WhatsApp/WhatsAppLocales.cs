namespace ChatRouter.Server.Channels.WhatsApp;

/// <summary>Our locale tags (BCP 47, "pt-BR") as Meta's template language codes ("pt_BR").</summary>
internal static class WhatsAppLocales
{
    /// <summary>
    /// "pt-BR" → "pt_BR", "en-us" → "en_US", "en" → "en", "es" → "es", "ar" → "ar", "zh-Hant-TW" → "zh_TW".
    /// Meta's codes are a language, optionally "_" and a region; a script subtag has no place in them, and a code
    /// already in Meta's form passes through. Whether a template exists in that code is Meta's answer (132001).
    /// </summary>
    public static string ToMeta(string locale)
    {
        ArgumentNullException.ThrowIfNull(locale);
        var parts = locale.Trim().Split(['-', '_'], StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length == 0) return locale;
        var language = parts[0].ToLowerInvariant();
        var region = parts.Skip(1).FirstOrDefault(p => p.Length == 2 || (p.Length == 3 && p.All(char.IsAsciiDigit)));
        return region is null ? language : $"{language}_{region.ToUpperInvariant()}";
    }
}
