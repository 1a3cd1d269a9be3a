using System.Globalization;
using System.Text;

namespace ChatRouter.Review;

/// <summary>
/// A review item as a row of a training file (<c>text&lt;TAB&gt;intent</c>, no quoting): its text on one line, and the
/// export's comment column, which <c>train</c> ignores.
/// </summary>
public static class TrainingRow
{
    /// <summary>The header of a training file.</summary>
    public const string Header = "text\tintent";

    /// <summary>The header of <c>review export</c>: a training file's, with the comment column.</summary>
    public const string ExportHeader = "text\tintent\t# confidence";

    /// <summary>
    /// The text as one TSV field: every run of whitespace (TABs and line breaks included) becomes one space, and the
    /// ends are trimmed. Empty when nothing is left.
    /// </summary>
    public static string Text(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var builder = new StringBuilder(text.Length);
        var space = false;
        foreach (var c in text)
        {
            // Unicode's line and paragraph separators and NEL are whitespace too, and would start a line in some readers.
            if (char.IsWhiteSpace(c) || char.IsControl(c))
            {
                space = builder.Length > 0;
                continue;
            }

            if (space) builder.Append(' ');
            space = false;
            builder.Append(c);
        }

        return builder.ToString();
    }

    /// <summary>Whether <paramref name="text"/> can be a row's text as it is: not empty, no TAB, no line break, no control character.</summary>
    public static bool IsSafe(string text) =>
        !string.IsNullOrWhiteSpace(text) && !text.Any(c => char.IsControl(c) || c is '\u0085' or '\u2028' or '\u2029') && text == text.Trim();

    /// <summary>An exported row: <c>text&lt;TAB&gt;suggested intent&lt;TAB&gt;# 0.42 not_understood en</c>.</summary>
    public static string Export(ReviewItem item)
    {
        ArgumentNullException.ThrowIfNull(item);
        var intent = string.IsNullOrEmpty(item.Intent) ? Routing.IntentPrediction.OutOfScope : item.Intent;
        return string.Create(CultureInfo.InvariantCulture, $"{Text(item.Text)}\t{intent}\t# {item.Confidence:0.00} {item.Reason} {item.Locale}");
    }
}
