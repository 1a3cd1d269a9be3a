using ChatRouter.Nlu.Features;

namespace ChatRouter.Nlu.Training;

/// <summary>Everything a plain <c>train</c> needs besides the data: features, trainer, seed and threshold rule.</summary>
public sealed record IntentModelSettings
{
    /// <summary>The settings <c>train</c> uses unless told otherwise: the winner of the documented <c>train --search</c> run (docs/benchmarks.md).</summary>
    public static IntentModelSettings Default { get; } = new();

    /// <summary>Text normalisation and n-gram features.</summary>
    public FeatureSettings Features { get; init; } = new();

    /// <summary>The ML.NET trainer.</summary>
    public TrainerSettings Trainer { get; init; } = new();

    /// <summary>Seed of every random choice (shuffling, folds), so the same data gives the same model. <value>Default: 1.</value></summary>
    public int Seed { get; init; } = 1;

    /// <summary>Folds of the cross-validation that picks thresholds when no validation file is given. <value>Default: 5.</value></summary>
    public int Folds { get; init; } = 5;

    /// <summary>
    /// Share of out-of-scope messages the thresholds are chosen for: the accept threshold maximises the expected
    /// share of messages handled right when this many are out of scope. <value>Default: 0.2.</value>
    /// </summary>
    public double OutOfScopeShare { get; init; } = 0.2;
}
