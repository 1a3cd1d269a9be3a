using System.Text;
using ChatRouter.Nlu.Features;

namespace ChatRouter.Nlu.Languages;

/// <summary>
/// How a locale's training texts are written: counts of the character 1–3-grams of their space-padded words
/// (lower case, accents kept, since "não" and "nao" tell Portuguese from Spanish). Saved in the model file, so
/// language detection works among exactly the locales that have models.
/// </summary>
internal sealed class LanguageProfile
{
    public const int MaxOrder = 3;
    private const int Magic = 0x43524C50; // "CRLP"
    private const int Version = 1;

    private readonly Dictionary<string, int> _counts;

    private LanguageProfile(Dictionary<string, int> counts)
    {
        _counts = counts;
        Total = counts.Values.Sum(c => (long)c);
    }

    public long Total { get; }

    public int Distinct => _counts.Count;

    public static LanguageProfile Build(IEnumerable<string> texts)
    {
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var text in texts)
        {
            foreach (var gram in Grams(text)) counts[gram] = counts.GetValueOrDefault(gram) + 1;
        }

        return new LanguageProfile(counts);
    }

    public int Count(string gram) => _counts.GetValueOrDefault(gram);

    /// <summary>The character 1–3-grams of the words of a raw text.</summary>
    public static IEnumerable<string> Grams(string text)
    {
        var normalized = TextNormalization.Normalize(text, foldDiacritics: false);
        var tokens = new Token[Math.Min(normalized.Length + 1, 512)];
        var count = Tokenizer.Tokenize(normalized, tokens);
        for (var t = 0; t < count; t++)
        {
            if (!tokens[t].IsWord) continue;
            var padded = string.Concat(" ", normalized.AsSpan(tokens[t].Start, tokens[t].Length), " ");
            for (var n = 1; n <= MaxOrder; n++)
            {
                for (var s = 0; s + n <= padded.Length; s++)
                {
                    if (n == 1 && padded[s] == ' ') continue;
                    yield return padded.Substring(s, n);
                }
            }
        }
    }

    public void Write(Stream stream)
    {
        using var writer = new BinaryWriter(stream, Encoding.UTF8, leaveOpen: true);
        writer.Write(Magic);
        writer.Write(Version);
        writer.Write(_counts.Count);
        foreach (var (gram, count) in _counts.OrderBy(c => c.Key, StringComparer.Ordinal))
        {
            writer.Write(gram);
            writer.Write(count);
        }
    }

    public static LanguageProfile Read(Stream stream)
    {
        using var reader = new BinaryReader(stream, Encoding.UTF8, leaveOpen: true);
        if (reader.ReadInt32() != Magic || reader.ReadInt32() != Version)
            throw new InvalidDataException("The language profile of the model is not readable by this build; retrain the model with 'chatrouter train'.");
        var count = reader.ReadInt32();
        var counts = new Dictionary<string, int>(count, StringComparer.Ordinal);
        for (var i = 0; i < count; i++) counts[reader.ReadString()] = reader.ReadInt32();
        return new LanguageProfile(counts);
    }
}
