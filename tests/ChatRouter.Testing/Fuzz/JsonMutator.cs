using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;

namespace ChatRouter.Testing.Fuzz;

/// <summary>
/// Bends a payload the ways issue 9 lists: deleted keys, wrong types, huge strings, lone surrogates, invalid
/// UTF-8, byte-order marks, deep nesting, truncation, 10,000-element arrays, plus odd ids, odd numbers and
/// duplicate keys. What no JSON writer produces (a lone surrogate escape, invalid bytes, nesting past the
/// writer's depth, a duplicate key) goes in as an ASCII marker that <see cref="Write"/> splices into the bytes.
/// </summary>
internal sealed class JsonMutator(Random random, int maxStringLength)
{
    private static readonly string[] LoneSurrogates = ["\\ud800", "\\udc00", "\\udc00\\ud800", "\\ud83dx", "\\uDBFF\\uDBFF", "\\udfff"];

    private static readonly byte[][] InvalidUtf8 = [[0xFF], [0xC3, 0x28], [0xED, 0xA0, 0x80], [0xF0, 0x9F, 0x98], [0xC0, 0xAF], [0x80], [0xF8, 0x88, 0x80, 0x80, 0x80], [0xFE, 0xFE]];

    private static readonly string[] OddNumbers = ["1e400", "-0", "123456789012345678901234567890", "-9223372036854775809", "1e-400", "0.1e+308"];

    private static readonly string[] OddIds =
        ["../../etc/passwd", "<script>alert(1)</script>", "", " ", "\u0000", WhatsAppWebhooks.PhoneNumberId, "+" + WhatsAppWebhooks.DisplayPhoneNumber, "US.", "1e5", "١٢٣٤٥٦٧", "16505551234\n", "instance1150"];

    private readonly List<(string Marker, byte[] Bytes, bool Quoted)> _splices = [];

    public List<string> Applied { get; } = [];

