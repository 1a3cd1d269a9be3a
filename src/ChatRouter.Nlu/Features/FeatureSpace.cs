using System.Buffers;

namespace ChatRouter.Nlu.Features;

/// <summary>
/// The vocabulary of a model: which n-gram hashes are features (those in at least
/// <see cref="FeatureSettings.MinCount"/> training texts), their ids (word n-grams first) and their inverse
/// document frequencies. A text becomes sublinear TF·IDF values, each block (words, characters) L2-normalised,
/// the word block weighted, and the whole vector scaled to unit length. Immutable, so thread-safe.
/// </summary>
internal sealed partial class FeatureSpace
{
    private readonly Dictionary<ulong, int> _ids;
    private readonly ulong[] _hashes;
    private readonly int[] _documentFrequency;
    private readonly float[] _idf;

    private FeatureSpace(FeatureSettings settings, ulong[] hashes, int[] documentFrequency, int wordFeatures, int documents)
    {
        Settings = settings;
        _hashes = hashes;
        _documentFrequency = documentFrequency;
        WordFeatures = wordFeatures;
        Documents = documents;
        _ids = new Dictionary<ulong, int>(hashes.Length);
        _idf = new float[hashes.Length];
        for (var i = 0; i < hashes.Length; i++)
        {
            _ids[hashes[i]] = i;
            _idf[i] = (float)(Math.Log((1.0 + documents) / (1.0 + documentFrequency[i])) + 1);
        }
    }

    public FeatureSettings Settings { get; }

    /// <summary>Number of features (the vector length).</summary>
    public int Count => _hashes.Length;

    /// <summary>Ids below this are word n-grams; the rest character n-grams.</summary>
    public int WordFeatures { get; }

    /// <summary>Number of training texts the vocabulary was built from.</summary>
    public int Documents { get; }

    /// <summary>The vocabulary of <paramref name="texts"/> (raw texts; they are normalised here).</summary>
    public static FeatureSpace Build(IEnumerable<string> texts, FeatureSettings settings)
    {
        var words = new Dictionary<ulong, int>();
        var chars = new Dictionary<ulong, int>();
        var seen = new HashSet<ulong>();
        var documents = 0;
        foreach (var text in texts)
        {
            documents++;
            var normalized = TextNormalization.Normalize(text, settings.FoldDiacritics);
            var buffer = ArrayPool<ulong>.Shared.Rent(NgramHasher.Capacity(normalized.Length, settings));
            try
            {
                var (wordCount, total) = NgramHasher.Collect(normalized, settings, buffer);
                seen.Clear();
                for (var i = 0; i < total; i++)
                {
                    if (!seen.Add(buffer[i])) continue;
                    var counts = i < wordCount ? words : chars;
                    counts[buffer[i]] = counts.GetValueOrDefault(buffer[i]) + 1;
                }
            }
            finally
            {
                ArrayPool<ulong>.Shared.Return(buffer);
            }
        }

        // Sorted by hash within each block, so the same texts always give the same ids.
        var kept = Keep(words, settings.MinCount);
        var wordFeatures = kept.Count;
        kept.AddRange(Keep(chars, settings.MinCount));
        return new FeatureSpace(settings, kept.Select(k => k.Key).ToArray(), kept.Select(k => k.Value).ToArray(), wordFeatures, documents);
    }

    private static List<KeyValuePair<ulong, int>> Keep(Dictionary<ulong, int> counts, int minCount) =>
        counts.Where(c => c.Value >= minCount).OrderBy(c => c.Key).ToList();

    /// <summary>The feature vector of a raw text; empty when none of its n-grams is in the vocabulary.</summary>
    public SparseVector Featurize(string text)
    {
        var normalized = TextNormalization.Normalize(text, Settings.FoldDiacritics);
        var buffer = ArrayPool<ulong>.Shared.Rent(NgramHasher.Capacity(normalized.Length, Settings));
        var ids = ArrayPool<int>.Shared.Rent(buffer.Length);
        try
        {
            var (_, total) = NgramHasher.Collect(normalized, Settings, buffer);
            var known = 0;
            for (var i = 0; i < total; i++)
            {
                if (_ids.TryGetValue(buffer[i], out var id)) ids[known++] = id;
            }

            return Weigh(ids.AsSpan(0, known));
        }
        finally
        {
            ArrayPool<int>.Shared.Return(ids);
            ArrayPool<ulong>.Shared.Return(buffer);
        }
    }

    private SparseVector Weigh(Span<int> ids)
    {
        if (ids.Length == 0) return SparseVector.Empty;
        ids.Sort();
        var distinct = 1;
        for (var i = 1; i < ids.Length; i++)
        {
            if (ids[i] != ids[i - 1]) distinct++;
        }

        var indices = new int[distinct];
        var values = new float[distinct];
        double wordNorm = 0, charNorm = 0;
        var at = -1;
        for (var i = 0; i < ids.Length; i++)
        {
            if (i == 0 || ids[i] != ids[i - 1])
            {
                at++;
                indices[at] = ids[i];
                values[at] = 1;
            }
            else
            {
                values[at]++;
            }
        }

        for (var i = 0; i < distinct; i++)
        {
            var value = (1 + MathF.Log(values[i])) * _idf[indices[i]];
            values[i] = value;
            if (indices[i] < WordFeatures) wordNorm += value * value;
            else charNorm += value * value;
        }

        var wordScale = wordNorm > 0 ? Settings.WordWeight / Math.Sqrt(wordNorm) : 0;
        var charScale = charNorm > 0 ? 1 / Math.Sqrt(charNorm) : 0;
        var total = Math.Sqrt((wordNorm > 0 ? Settings.WordWeight * Settings.WordWeight : 0) + (charNorm > 0 ? 1 : 0));
        if (total == 0) return SparseVector.Empty;
        wordScale /= total;
        charScale /= total;
        for (var i = 0; i < distinct; i++) values[i] = (float)(values[i] * (indices[i] < WordFeatures ? wordScale : charScale));
        return new SparseVector(indices, values);
    }
}
