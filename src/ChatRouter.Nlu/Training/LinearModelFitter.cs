using ChatRouter.Nlu.Features;
using ChatRouter.Nlu.Runtime;
using System.Collections.Immutable;
using System.Reflection;
using Microsoft.ML;
using Microsoft.ML.Calibrators;
using Microsoft.ML.Data;
using Microsoft.ML.Trainers;
using Microsoft.ML.Transforms;

namespace ChatRouter.Nlu.Training;

/// <summary>A fitted ML.NET model, its input schema (for saving) and the same model as a <see cref="LinearScorer"/>.</summary>
internal sealed record FittedModel(MLContext Context, ITransformer Transformer, DataViewSchema InputSchema, LinearScorer Scorer, IReadOnlyList<string> Labels);

/// <summary>Fits the ML.NET part of a model (intent → key, then the multiclass trainer) on feature vectors.</summary>
internal static class LinearModelFitter
{
    public static FittedModel Fit(IReadOnlyList<SparseVector> vectors, IReadOnlyList<string> labels, int dimensions, TrainerSettings settings, int seed, IProgress<double>? progress = null)
    {
        var ml = new MLContext(seed);
        var classes = labels.Distinct(StringComparer.Ordinal).Count();
        if (classes < 2) throw new InvalidOperationException($"Training needs at least two intents, the data has {classes}; add examples of other intents (or 'oos').");
        var trained = 0;
        if (progress is not null)
        {
            // One-versus-all logs "Training learner N" per class: the only progress ML.NET reports.
            ml.Log += (_, e) =>
            {
                if (e.Message.Contains("Training learner", StringComparison.Ordinal)) progress.Report(Math.Min(1, (double)Interlocked.Increment(ref trained) / classes));
            };
        }

        var data = ml.Data.Cache(FeatureRow.View(ml, vectors, labels, dimensions));
        var pipeline = ml.Transforms.Conversion
            .MapValueToKey(FeatureRow.LabelColumn, keyOrdinality: ValueToKeyMappingEstimator.KeyOrdinality.ByValue)
            .Append(Trainer(ml, settings));
        var model = pipeline.Fit(data);
        progress?.Report(1);
        return Read(ml, model, data.Schema);
    }

    /// <summary>The scorer and labels of a fitted or loaded model.</summary>
    public static FittedModel Read(MLContext ml, ITransformer model, DataViewSchema inputSchema)
    {
        var output = model.GetOutputSchema(inputSchema);
        VBuffer<ReadOnlyMemory<char>> names = default;
        output["Score"].GetSlotNames(ref names);
        var labels = names.DenseValues().Select(n => n.ToString()).ToArray();
        var last = model is IEnumerable<ITransformer> chain ? chain.Last() : model;
        var parameters = (last as ISingleFeaturePredictionTransformer<object>)?.Model
            ?? throw new InvalidDataException("The model has no trained predictor; retrain it with 'chatrouter train'.");
        var scorer = parameters switch
        {
            MaximumEntropyModelParameters maxent => FromMaximumEntropy(maxent, labels.Length),
            OneVersusAllModelParameters ova => FromOneVersusAll(ova, labels.Length),
            _ => throw new InvalidDataException($"The model's predictor is a {parameters.GetType().Name}, which this build cannot score; retrain it with 'chatrouter train'."),
        };
        return new FittedModel(ml, model, inputSchema, scorer, labels);
    }

