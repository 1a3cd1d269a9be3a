using System.Text;
using System.Text.Json;

namespace ChatRouter.Diagnostics;

/// <summary>
/// A JSON file parsed with the position of every value and property name kept by JSON Pointer, since
/// System.Text.Json keeps none. Syntax errors, wrong encodings and duplicate keys become diagnostics.
/// </summary>
internal sealed class JsonSource
{
    private readonly Dictionary<string, TextPosition> _values;
    private readonly Dictionary<string, TextPosition> _names;

    private JsonSource(string path, JsonDocument document, Dictionary<string, TextPosition> values, Dictionary<string, TextPosition> names)
    {
        Path = path;
        Document = document;
        _values = values;
        _names = names;
    }

    public string Path { get; }

    public JsonDocument Document { get; }

    public JsonElement Root => Document.RootElement;

    /// <summary>Where the value at <paramref name="pointer"/> starts, or the nearest parent that exists.</summary>
    public TextPosition ValueAt(string pointer)
    {
        while (true)
        {
            if (_values.TryGetValue(pointer, out var at)) return at;
            if (pointer.Length == 0) return TextPosition.Start;
            pointer = pointer[..pointer.LastIndexOf('/')];
        }
    }

    /// <summary>Where the property name of the member at <paramref name="pointer"/> starts (falls back to its value).</summary>
    public TextPosition NameAt(string pointer) =>
        _names.TryGetValue(pointer, out var at) ? at : ValueAt(pointer);

    /// <summary>Reads and parses a file; on failure returns null with the reason in <paramref name="diagnostics"/>.</summary>
    public static JsonSource? Load(string path, DiagnosticBag diagnostics)
    {
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            diagnostics.Error(path, TextPosition.Start, $"cannot read the file: {e.Message}");
            return null;
        }

