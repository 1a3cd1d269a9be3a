using System.Buffers.Text;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Unicode;

namespace ChatRouter.Server.Channels;

/// <summary>
/// Repairs for JSON that is well-formed but not valid Unicode. System.Text.Json throws when it reads such a
/// string or property name (a lone surrogate escape <c>"\ud800"</c>, invalid UTF-8 bytes); a provider retries
/// whatever we do not answer 200 for days, so the bad parts become U+FFFD instead and the rest of the delivery
/// goes through. Webhooks and the events API read every body through <see cref="Parse"/>.
/// </summary>
internal static class JsonStrings
{
    /// <summary>The deepest nesting read; deeper bodies are not JSON we accept (JsonException, answered 400).</summary>
    public const int MaxDepth = 64;

    private static readonly JsonDocumentOptions Options = new() { MaxDepth = MaxDepth };

    private static ReadOnlySpan<byte> Bom => [0xEF, 0xBB, 0xBF];

    /// <summary>The body as a JSON document, after <see cref="Prepare"/>.</summary>
    /// <exception cref="JsonException">The body is not JSON, or nests deeper than <see cref="MaxDepth"/>.</exception>
    public static JsonDocument Parse(byte[] body, out bool repaired) => JsonDocument.Parse(Prepare(body, out repaired), Options);

    /// <summary>
    /// The body ready for the JSON parser: without a UTF-8 byte-order mark, with invalid UTF-8 sequences replaced
    /// by U+FFFD, and with surrogate escapes that are not part of a pair rewritten as <c>\ufffd</c>
    /// (<paramref name="repaired"/> says whether anything was).
    /// </summary>
    public static ReadOnlyMemory<byte> Prepare(byte[] body, out bool repaired)
    {
        ArgumentNullException.ThrowIfNull(body);
        var memory = body.AsMemory();
        if (memory.Span.StartsWith(Bom)) memory = memory[Bom.Length..];
        byte[]? copy = null;
        // Encoding.UTF8 decodes each invalid sequence as U+FFFD (it never throws), so the round trip is the repair.
        if (!Utf8.IsValid(memory.Span)) copy = Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(memory.Span));
        var utf8Repaired = copy is not null;
        var escapesRepaired = RepairSurrogateEscapes(copy ?? memory.Span, ref copy);
        repaired = utf8Repaired || escapesRepaired;
        return copy ?? memory;
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

    /// <summary>
    /// Rewrites each <c>\uD800</c>–<c>\uDFFF</c> escape that is not a high surrogate followed by a low one as
    /// <c>\uFFFD</c>, in place in <paramref name="copy"/> (made on the first repair). Both escapes have six
    /// bytes, so no offset moves. Outside strings nothing is touched: the parser judges the rest.
    /// </summary>
    private static bool RepairSurrogateEscapes(ReadOnlySpan<byte> json, ref byte[]? copy)
    {
        var repaired = false;
        var inString = false;
        for (var i = 0; i < json.Length; i++)
        {
            var b = json[i];
            if (b == (byte)'"') inString = !inString;
            if (!inString || b != (byte)'\\' || i + 1 >= json.Length) continue;
            if (json[i + 1] != (byte)'u' || !TryHex(json, i + 2, out var unit))
            {
                // \" and \\ must not end or start anything: skip the escaped byte.
                i++;
                continue;
            }

            if (char.IsHighSurrogate(unit) && i + 11 < json.Length && json[i + 6] == (byte)'\\' && json[i + 7] == (byte)'u'
                && TryHex(json, i + 8, out var next) && char.IsLowSurrogate(next))
            {
                i += 11;
                continue;
            }

            if (char.IsSurrogate(unit))
            {
                copy ??= json.ToArray();
                "FFFD"u8.CopyTo(copy.AsSpan(i + 2));
                repaired = true;
            }

            i += 5;
        }

        return repaired;
    }

    private static bool TryHex(ReadOnlySpan<byte> json, int start, out char unit)
    {
        unit = '\0';
        if (start + 4 > json.Length) return false;
        var ok = Utf8Parser.TryParse(json.Slice(start, 4), out ushort value, out var consumed, 'x') && consumed == 4;
        unit = (char)value;
        return ok;
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
