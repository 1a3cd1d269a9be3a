using System.Globalization;
using System.Text;
using ChatRouter.Text;

namespace ChatRouter.Nlu.Features;

/// <summary>
/// The text a model sees: <see cref="TextNormalizer.Clean"/> (NFKC, whitespace, any-script digits as ASCII),
/// lower case (invariant), every digit as '0' (an order number's shape matters, its value does not) and,
/// when the settings say so, accents removed (not the vowel signs some scripts write as marks).
/// </summary>
internal static class TextNormalization
{
    public static string Normalize(string text, bool foldDiacritics)
    {
        var cleaned = TextNormalizer.Clean(text).ToLowerInvariant();
        if (foldDiacritics) cleaned = Fold(cleaned);
        if (!cleaned.AsSpan().ContainsAnyInRange('1', '9')) return cleaned;
        return string.Create(cleaned.Length, cleaned, static (span, source) =>
        {
            for (var i = 0; i < source.Length; i++) span[i] = char.IsAsciiDigit(source[i]) ? '0' : source[i];
        });
    }

    private static string Fold(string text)
    {
        if (Ascii.IsValid(text)) return text;
        var decomposed = text.Normalize(NormalizationForm.FormD);
        var builder = new StringBuilder(decomposed.Length);
        foreach (var c in decomposed)
        {
            if (!IsAccent(c)) builder.Append(c);
        }

        return builder.ToString().Normalize(NormalizationForm.FormC);
    }

    /// <summary>
    /// Accents, Arabic harakat and Hebrew points: marks a writer may or may not type for the same word. Not the
    /// vowel signs of Indic, Thai and other Brahmic scripts or the kana voicing marks (が is not か), which are
    /// letters in all but Unicode category: removing them would merge different words.
    /// </summary>
    private static bool IsAccent(char c) =>
        CharUnicodeInfo.GetUnicodeCategory(c) is UnicodeCategory.NonSpacingMark or UnicodeCategory.EnclosingMark
        && c is (>= '\u0300' and <= '\u036F') // combining diacritical marks (Latin, Greek, Cyrillic)
            or (>= '\u0483' and <= '\u0489') // Cyrillic
            or (>= '\u0591' and <= '\u05C7') // Hebrew points and cantillation
            or (>= '\u0610' and <= '\u061A') or (>= '\u064B' and <= '\u065F') or '\u0670' or (>= '\u06D6' and <= '\u06ED') // Arabic
            or (>= '\u1AB0' and <= '\u1AFF') or (>= '\u1DC0' and <= '\u1DFF') or (>= '\u20D0' and <= '\u20FF') or (>= '\uFE20' and <= '\uFE2F');
}