        return Parse(path, bytes, diagnostics);
    }

    public static JsonSource? Parse(string path, byte[] bytes, DiagnosticBag diagnostics)
    {
        var encodingProblem = EncodingProblem(bytes);
        if (encodingProblem is not null)
        {
            diagnostics.Error(path, TextPosition.Start, encodingProblem);
            return null;
        }

        var offset = bytes.AsSpan().StartsWith(Utf8Bom) ? Utf8Bom.Length : 0;
        var memory = new ReadOnlyMemory<byte>(bytes, offset, bytes.Length - offset);
        var lines = new LineMap(memory.Span);
        var values = new Dictionary<string, TextPosition>(StringComparer.Ordinal);
        var names = new Dictionary<string, TextPosition>(StringComparer.Ordinal);
        var before = diagnostics.ErrorCount;
        try
        {
            Scan(path, memory.Span, lines, values, names, diagnostics);
        }
        catch (JsonException e)
        {
            var line = (int)(e.LineNumber ?? 0) + 1;
            var column = lines.ColumnOf(line, (int)(e.BytePositionInLine ?? 0));
            diagnostics.Add(new Diagnostic(path, line, column, Severity.Error, $"malformed JSON: {Describe(e)}"));
            return null;
        }

        if (diagnostics.ErrorCount > before) return null;
        var document = JsonDocument.Parse(memory, new JsonDocumentOptions { MaxDepth = 64 });
        return new JsonSource(path, document, values, names);
    }

    private static readonly byte[] Utf8Bom = [0xEF, 0xBB, 0xBF];

    private static string? EncodingProblem(byte[] bytes)
    {
        if (bytes.Length >= 2 && ((bytes[0] == 0xFF && bytes[1] == 0xFE) || (bytes[0] == 0xFE && bytes[1] == 0xFF)))
            return "the file is UTF-16; save it as UTF-8";
        if (bytes.Length >= 4 && bytes[0] != 0 && bytes[1] == 0 && bytes[3] == 0)
            return "the file looks like UTF-16 without a byte order mark; save it as UTF-8";
        try
        {
            _ = new UTF8Encoding(false, true).GetCharCount(bytes);
            return null;
        }
        catch (DecoderFallbackException e)
        {
            return $"the file is not valid UTF-8 (bad byte at offset {e.Index}); save it as UTF-8";
        }
    }

    private static string Describe(JsonException e)
    {
        // System.Text.Json appends "Path: $ | LineNumber: 0 | BytePositionInLine: 7." with 0-based numbers; we print our own.
        var message = e.Message;
        var cut = message.IndexOf(" Path: ", StringComparison.Ordinal);
        if (cut < 0) cut = message.IndexOf(" LineNumber: ", StringComparison.Ordinal);
        return (cut > 0 ? message[..cut] : message).TrimEnd('.', ' ');
    }

    private static void Scan(
        string path,
        ReadOnlySpan<byte> json,
        LineMap lines,
        Dictionary<string, TextPosition> values,
        Dictionary<string, TextPosition> names,
        DiagnosticBag diagnostics)
    {
        var reader = new Utf8JsonReader(json, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Disallow, MaxDepth = 64 });
        // Each open container: its pointer, the next array index, and (objects) the keys seen so far.
        var stack = new Stack<Frame>();
        string? pendingName = null;
        while (reader.Read())
        {
            var at = lines.PositionOf((int)reader.TokenStartIndex);
            switch (reader.TokenType)
            {
                case JsonTokenType.PropertyName:
                {
                    var frame = stack.Peek();
                    var name = reader.GetString()!;
                    var pointer = frame.Pointer + "/" + Escape(name);
                    if (!frame.Keys!.Add(name))
                        diagnostics.Error(path, at, $"duplicate key '{name}': JSON keeps only the last one; rename or merge it");
                    names[pointer] = at;
                    pendingName = pointer;
                    continue;
                }

                case JsonTokenType.EndObject:
                case JsonTokenType.EndArray:
                    stack.Pop();
                    continue;
            }

            var valuePointer = NextPointer(stack, ref pendingName);
            values[valuePointer] = at;
            if (reader.TokenType == JsonTokenType.StartObject)
                stack.Push(new Frame(valuePointer, new HashSet<string>(StringComparer.Ordinal)));
            else if (reader.TokenType == JsonTokenType.StartArray)
                stack.Push(new Frame(valuePointer, null));
        }
    }

    private static string NextPointer(Stack<Frame> stack, ref string? pendingName)
    {
        if (stack.Count == 0) return "";
        var frame = stack.Peek();
        if (frame.Keys is null) return frame.Pointer + "/" + (frame.Index++).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var pointer = pendingName!;
        pendingName = null;
        return pointer;
    }

    /// <summary>JSON Pointer escaping (RFC 6901).</summary>
    public static string Escape(string token) =>
        token.Replace("~", "~0", StringComparison.Ordinal).Replace("/", "~1", StringComparison.Ordinal);

    private sealed class Frame(string pointer, HashSet<string>? keys)
    {
        public string Pointer { get; } = pointer;

        public HashSet<string>? Keys { get; } = keys;

        public int Index { get; set; }
    }

    /// <summary>Byte offsets of line starts, to turn an offset into a line and a character column.</summary>
    private sealed class LineMap
    {
        private readonly List<int> _starts = [0];
        private readonly byte[] _text;

        public LineMap(ReadOnlySpan<byte> text)
        {
            _text = text.ToArray();
            for (var i = 0; i < text.Length; i++)
            {
                if (text[i] == (byte)'\n') _starts.Add(i + 1);
            }
        }

        public TextPosition PositionOf(int offset)
        {
            var index = _starts.BinarySearch(offset);
            var line = index >= 0 ? index : ~index - 1;
            return new TextPosition(line + 1, CharsBetween(_starts[line], offset) + 1);
        }

        public int ColumnOf(int line, int bytesInLine)
        {
            if (line - 1 >= _starts.Count) return bytesInLine + 1;
            var start = _starts[line - 1];
            return CharsBetween(start, Math.Min(start + bytesInLine, _text.Length)) + 1;
        }

        private int CharsBetween(int start, int end) =>
            end <= start ? 0 : Encoding.UTF8.GetCharCount(_text, start, end - start);
    }
}
