using System.Runtime.CompilerServices;

namespace ChatRouter.Nlu.Features;

/// <summary>
/// The n-grams of a normalised text as stable 64-bit FNV-1a hashes (the same on every machine and run,
/// unlike <see cref="string.GetHashCode()"/>): word n-grams with start and end markers, then character
/// n-grams of each space-padded word. The vocabulary maps the hashes seen in training to feature ids.
/// </summary>
internal static class NgramHasher
{
    private const ulong Offset = 14695981039346656037;
    private const ulong Prime = 1099511628211;
    private const char Separator = '\u0001';
    private const char Start = '\u0002';
    private const char End = '\u0003';
    private const int MaxTokens = 512;

    /// <summary>An upper bound of the hashes <see cref="Collect"/> writes for a text of this length.</summary>
    public static int Capacity(int length, FeatureSettings settings) =>
        ((Math.Min(length, MaxTokens) + 2) * Math.Max(settings.WordNgrams, 1)) + ((3 * length + 2) * Math.Max(settings.CharNgramMax - settings.CharNgramMin + 1, 1));

    /// <summary>Writes the word n-gram hashes, then the character n-gram hashes; returns (words, total).</summary>
    public static (int Words, int Total) Collect(string text, FeatureSettings settings, Span<ulong> hashes)
    {
        Span<Token> tokens = stackalloc Token[MaxTokens];
        var tokenCount = Tokenizer.Tokenize(text, tokens);
        tokens = tokens[..tokenCount];
        var count = 0;
        for (var n = 1; n <= settings.WordNgrams; n++)
        {
            // With the markers a sequence has tokenCount + 2 items; n-grams made only of markers are skipped.
            var first = n == 1 ? 0 : -1;
            var last = n == 1 ? tokenCount - 1 : tokenCount + 1 - n;
            for (var s = first; s <= last; s++)
            {
                var h = Mix(Offset, (char)('w' + n));
                for (var k = 0; k < n; k++)
                {
                    if (k > 0) h = Mix(h, Separator);
                    var position = s + k;
                    h = position < 0 ? Mix(h, Start) : position >= tokenCount ? Mix(h, End) : Mix(h, text.AsSpan(tokens[position].Start, tokens[position].Length));
                }

                hashes[count++] = h;
            }
        }

        var words = count;
        if (settings.CharNgramMin <= 0) return (words, count);
        foreach (var token in tokens)
        {
            if (!token.IsWord) continue;
            var word = text.AsSpan(token.Start, token.Length);
            var padded = word.Length + 2;
            for (var n = settings.CharNgramMin; n <= settings.CharNgramMax && n <= padded; n++)
            {
                // Single characters skip the padding: a lone space would be a feature of every word.
                var from = n == 1 ? 1 : 0;
                var to = n == 1 ? padded - 1 : padded;
                for (var s = from; s + n <= to; s++)
                {
                    var h = Mix(Offset, (char)('c' + n));
                    for (var k = s; k < s + n; k++) h = Mix(h, k == 0 || k == padded - 1 ? ' ' : word[k - 1]);
                    hashes[count++] = h;
                }
            }
        }

        return (words, count);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong Mix(ulong hash, char c) => (hash ^ c) * Prime;

    private static ulong Mix(ulong hash, ReadOnlySpan<char> text)
    {
        foreach (var c in text) hash = Mix(hash, c);
        return hash;
    }
}