    /// <summary>Applies one mutation somewhere in <paramref name="root"/> (which stays the root).</summary>
    public void Mutate(JsonNode root)
    {
        var slots = Slots(root, "$").ToList();
        if (slots.Count == 0) return;
        var slot = slots[random.Next(slots.Count)];
        switch (random.Next(16))
        {
            case 0 or 1 when slot.Parent is JsonObject parent:
                parent.Remove(slot.Key!);
                Applied.Add($"deleted {slot.Path}");
                break;
            case 2 or 3:
                Replace(slot, WrongType(out var type));
                Applied.Add($"{slot.Path} became {type}");
                break;
            case 4:
                var length = StringLength();
                // Spliced as bytes: a million characters through the JSON writer would make the fuzzer the slow part.
                var unit = new[] { "x", "é", "😀" }[random.Next(3)];
                var literal = Encoding.UTF8.GetBytes(unit);
                var text = new byte[2 + (literal.Length * (length / unit.Length))];
                text[0] = text[^1] = (byte)'"';
                for (var at = 1; at < text.Length - 1; at += literal.Length) literal.CopyTo(text, at);
                Replace(slot, JsonValue.Create(NewMarker(text, quoted: true)));
                Applied.Add($"{slot.Path} became a string of {length:N0} characters");
                break;
            case 5 or 6:
                Splice(slot, Encoding.ASCII.GetBytes(LoneSurrogates[random.Next(LoneSurrogates.Length)]), "a lone surrogate escape");
                break;
            case 7 or 8:
                Splice(slot, InvalidUtf8[random.Next(InvalidUtf8.Length)], "invalid UTF-8");
                break;
            case 9:
                var depth = new[] { 9, 20, 62, 63, 64, 65, 100, 1000 }[random.Next(8)];
                var open = random.Next(2) == 0 ? "[" : "{\"a\":";
                var close = open == "[" ? "]" : "}";
                Value(slot, string.Concat(Enumerable.Repeat(open, depth)) + "1" + string.Concat(Enumerable.Repeat(close, depth)));
                Applied.Add($"{slot.Path} became {depth} levels of {(open == "[" ? "arrays" : "objects")}");
                break;
            case 10:
                var element = slot.Node is { } node && node.ToJsonString().Length < 1000 && random.Next(2) == 0 ? node.ToJsonString() : new[] { "0", "{}", "\"x\"", "null" }[random.Next(4)];
                Value(slot, "[" + string.Join(',', Enumerable.Repeat(element, 10_000)) + "]");
                Applied.Add($"{slot.Path} became an array of 10,000 × {(element.Length > 20 ? element[..20] + "…" : element)}");
                break;
            case 11:
                var id = random.Next(4) == 0 ? new string('9', random.Next(16, 20_000)) : OddIds[random.Next(OddIds.Length)];
                Replace(slot, JsonValue.Create(id));
                Applied.Add($"{slot.Path} became the id '{(id.Length > 20 ? id[..20] + "…" : id)}'");
                break;
            case 12:
                var number = OddNumbers[random.Next(OddNumbers.Length)];
                Value(slot, number);
                Applied.Add($"{slot.Path} became {number}");
                break;
            case 13 when slot.Parent is JsonObject owner && slot.Key is { } key:
                // "key~~FZn~~" → "key":0,"key": a duplicate, or "key\ud800": a lone surrogate in a name.
                var duplicate = random.Next(2) == 0;
                var marker = NewMarker(duplicate ? $"\":0,\"{key}" : "\\ud800", quoted: false);
                var value = slot.Node?.DeepClone();
                owner.Remove(key);
                owner[key + marker] = value;
                Applied.Add(duplicate ? $"{slot.Path} appears twice" : $"{slot.Path}'s name has a lone surrogate");
                break;
            case 14:
                var other = slots[random.Next(slots.Count)];
                if (other.Node is null || IsWithin(slot.Node, other.Node)) goto default;
                Replace(slot, other.Node.DeepClone());
                Applied.Add($"{slot.Path} became a copy of {other.Path}");
                break;
            default:
                Replace(slot, slot.Node is JsonArray ? new JsonArray() : new JsonObject());
                Applied.Add($"{slot.Path} became empty");
                break;
        }
    }

    /// <summary>The body as UTF-8 (non-ASCII \u-escaped, as Meta signs, when <paramref name="asciiEscaped"/>), markers spliced in.</summary>
    public byte[] Write(JsonNode root, bool asciiEscaped)
    {
        var bytes = Encoding.UTF8.GetBytes(WhatsAppWebhooks.Json(root, asciiEscaped));
        foreach (var (marker, splice, quoted) in _splices)
        {
            var find = Encoding.ASCII.GetBytes(quoted ? "\"" + marker + "\"" : marker);
            var at = bytes.AsSpan().IndexOf(find);
            if (at >= 0) bytes = [.. bytes.AsSpan(0, at), .. splice, .. bytes.AsSpan(at + find.Length)];
        }

        return bytes;
    }

    /// <summary>Sometimes a byte-order mark in front, a cut, or bytes after the end.</summary>
    public byte[] MutateBytes(byte[] body)
    {
        switch (random.Next(20))
        {
            case 0:
                Applied.Add("a byte-order mark in front");
                return [0xEF, 0xBB, 0xBF, .. body];
            case 1:
                var cut = random.Next(body.Length);
                Applied.Add($"cut after {cut:N0} bytes");
                return body[..cut];
            case 2:
                Applied.Add("garbage after the end");
                return [.. body, .. "}\u0000x"u8];
            default:
                return body;
        }
    }

    private int StringLength() => random.Next(10) switch
    {
        < 4 => random.Next(4_000, 5_000),
        < 7 => 70_000,
        < 9 => Math.Min(1_000_000, maxStringLength),
        _ => maxStringLength,
    };

    private JsonNode? WrongType(out string type)
    {
        var pick = random.Next(9);
        type = new[] { "0", "-1.5", "\"\"", "\"x\"", "true", "false", "null", "{}", "[1,2]" }[pick];
        return pick switch
        {
            0 => JsonValue.Create(0),
            1 => JsonValue.Create(-1.5),
            2 => JsonValue.Create(""),
            3 => JsonValue.Create("x"),
            4 => JsonValue.Create(true),
            5 => JsonValue.Create(false),
            6 => null,
            7 => new JsonObject(),
            _ => new JsonArray(1, 2),
        };
    }

    /// <summary>Puts <paramref name="bytes"/> into the string at <paramref name="slot"/> (or a new string there).</summary>
    private void Splice(Slot slot, byte[] bytes, string what)
    {
        var text = slot.Node is JsonValue value && value.TryGetValue<string>(out var s) ? s : "";
        var at = random.Next(text.Length + 1);
        // Between characters, not inside a surrogate pair.
        if (at > 0 && at < text.Length && char.IsLowSurrogate(text[at])) at--;
        var marker = NewMarker(bytes, quoted: false);
        Replace(slot, JsonValue.Create(text[..at] + marker + text[at..]));
        Applied.Add($"{slot.Path} got {what}");
    }

    private void Value(Slot slot, string json) => Replace(slot, JsonValue.Create(NewMarker(Encoding.ASCII.GetBytes(json), quoted: true)));

    private string NewMarker(string ascii, bool quoted) => NewMarker(Encoding.UTF8.GetBytes(ascii), quoted);

    private string NewMarker(byte[] bytes, bool quoted)
    {
        var marker = "ZQFZ" + _splices.Count.ToString(CultureInfo.InvariantCulture) + "ZQ";
        _splices.Add((marker, bytes, quoted));
        return marker;
    }

    private static void Replace(Slot slot, JsonNode? node)
    {
        if (slot.Parent is JsonObject owner) owner[slot.Key!] = node;
        else if (slot.Parent is JsonArray array) array[slot.Index] = node;
    }

    private static bool IsWithin(JsonNode? ancestor, JsonNode node)
    {
        for (var n = node; n is not null; n = n.Parent)
            if (ReferenceEquals(n, ancestor)) return true;
        return false;
    }

    /// <summary>Every place a value sits (not the root), with a readable path.</summary>
    private static IEnumerable<Slot> Slots(JsonNode? node, string path)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var (key, child) in obj.ToList())
                {
                    var at = $"{path}.{key}";
                    yield return new Slot(obj, key, 0, child, at);
                    foreach (var inner in Slots(child, at)) yield return inner;
                }

                break;
            case JsonArray array:
                for (var i = 0; i < array.Count; i++)
                {
                    var at = $"{path}[{i}]";
                    yield return new Slot(array, null, i, array[i], at);
                    foreach (var inner in Slots(array[i], at)) yield return inner;
                }

                break;
        }
    }

    private sealed record Slot(JsonNode Parent, string? Key, int Index, JsonNode? Node, string Path);
}
