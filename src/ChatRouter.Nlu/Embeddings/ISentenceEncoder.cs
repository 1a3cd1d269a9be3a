namespace ChatRouter.Nlu.Embeddings;

/// <summary>
/// Turns sentences into unit-length vectors whose dot product is their semantic similarity. The seam between
/// accurate-mode models and the ONNX runtime: the n-gram path never touches it, and tests hand in a small
/// deterministic encoder. Implementations are thread-safe.
/// </summary>
internal interface ISentenceEncoder
{
    /// <summary>What the model is, as the metadata names it.</summary>
    EmbeddingModelInfo Model { get; }

    /// <summary>SHA-256 of the model's weights, so a model trained with other weights is refused at load.</summary>
    string Sha256 { get; }

    /// <summary>One unit-length vector of <see cref="EmbeddingModelInfo.Dimensions"/> floats per text, in order.</summary>
    float[][] Encode(IReadOnlyList<string> texts);
}
