using System.Security.Cryptography;
using System.Text;
using ChatRouter.Diagnostics;

namespace ChatRouter.Nlu.Data;

/// <summary>
/// Reads the contract's training and evaluation files: UTF-8, a header line <c>text&lt;TAB&gt;intent</c>, one
/// example a line, no quoting. Every bad row is reported with its line and column and the fix (R12);
/// blank lines are skipped. A third column that starts with <c>#</c> is a comment and is ignored (what
/// <c>chatrouter review export</c> writes: the confidence and why the message was queued).
/// </summary>
public static class LabeledDataReader
{
    private const string Header = "text\tintent";

    /// <summary>Reads <paramref name="path"/>; throws only for I/O errors (missing file, no access).</summary>
    public static LabeledData Read(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        return Parse(path, File.ReadAllBytes(path));
    }

    /// <summary>Parses the bytes of a file; <paramref name="path"/> names it in the diagnostics.</summary>
    public static LabeledData Parse(string path, ReadOnlySpan<byte> bytes)
    {
        var hash = Convert.ToHexStringLower(SHA256.HashData(bytes));
        var rows = new List<LabeledText>();
        var bag = new DiagnosticBag();
        if (bytes.StartsWith(Encoding.UTF8.Preamble)) bytes = bytes[Encoding.UTF8.Preamble.Length..];

        var lineNumber = 0;
        var sawHeader = false;
        while (!bytes.IsEmpty)
        {
            lineNumber++;
            var end = bytes.IndexOf((byte)'\n');
            var raw = end < 0 ? bytes : bytes[..end];
            bytes = end < 0 ? [] : bytes[(end + 1)..];
            if (raw.EndsWith("\r"u8)) raw = raw[..^1];
            if (!TryDecode(raw, out var line, out var badColumn))
            {
                bag.Add(Error(path, lineNumber, badColumn, "invalid UTF-8; save the file as UTF-8"));
                continue;
            }

            if (!sawHeader)
            {
                sawHeader = true;
                if (IsHeader(line)) continue;
                bag.Add(Error(path, lineNumber, 1, "the first line must be the header 'text<TAB>intent'; add it above the examples"));
            }

            if (line.Trim().Length == 0) continue;
            if (Row(path, lineNumber, line, bag) is { } row) rows.Add(row);
        }

        if (!sawHeader) bag.Add(Error(path, 1, 1, "the file is empty; write the header 'text<TAB>intent' and one example a line"));
        else if (rows.Count == 0 && !bag.HasErrors) bag.Add(Error(path, 1, 1, "no examples; add lines 'text<TAB>intent' below the header"));
        return new LabeledData(path, rows, bag.Items, hash);
    }

    private static LabeledText? Row(string path, int lineNumber, string line, DiagnosticBag bag)
    {
        var tab = line.IndexOf('\t', StringComparison.Ordinal);
        if (tab < 0)
        {
            bag.Add(Error(path, lineNumber, line.Length + 1, "missing TAB between the text and the intent; write 'text<TAB>intent'"));
            return null;
        }

        var secondTab = line.IndexOf('\t', tab + 1);
        if (secondTab >= 0 && !IsComment(line.AsSpan(secondTab + 1)))
        {
            bag.Add(Error(path, lineNumber, secondTab + 1, "more than one TAB; the format has no quoting, so replace the TAB inside the text with a space (a third column is a comment and starts with '#')"));
            return null;
        }

        var text = line[..tab].Trim();
        var intent = (secondTab < 0 ? line[(tab + 1)..] : line[(tab + 1)..secondTab]).Trim();
        if (text.Length == 0)
        {
            bag.Add(Error(path, lineNumber, 1, "empty text; write the customer's message before the TAB"));
            return null;
        }

        if (intent.Length == 0)
        {
            bag.Add(Error(path, lineNumber, tab + 2, "empty intent; write an intent name (such as 'greeting', or 'oos' for out of scope) after the TAB"));
            return null;
        }

        var badChar = intent.AsSpan().IndexOfAnyExcept(IntentChars);
        if (badChar >= 0)
        {
            bag.Add(Error(path, lineNumber, tab + 2 + line.AsSpan(tab + 1).IndexOf(intent.AsSpan()) + badChar, $"intent '{intent}' has the character '{intent[badChar]}'; intent names use a-z, 0-9, '_', '-' and '.'"));
            return null;
        }

        return new LabeledText(text, intent, lineNumber);
    }

    /// <summary><c>text&lt;TAB&gt;intent</c>, optionally followed by a comment column's title (<c>&lt;TAB&gt;# confidence</c>).</summary>
    private static bool IsHeader(string line)
    {
        var trimmed = line.Trim();
        if (trimmed == Header) return true;
        return trimmed.StartsWith(Header + "\t", StringComparison.Ordinal) && IsComment(trimmed.AsSpan(Header.Length + 1));
    }

    private static bool IsComment(ReadOnlySpan<char> column) => column.TrimStart().StartsWith('#');

    private static readonly System.Buffers.SearchValues<char> IntentChars =
        System.Buffers.SearchValues.Create("abcdefghijklmnopqrstuvwxyz0123456789_-.");

    private static bool TryDecode(ReadOnlySpan<byte> raw, out string line, out int badColumn)
    {
        var at = 0;
        while (at < raw.Length)
        {
            if (System.Text.Rune.DecodeFromUtf8(raw[at..], out _, out var consumed) != System.Buffers.OperationStatus.Done)
            {
                line = "";
                badColumn = Encoding.UTF8.GetCharCount(raw[..at]) + 1;
                return false;
            }

            at += consumed;
        }

        line = Encoding.UTF8.GetString(raw);
        badColumn = 0;
        return true;
    }

    private static Diagnostic Error(string path, int line, int column, string message) =>
        new(path, line, column, Severity.Error, message);
}
