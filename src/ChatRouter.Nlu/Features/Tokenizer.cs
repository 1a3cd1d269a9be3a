using System.Globalization;
using System.Text;

namespace ChatRouter.Nlu.Features;

/// <summary>A token of a normalised text: a range of it, and whether it is a word or an emoji/symbol.</summary>
internal readonly record struct Token(int Start, int Length, bool IsWord);

/// <summary>
/// Splits a normalised text into words (letters, digits and marks, with an apostrophe or hyphen allowed
/// between letters) and emoji or other symbols, one token each. Punctuation and spaces separate tokens.
/// </summary>
internal static class Tokenizer
{
    public static int Tokenize(string text, Span<Token> tokens)
    {
        var count = 0;
        var i = 0;
        while (i < text.Length && count < tokens.Length)
        {
            var rune = Rune.GetRuneAt(text, i);
            if (IsWordRune(rune))
            {
                var start = i;
                i += rune.Utf16SequenceLength;
                while (i < text.Length)
                {
                    var next = Rune.GetRuneAt(text, i);
                    if (IsWordRune(next))
                    {
                        i += next.Utf16SequenceLength;
                    }
                    else if (IsJoiner(next) && i + 1 < text.Length && char.IsLetter(text[i - 1]) && char.IsLetter(text[i + 1]))
                    {
                        i++;
                    }
                    else
                    {
                        break;
                    }
                }

                tokens[count++] = new Token(start, i - start, IsWord: true);
            }
            else if (IsSymbol(rune))
            {
                tokens[count++] = new Token(i, rune.Utf16SequenceLength, IsWord: false);
                i += rune.Utf16SequenceLength;
            }
            else
            {
                i += rune.Utf16SequenceLength;
            }
        }

        return count;
    }

    private static bool IsWordRune(Rune rune) => Rune.GetUnicodeCategory(rune) is
        UnicodeCategory.UppercaseLetter or UnicodeCategory.LowercaseLetter or UnicodeCategory.TitlecaseLetter
        or UnicodeCategory.ModifierLetter or UnicodeCategory.OtherLetter or UnicodeCategory.DecimalDigitNumber
        or UnicodeCategory.LetterNumber or UnicodeCategory.OtherNumber
        or UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark;

    private static bool IsJoiner(Rune rune) => rune.Value is '\'' or '’' or '-';

    // Emoji are OtherSymbol; currency and math signs too ("$", "+"), which say something in a chat message.
    // Skin-tone modifiers (ModifierSymbol), variation selectors and ZWJ are left out, so "👍🏽" is "👍".
    private static bool IsSymbol(Rune rune) => Rune.GetUnicodeCategory(rune) is
        UnicodeCategory.OtherSymbol or UnicodeCategory.CurrencySymbol or UnicodeCategory.MathSymbol
        && !(rune.Value is >= 0x1F3FB and <= 0x1F3FF);
}
