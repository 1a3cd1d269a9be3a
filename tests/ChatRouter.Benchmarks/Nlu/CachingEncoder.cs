using System.Collections.Concurrent;
using ChatRouter.Nlu.Embeddings;

namespace ChatRouter.Benchmarks.Nlu;

/// <summary>
/// Remembers the vectors of an encoder in a file outside the repository, so settings experiments on the same
/// data embed it once. Never used for the timed runs of docs/benchmarks.md (<c>--no-cache</c> is their default).
/// </summary>
internal sealed class CachingEncoder(ISentenceEncoder inner, string path) : ISentenceEncoder
{
    private readonly ConcurrentDictionary<string, float[]> _vectors = Load(path, inner.Model.Dimensions);

    public EmbeddingModelInfo Model => inner.Model;

    public string Sha256 => inner.Sha256;

    public float[][] Encode(IReadOnlyList<string> texts)
    {
        var missing = texts.Where(t => !_vectors.ContainsKey(t)).Distinct(StringComparer.Ordinal).ToArray();
        if (missing.Length > 0)
        {
            var encoded = inner.Encode(missing);
            for (var i = 0; i < missing.Length; i++) _vectors[missing[i]] = encoded[i];
        }

        return texts.Select(t => _vectors[t]).ToArray();
    }

    public void Save()
    {
        using var writer = new BinaryWriter(File.Create(path));
        writer.Write(_vectors.Count);
        foreach (var (text, vector) in _vectors.OrderBy(v => v.Key, StringComparer.Ordinal))
        {
            writer.Write(text);
            foreach (var value in vector) writer.Write(value);
        }
    }

    private static ConcurrentDictionary<string, float[]> Load(string path, int dimensions)
    {
        var vectors = new ConcurrentDictionary<string, float[]>(StringComparer.Ordinal);
        if (!File.Exists(path)) return vectors;
        using var reader = new BinaryReader(File.OpenRead(path));
        var count = reader.ReadInt32();
        for (var i = 0; i < count; i++)
        {
            var text = reader.ReadString();
            var vector = new float[dimensions];
            for (var d = 0; d < dimensions; d++) vector[d] = reader.ReadSingle();
            vectors[text] = vector;
        }

        return vectors;
    }
}
