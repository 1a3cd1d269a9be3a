using ChatRouter.Nlu.Embeddings;

namespace ChatRouter.Nlu.Features;

/// <summary>
/// A model's input vector: the n-gram TF·IDF block of <see cref="FeatureSpace"/> and, in accurate mode, the
/// sentence embedding appended after it (ids from <see cref="FeatureSpace.Count"/> on). Each block has unit
/// length; the embedding block is scaled by its weight. Thread-safe.
/// </summary>
internal sealed class TextFeaturizer(FeatureSpace ngrams, ISentenceEncoder? encoder, double embeddingWeight)
{
    public FeatureSpace Ngrams { get; } = ngrams;

    public ISentenceEncoder? Encoder { get; } = encoder;

    /// <summary>Length of the vectors: the n-grams, plus the embedding's dimensions in accurate mode.</summary>
    public int Count => Ngrams.Count + (Encoder?.Model.Dimensions ?? 0);

    public SparseVector Featurize(string text) =>
        Encoder is null ? Ngrams.Featurize(text) : Featurize(text, Encoder.Encode([text])[0]);

    /// <summary>The vector of <paramref name="text"/> whose embedding is already known (training embeds in batches).</summary>
    public SparseVector Featurize(string text, float[]? embedding)
    {
        var ngrams = Ngrams.Featurize(text);
        if (embedding is null) return ngrams;
        var indices = new int[ngrams.Count + embedding.Length];
        var values = new float[indices.Length];
        ngrams.Indices.CopyTo(indices, 0);
        ngrams.Values.CopyTo(values, 0);
        var weight = (float)embeddingWeight;
        for (var d = 0; d < embedding.Length; d++)
        {
            indices[ngrams.Count + d] = Ngrams.Count + d;
            values[ngrams.Count + d] = embedding[d] * weight;
        }

        return new SparseVector(indices, values);
    }
}
