namespace ChatRouter.Nlu.Embeddings;

/// <summary>
/// Embeds many texts at once: sorted by length (so a batch pads little), cut into batches, and the batches
/// spread over the cores. The plan depends only on the texts, and each batch is one single-threaded run, so the
/// vectors are the same whatever thread computes them.
/// </summary>
internal static class EmbeddingBatches
{
    public const int BatchSize = 32;

    public static float[][] Encode(ISentenceEncoder encoder, IReadOnlyList<string> texts, IProgress<double>? progress = null, int? workers = null)
    {
        var order = Enumerable.Range(0, texts.Count).OrderBy(i => texts[i].Length).ThenBy(i => i).ToArray();
        var batches = order.Chunk(BatchSize).ToArray();
        var vectors = new float[texts.Count][];
        var done = 0;
        Parallel.ForEach(batches, new ParallelOptions { MaxDegreeOfParallelism = workers ?? Environment.ProcessorCount }, batch =>
        {
            var encoded = encoder.Encode(batch.Select(i => texts[i]).ToArray());
            for (var k = 0; k < batch.Length; k++) vectors[batch[k]] = encoded[k];
            progress?.Report((double)Interlocked.Increment(ref done) / batches.Length);
        });
        return vectors;
    }
}
