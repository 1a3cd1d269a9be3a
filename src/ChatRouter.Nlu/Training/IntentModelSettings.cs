using ChatRouter.Nlu.Embeddings;
using ChatRouter.Nlu.Features;

namespace ChatRouter.Nlu.Training;

/// <summary>Everything a plain <c>train</c> needs besides the data: mode, features, trainer, seed and threshold rule.</summary>
public sealed record IntentModelSettings
{
    /// <summary>The settings <c>train --mode fast</c> uses unless told otherwise: the winner of the documented <c>train --search</c> run (docs/benchmarks.md).</summary>
    public static IntentModelSettings Default { get; } = new();

    /// <summary>
    /// The settings <c>train --mode accurate</c> uses: the same n-grams plus the all-MiniLM-L6-v2 embedding,
    /// fitted by multinomial logistic regression (docs/benchmarks.md, accurate mode).
    /// </summary>
    public static IntentModelSettings Accurate { get; } = new()
    {
        Mode = TrainingMode.Accurate,
        EmbeddingModel = EmbeddingModels.MiniLm.Name,
        Trainer = new TrainerSettings { Kind = TrainerKind.SdcaMaximumEntropy, Iterations = 50, L2 = 1e-6 },
    };

    /// <summary>
    /// The default settings of <paramref name="mode"/> for <paramref name="locale"/>: <see cref="TrainingMode.Auto"/>
    /// is accurate when an embedding model covers the locale's language and fast otherwise.
    /// </summary>
    public static IntentModelSettings For(TrainingMode mode, string? locale) => mode switch
    {
        TrainingMode.Fast => Default,
        TrainingMode.Accurate => Accurate,
        _ => EmbeddingModels.For(locale) is null ? Default : Accurate,
    };

    /// <summary><see cref="TrainingMode.Fast"/> or <see cref="TrainingMode.Accurate"/> (never auto: that is resolved before training). <value>Default: fast.</value></summary>
    public TrainingMode Mode { get; init; } = TrainingMode.Fast;

    /// <summary>The sentence-embedding model of accurate mode, by name; null in fast mode.</summary>
    public string? EmbeddingModel { get; init; }

    /// <summary>Weight of the embedding block against the n-gram block (each L2-normalised first). <value>Default: 1.</value></summary>
    public double EmbeddingWeight { get; init; } = 1;

    /// <summary>Text normalisation and n-gram features.</summary>
    public FeatureSettings Features { get; init; } = new();

    /// <summary>The ML.NET trainer.</summary>
    public TrainerSettings Trainer { get; init; } = new();

    /// <summary>Seed of every random choice (shuffling, folds), so the same data gives the same model. <value>Default: 1.</value></summary>
    public int Seed { get; init; } = 1;

    /// <summary>Folds of the cross-validation that picks thresholds when no validation file is given. <value>Default: 5.</value></summary>
    public int Folds { get; init; } = 5;

    /// <summary>
    /// Share of the training rows set aside (by a hash of their text) when no validation file is given: the final
    /// model never sees them, and they are stored in the model file so a later model can be compared with it
    /// before release (<c>eval --baseline</c>, hot reload). Zero trains on every row and stores no split. <value>Default: 0.1.</value>
    /// </summary>
    public double HoldOutShare { get; init; } = 0.1;

    /// <summary>
    /// Share of out-of-scope messages the thresholds are chosen for: the accept threshold maximises the expected
    /// share of messages handled right when this many are out of scope. <value>Default: 0.2.</value>
    /// </summary>
    public double OutOfScopeShare { get; init; } = 0.2;
}
