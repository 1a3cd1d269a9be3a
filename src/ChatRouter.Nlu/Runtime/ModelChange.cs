using ChatRouter.Nlu.Evaluation;

namespace ChatRouter.Nlu.Runtime;

/// <summary>What happened to a new model file of a locale.</summary>
public enum ModelChangeKind
{
    /// <summary>The first model of the locale was loaded (nothing to compare with).</summary>
    Loaded,

    /// <summary>A new model replaced the serving one: not significantly worse on its held-out split, or it has no split.</summary>
    Replaced,

    /// <summary>A new model was significantly worse and replaced the serving one because <c>Models:AllowRegression</c> is set.</summary>
    ReplacedDespiteRegression,

    /// <summary>A new model was significantly worse on its held-out split; the serving one stays.</summary>
    Refused,
}

/// <summary>
/// A model change seen by <see cref="IntentModels"/>, for whoever keeps a changelog. <see cref="Comparison"/> is
/// the new model against the serving one on the new model's held-out split (null when nothing was compared).
/// </summary>
public sealed class ModelChangeEventArgs(string locale, string path, ModelChangeKind kind, string modelSha256, DateTimeOffset trainedAt, ModelComparison? comparison, string summary) : EventArgs
{
    /// <summary>The locale (the model file's name).</summary>
    public string Locale { get; } = locale;

    /// <summary>The model file.</summary>
    public string Path { get; } = path;

    /// <summary>What happened.</summary>
    public ModelChangeKind Kind { get; } = kind;

    /// <summary>SHA-256 of the new model file (its metadata's <c>modelSha256</c>).</summary>
    public string ModelSha256 { get; } = modelSha256;

    /// <summary>When the new model was trained (its version).</summary>
    public DateTimeOffset TrainedAt { get; } = trainedAt;

    /// <summary>The comparison that decided, or null.</summary>
    public ModelComparison? Comparison { get; } = comparison;

    /// <summary>One line for a changelog or a log.</summary>
    public string Summary { get; } = summary;
}
