using System.Globalization;
using System.Text;
using System.Text.Unicode;

namespace ChatRouter.Server.Channels;

/// <summary>
/// Repairs for JSON that is well-formed but not valid Unicode. System.Text.Json throws when it reads such a
/// string (a lone surrogate escape <c>"\ud800"</c>, invalid UTF-8 bytes); a provider retries whatever we do not
/// answer 200 for days, so the bad parts become U+FFFD instead and the rest of the delivery goes through.
/// </summary>
internal static class JsonStrings
{
    private static ReadOnlySpan<byte> Bom => [0xEF, 0xBB, 0xBF];

    /// <summary>
    /// The body ready for the JSON parser: without a UTF-8 byte-order mark, and with invalid UTF-8 sequences
    /// replaced by U+FFFD (<paramref name="repaired"/> says whether any were).
    /// </summary>
    public static ReadOnlyMemory<byte> Prepare(byte[] body, out bool repaired)
    {
        ArgumentNullException.ThrowIfNull(body);
        var memory = body.AsMemory();
        if (memory.Span.StartsWith(Bom)) memory = memory[Bom.Length..];
        repaired = !Utf8.IsValid(memory.Span);
        // Encoding.UTF8 decodes each invalid sequence as U+FFFD (it never throws), so the round trip is the repair.
        return repaired ? Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(memory.Span)) : memory;
    }

    /// <summary>The text of a JSON string literal (with its quotes, as <c>GetRawText</c> gives it), lone surrogates as U+FFFD.</summary>
    public static string Unescape(string literal)
    {
        ArgumentNullException.ThrowIfNull(literal);
        var raw = literal.Length >= 2 && literal[0] == '"' && literal[^1] == '"' ? literal.AsSpan(1, literal.Length - 2) : literal.AsSpan();
        var text = new StringBuilder(raw.Length);
        for (var i = 0; i < raw.Length; i++)
        {
            if (raw[i] != '\\' || i + 1 >= raw.Length)
            {
                text.Append(raw[i]);
                continue;
            }

            var escape = raw[++i];
            switch (escape)
            {
                case 'b': text.Append('\b'); break;
                case 'f': text.Append('\f'); break;
                case 'n': text.Append('\n'); break;
                case 'r': text.Append('\r'); break;
                case 't': text.Append('\t'); break;
                case 'u' when i + 4 < raw.Length && ushort.TryParse(raw.Slice(i + 1, 4), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var unit):
                    text.Append((char)unit);
                    i += 4;
                    break;
                default: text.Append(escape); break;
            }
        }

        return ReplaceLoneSurrogates(text);
    }

    private static string ReplaceLoneSurrogates(StringBuilder text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            if (char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1])) i++;
            else if (char.IsSurrogate(text[i])) text[i] = '\uFFFD';
        }

        return text.ToString();
    }
}
