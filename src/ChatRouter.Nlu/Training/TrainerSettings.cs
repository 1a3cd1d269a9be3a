using System.Globalization;

namespace ChatRouter.Nlu.Training;

/// <summary>The ML.NET multiclass trainers a model can be fitted with.</summary>
public enum TrainerKind
{
    /// <summary>One-versus-all averaged perceptrons, each with a Platt calibrator; probabilities normalised over the classes.</summary>
    AveragedPerceptron,

    /// <summary>One-versus-all linear SVMs (Pegasos), each with a Platt calibrator; probabilities normalised over the classes.</summary>
    LinearSvm,

    /// <summary>Multinomial logistic regression fitted with L-BFGS (softmax probabilities).</summary>
    LbfgsMaximumEntropy,

    /// <summary>Multinomial logistic regression fitted with SDCA, single-threaded for determinism (softmax probabilities).</summary>
    SdcaMaximumEntropy,
}

/// <summary>The trainer and its hyper-parameters.</summary>
public sealed record TrainerSettings
{
    /// <summary>Which ML.NET trainer. <value>Default: <see cref="TrainerKind.AveragedPerceptron"/>.</value></summary>
    public TrainerKind Kind { get; init; } = TrainerKind.AveragedPerceptron;

    /// <summary>Passes over the data (L-BFGS: at most this many iterations). <value>Default: 20.</value></summary>
    public int Iterations { get; init; } = 20;

    /// <summary>L2 regularisation (the SVM's lambda). <value>Default: 0.</value></summary>
    public double L2 { get; init; }

    /// <summary>One line for tables and logs.</summary>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Kind}, {Iterations} iterations, L2 {L2:g3}");
}
