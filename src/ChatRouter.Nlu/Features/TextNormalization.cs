using System.Globalization;
using System.Text;
using ChatRouter.Text;

namespace ChatRouter.Nlu.Features;

/// <summary>
/// The text a model sees: <see cref="TextNormalizer.Clean"/> (NFKC, whitespace, any-script digits as ASCII),
/// lower case (invariant), every digit as '0' (an order number's shape matters, its value does not) and,
/// when the settings say so, accents removed.
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
            if (CharUnicodeInfo.GetUnicodeCategory(c) is not (UnicodeCategory.NonSpacingMark or UnicodeCategory.EnclosingMark)) builder.Append(c);
        }

        return builder.ToString().Normalize(NormalizationForm.FormC);
    }
}
