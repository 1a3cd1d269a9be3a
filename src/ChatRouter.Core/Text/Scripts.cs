using System.Text;

namespace ChatRouter.Text;

/// <summary>
/// The writing system of a message, as evidence of its language: Arabic letters are not English, whatever a
/// Latin-trained detector says, and a locale with reply templates but no model can still be recognised.
/// </summary>
internal static class Scripts
{
    /// <summary>Languages written in each non-Latin script, most widely used first.</summary>
    private static readonly (Func<int, bool> Contains, string[] Languages)[] Table =
    [
        (c => c is >= 0x0600 and <= 0x06FF or >= 0x0750 and <= 0x077F or >= 0x08A0 and <= 0x08FF or >= 0xFB50 and <= 0xFDFF or >= 0xFE70 and <= 0xFEFF, ["ar", "fa", "ur"]),
        (c => c is >= 0x0590 and <= 0x05FF, ["he", "yi"]),
        (c => c is >= 0x0400 and <= 0x04FF, ["ru", "uk", "bg", "sr"]),
        (c => c is >= 0x0370 and <= 0x03FF, ["el"]),
        (c => c is >= 0x0900 and <= 0x097F, ["hi", "mr", "ne"]),
        (c => c is >= 0x0E00 and <= 0x0E7F, ["th"]),
        (c => c is >= 0xAC00 and <= 0xD7AF or >= 0x1100 and <= 0x11FF, ["ko"]),
        (c => c is >= 0x3040 and <= 0x30FF, ["ja"]),
        (c => c is >= 0x4E00 and <= 0x9FFF, ["zh", "ja"]),
    ];

    /// <summary>
    /// The locale of <paramref name="available"/> whose language is written in the script of most of the
    /// text's letters, when that script is not Latin; null for Latin text, text without letters, or a script
    /// none of the available locales uses.
    /// </summary>
    public static string? LocaleOf(string text, IReadOnlyCollection<string> available)
    {
        var counts = new int[Table.Length];
        var letters = 0;
        foreach (var rune in text.EnumerateRunes())
        {
            if (!Rune.IsLetter(rune)) continue;
            letters++;
            for (var i = 0; i < Table.Length; i++)
            {
                if (Table[i].Contains(rune.Value))
                {
                    counts[i]++;
                    break;
                }
            }
        }

        var best = Array.IndexOf(counts, counts.Max());
        if (letters == 0 || counts[best] * 2 <= letters) return null;
        foreach (var language in Table[best].Languages)
        {
            var match = available.FirstOrDefault(a => string.Equals(Locales.Language(a), language, StringComparison.OrdinalIgnoreCase));
            if (match is not null) return match;
        }

        return null;
    }

    /// <summary>True when the text's letters are mostly in a script other than Latin.</summary>
    public static bool IsMostlyNonLatin(string text)
    {
        int letters = 0, latin = 0;
        foreach (var rune in text.EnumerateRunes())
        {
            if (!Rune.IsLetter(rune)) continue;
            letters++;
            if (rune.Value < 0x0250 || rune.Value is >= 0x1E00 and <= 0x1EFF) latin++;
        }

        return letters > 0 && latin * 2 < letters;
    }
}
