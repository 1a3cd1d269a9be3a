using System.Diagnostics;
using ChatRouter.Nlu.Data;
using ChatRouter.Nlu.Evaluation;
using ChatRouter.Nlu.Features;
using ChatRouter.Nlu.Languages;
using ChatRouter.Nlu.Models;
using ChatRouter.Nlu.Runtime;

namespace ChatRouter.Nlu.Training;

/// <summary>
/// Trains an intent model: held-out predictions first (k-fold cross-validation, or the validation file when
/// one is given), thresholds chosen on them, then the final model on all the training data.
/// </summary>
public static class IntentTrainer
{
    /// <summary>
    /// Trains on <paramref name="data"/> (which must have no errors). With <paramref name="validation"/> the
    /// thresholds and metrics come from it; otherwise from <see cref="IntentModelSettings.Folds"/>-fold cross-validation.
    /// </summary>
    public static IntentModel Train(LabeledData data, LabeledData? validation, IntentModelSettings settings, string? locale, TimeProvider time, IProgress<TrainingProgress>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(time);
        if (data.HasErrors) throw new ArgumentException($"{data.Path} has errors; fix them before training.", nameof(data));
        if (validation?.HasErrors == true) throw new ArgumentException($"{validation.Path} has errors; fix them before training.", nameof(validation));
        var clock = Stopwatch.StartNew();
        var folds = validation is null ? Math.Max(2, settings.Folds) : 0;
        var stages = folds + 1.0;

        var heldOut = validation is null
            ? CrossValidate(data.Rows, settings, folds, progress, stages)
            : null;
        var final = Fit(data.Rows, settings, Scaled(progress, "training", folds / stages, 1 / stages));
        if (validation is not null) heldOut = validation.Rows.Select(r => final.Score(r.Text, r.Intent)).ToList();

        var thresholds = ThresholdSelector.Choose(heldOut!, settings.OutOfScopeShare);
        var report = Evaluator.Evaluate(heldOut!, thresholds.Accept);
        var source = validation is null ? $"{folds}-fold cross-validation" : validation.Path;
        var metadata = new ModelMetadata
        {
            Locale = locale,
            Labels = final.Labels.ToList(),
            AcceptThreshold = thresholds.Accept,
            ClarifyThreshold = thresholds.Clarify,
            ThresholdRule = thresholds.Rule,
            Trainer = TrainerName(settings.Trainer.Kind),
            Settings = settings,
            Data = new DataSummary
            {
                Path = data.Path,
                Sha256 = data.Sha256,
                Rows = data.Rows.Count,
                Intents = data.Rows.GroupBy(r => r.Intent, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal),
            },
            TrainedAt = time.GetUtcNow(),
            TrainingSeconds = Math.Round(clock.Elapsed.TotalSeconds, 2),
            Features = final.Features.Count,
            CrossValidation = validation is null ? HeldOutMetrics.From(source, report) : null,
            Validation = validation is null ? null : HeldOutMetrics.From(source, report),
        };
        progress?.Report(new TrainingProgress("done", 1));
        return new IntentModel(final.Features, final.Fitted, final.Language, metadata);
    }

    /// <summary>Out-of-fold predictions of every row: each fold scored by a model fitted on the others.</summary>
    internal static List<ScoredExample> CrossValidate(IReadOnlyList<LabeledText> rows, IntentModelSettings settings, int folds, IProgress<TrainingProgress>? progress, double stages)
    {
        var fold = Folds.Assign(rows, folds, settings.Seed);
        var predictions = new ScoredExample[rows.Count];
        for (var k = 0; k < folds; k++)
        {
            var training = rows.Where((_, i) => fold[i] != k).ToList();
            var model = Fit(training, settings, Scaled(progress, $"fold {k + 1}/{folds}", k / stages, 1 / stages));
            for (var i = 0; i < rows.Count; i++)
            {
                if (fold[i] == k) predictions[i] = model.Score(rows[i].Text, rows[i].Intent);
            }
        }

        return [.. predictions];
    }

    /// <summary>A model fitted on <paramref name="rows"/> with metadata left empty (for held-out predictions and as the final model's parts).</summary>
    internal static IntentModel Fit(IReadOnlyList<LabeledText> rows, IntentModelSettings settings, IProgress<double>? progress = null)
    {
        var features = FeatureSpace.Build(rows.Select(r => r.Text), settings.Features);
        var vectors = rows.Select(r => features.Featurize(r.Text)).ToList();
        var fitted = LinearModelFitter.Fit(vectors, rows.Select(r => r.Intent).ToList(), features.Count, settings.Trainer, settings.Seed, progress);
        var language = LanguageProfile.Build(rows.Select(r => r.Text));
        return new IntentModel(features, fitted, language, new ModelMetadata { Labels = fitted.Labels.ToList(), Settings = settings, AcceptThreshold = 0, ClarifyThreshold = 0 });
    }

    private static string TrainerName(TrainerKind kind) => kind switch
    {
        TrainerKind.AveragedPerceptron => "ML.NET OneVersusAll(AveragedPerceptron) + Platt calibration",
        TrainerKind.LinearSvm => "ML.NET OneVersusAll(LinearSvm) + Platt calibration",
        TrainerKind.LbfgsMaximumEntropy => "ML.NET LbfgsMaximumEntropy",
        TrainerKind.SdcaMaximumEntropy => "ML.NET SdcaMaximumEntropy",
        _ => kind.ToString(),
    };

    private static Progress? Scaled(IProgress<TrainingProgress>? progress, string stage, double start, double width) =>
        progress is null ? null : new Progress(fraction => progress.Report(new TrainingProgress(stage, start + (width * fraction))));

    /// <summary>A synchronous <see cref="IProgress{T}"/> (the BCL one posts to the thread pool, out of order).</summary>
    private sealed class Progress(Action<double> report) : IProgress<double>
    {
        public void Report(double value) => report(value);
    }
}