    private static IEstimator<ITransformer> Trainer(MLContext ml, TrainerSettings settings)
    {
        var trainers = ml.MulticlassClassification.Trainers;
        var binary = ml.BinaryClassification.Trainers;
        return settings.Kind switch
        {
            TrainerKind.AveragedPerceptron => trainers.OneVersusAll(binary.AveragedPerceptron(new AveragedPerceptronTrainer.Options
            {
                NumberOfIterations = settings.Iterations,
                L2Regularization = (float)settings.L2,
                Shuffle = true,
            }), useProbabilities: true),
            TrainerKind.LinearSvm => trainers.OneVersusAll(binary.LinearSvm(new LinearSvmTrainer.Options
            {
                NumberOfIterations = settings.Iterations,
                Lambda = (float)Math.Max(settings.L2, 1e-7),
            }), useProbabilities: true),
            TrainerKind.LbfgsMaximumEntropy => trainers.LbfgsMaximumEntropy(new LbfgsMaximumEntropyMulticlassTrainer.Options
            {
                MaximumNumberOfIterations = settings.Iterations,
                L2Regularization = (float)settings.L2,
                L1Regularization = 0,
                OptimizationTolerance = 1e-7f,
            }),
            TrainerKind.SdcaMaximumEntropy => trainers.SdcaMaximumEntropy(new SdcaMaximumEntropyMulticlassTrainer.Options
            {
                MaximumNumberOfIterations = settings.Iterations,
                L2Regularization = (float)Math.Max(settings.L2, 1e-7),
                NumberOfThreads = 1,
                Shuffle = true,
            }),
            _ => throw new ArgumentOutOfRangeException(nameof(settings), settings.Kind, "Unknown trainer."),
        };
    }

    private static LinearScorer FromMaximumEntropy(MaximumEntropyModelParameters model, int classes)
    {
        VBuffer<float>[] weights = [];
        model.GetWeights(ref weights, out var count);
        if (count != classes) throw new InvalidDataException($"The model has {count} classes but {classes} labels; retrain it with 'chatrouter train'.");
        var features = weights[0].Length;
        var matrix = new float[features * classes];
        for (var c = 0; c < classes; c++)
        {
            var values = weights[c].GetValues();
            var indices = weights[c].GetIndices();
            for (var i = 0; i < values.Length; i++) matrix[((weights[c].IsDense ? i : indices[i]) * classes) + c] = values[i];
        }

        return new LinearScorer(matrix, model.GetBiases().ToArray(), null, null);
    }

    private static LinearScorer FromOneVersusAll(OneVersusAllModelParameters model, int classes)
    {
        var subModels = OneVersusAllParts(model);
        if (subModels.Length != classes) throw new InvalidDataException($"The model has {subModels.Length} classes but {classes} labels; retrain it with 'chatrouter train'.");
        var bias = new float[classes];
        var slope = new float[classes];
        var offset = new float[classes];
        float[]? matrix = null;
        for (var c = 0; c < classes; c++)
        {
            if (subModels[c] is not CalibratedModelParametersBase { SubModel: LinearBinaryModelParameters linear, Calibrator: PlattCalibrator platt })
                throw new InvalidDataException($"Class {c} of the model is a {subModels[c].GetType().Name}, not a Platt-calibrated linear model; retrain it with 'chatrouter train'.");
            var weights = linear.Weights;
            matrix ??= new float[weights.Count * classes];
            for (var f = 0; f < weights.Count; f++) matrix[(f * classes) + c] = weights[f];
            bias[c] = linear.Bias;
            slope[c] = (float)platt.Slope;
            offset[c] = (float)platt.Offset;
        }

        return new LinearScorer(matrix ?? [], bias, slope, offset);
    }

    // ML.NET 5.0.1 keeps the per-class models of one-versus-all internal. Reading them is the only way to score
    // without a PredictionEngine; the package version is pinned centrally, and LinearScorerTests compare this
    // scorer with the PredictionEngine, so a change of ML.NET that breaks it fails the build's tests, not production.
    private static ImmutableArray<object> OneVersusAllParts(OneVersusAllModelParameters model) =>
        typeof(OneVersusAllModelParameters).GetProperty("SubModelParameters", BindingFlags.Instance | BindingFlags.NonPublic)?.GetValue(model) is ImmutableArray<object> parts
            ? parts
            : throw new InvalidDataException("This ML.NET version does not expose the one-versus-all models; use the Microsoft.ML version of Directory.Packages.props.");
}
