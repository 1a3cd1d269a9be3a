using System.Globalization;
using System.Text;

namespace ChatRouter.Text;

/// <summary>
/// The one normalisation every keyword, quick-reply title and typed answer goes through before it is compared:
/// Unicode NFKC, lower case (invariant), digits of any script as ASCII, runs of spaces collapsed and
/// (for matching only) accents and tatweel removed, so "Menú", "MENU " and "menu" are the same word.
/// </summary>
public static class TextNormalizer
{
    /// <summary>NFKC, trimmed, collapsed whitespace, any-script digits as ASCII. Keeps case and accents.</summary>
    public static string Clean(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var normalized = text.IsNormalized(NormalizationForm.FormKC) ? text : text.Normalize(NormalizationForm.FormKC);
        var builder = new StringBuilder(normalized.Length);
        var space = false;
        foreach (var c in normalized)
        {
            if (char.IsWhiteSpace(c) || c == '\u200B' || c == '\uFEFF')
            {
                space = builder.Length > 0;
                continue;
            }

            if (space)
            {
                builder.Append(' ');
                space = false;
            }

            builder.Append(char.IsDigit(c) && c > '9' ? (char)('0' + (int)char.GetNumericValue(c)) : c);
        }

        return builder.ToString();
    }

    /// <summary>
    /// The key two texts are compared on: <see cref="Clean"/>, lower case, accents (combining marks) and Arabic
    /// tatweel removed, Arabic letter variants unified, then only the words, one space apart: "¿Sí, claro!" and
    /// "si claro" have the same key.
    /// </summary>
    public static string MatchKey(string text) => string.Join(' ', Words(Folded(text)));

    private static string Folded(string text)
    {
        var cleaned = Clean(text).ToLowerInvariant();
        var decomposed = cleaned.Normalize(NormalizationForm.FormD);
        var builder = new StringBuilder(decomposed.Length);
        foreach (var c in decomposed)
        {
            var category = CharUnicodeInfo.GetUnicodeCategory(c);
            if (category is UnicodeCategory.NonSpacingMark or UnicodeCategory.EnclosingMark) continue;
            if (c == '\u0640') continue;
            builder.Append(c switch
            {
                'ı' => 'i',
                'ß' => 's',
                'ø' => 'o',
                'ł' => 'l',
                'أ' or 'إ' or 'آ' => 'ا',
                'ى' => 'ي',
                'ة' => 'ه',
                _ => c,
            });
        }

        return builder.ToString().Normalize(NormalizationForm.FormC);
    }

    /// <summary>Words of a text: runs of letters, digits and marks; everything else separates.</summary>
    public static IReadOnlyList<string> Words(string matchKey)
    {
        var words = new List<string>();
        var start = -1;
        for (var i = 0; i <= matchKey.Length; i++)
        {
            var inWord = i < matchKey.Length && (char.IsLetterOrDigit(matchKey[i]) || char.GetUnicodeCategory(matchKey[i]) is UnicodeCategory.SpacingCombiningMark or UnicodeCategory.NonSpacingMark);
            if (inWord && start < 0) start = i;
            else if (!inWord && start >= 0)
            {
                words.Add(matchKey[start..i]);
                start = -1;
            }
        }

        return words;
    }
}
