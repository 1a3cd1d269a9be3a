using System.Diagnostics;
using ChatRouter.Nlu.Data;
using ChatRouter.Nlu.Embeddings;
using ChatRouter.Nlu.Evaluation;
using ChatRouter.Nlu.Features;
using ChatRouter.Nlu.Languages;
using ChatRouter.Nlu.Models;
using ChatRouter.Nlu.Runtime;

namespace ChatRouter.Nlu.Training;

/// <summary>
/// Trains an intent model: held-out predictions first (k-fold cross-validation, or the validation file when
/// one is given), thresholds chosen on them, then the final model on all the training data. In accurate mode
/// every text is embedded once, up front, in batches over the cores.
/// </summary>
public static partial class IntentTrainer
{
    /// <summary>
    /// Trains on <paramref name="data"/> (which must have no errors). With <paramref name="validation"/> the
    /// thresholds and metrics come from it; otherwise from <see cref="IntentModelSettings.Folds"/>-fold
    /// cross-validation. Accurate mode opens the settings' embedding model (<see cref="InvalidDataException"/>
    /// naming its package when it cannot be loaded).
    /// </summary>
    public static IntentModel Train(LabeledData data, LabeledData? validation, IntentModelSettings settings, string? locale, TimeProvider time, IProgress<TrainingProgress>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return Train(data, validation, settings, EncoderFor(settings), locale, time, progress);
    }

    /// <summary>The encoder accurate-mode <paramref name="settings"/> need, or null in fast mode.</summary>
    internal static ISentenceEncoder? EncoderFor(IntentModelSettings settings)
    {
        if (settings.Mode == TrainingMode.Auto) throw new ArgumentException("Resolve the auto mode with IntentModelSettings.For before training.", nameof(settings));
        if (settings.Mode == TrainingMode.Fast) return null;
        var name = settings.EmbeddingModel ?? throw new ArgumentException("Accurate mode needs an embedding model; use IntentModelSettings.Accurate.", nameof(settings));
        return EmbeddingModels.Shared(EmbeddingModels.Find(name));
    }

    internal static IntentModel Train(LabeledData data, LabeledData? validation, IntentModelSettings settings, ISentenceEncoder? encoder, string? locale, TimeProvider time, IProgress<TrainingProgress>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(time);
        if (data.HasErrors) throw new ArgumentException($"{data.Path} has errors; fix them before training.", nameof(data));
        if (validation?.HasErrors == true) throw new ArgumentException($"{validation.Path} has errors; fix them before training.", nameof(validation));
        var clock = Stopwatch.StartNew();
        var folds = validation is null ? Math.Max(2, settings.Folds) : 0;
        var plan = new Stages(progress, encoder is null ? 0 : 1, folds);

        var (training, split) = validation is null ? HoldOutSplit.Split(data.Rows, settings.HoldOutShare) : ([.. data.Rows], [.. validation.Rows]);
        var embedded = Embed(encoder, training.Concat(split).Select(r => r.Text).ToList(), plan.Embedding);
        var rows = Rows(training, embedded, 0);
        var splitRows = Rows(split, embedded, training.Count);
        var (final, heldOut) = FitAll(rows, settings, encoder, folds, plan);
        var splitScores = splitRows.Select(r => final.Score(r.Text, r.Embedding, r.Intent)).ToList();
        heldOut ??= splitScores;

        var thresholds = ThresholdSelector.Choose(heldOut, settings.OutOfScopeShare);
        var report = Evaluator.Evaluate(heldOut, thresholds.Accept);
        var source = validation is null ? $"{folds}-fold cross-validation" : validation.Path;
        var metadata = new ModelMetadata
        {
            Locale = locale,
            Mode = settings.Mode,
            Embedding = encoder is null ? null : new EmbeddingSummary
            {
                Name = encoder.Model.Name,
                Package = encoder.Model.Package,
                PackageVersion = encoder.Model.PackageVersion,
                Sha256 = encoder.Sha256,
                Dimensions = encoder.Model.Dimensions,
            },
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
                TrainedRows = training.Count,
                Intents = data.Rows.GroupBy(r => r.Intent, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal),
            },
            TrainedAt = time.GetUtcNow(),
            TrainingSeconds = Math.Round(clock.Elapsed.TotalSeconds, 2),
            Features = final.Features.Count,
            CrossValidation = validation is null ? HeldOutMetrics.From(source, report) : null,
            Validation = validation is null ? null : HeldOutMetrics.From(source, report),
            HoldOut = validation is null && split.Count > 0 ? HeldOutMetrics.From($"held-out split ({split.Count} rows never trained on)", Evaluator.Evaluate(splitScores, thresholds.Accept)) : null,
        };
        progress?.Report(new TrainingProgress("done", 1));
        return new IntentModel(final.Input, final.Fitted, final.Language, metadata) { HeldOut = split };
    }

    /// <summary>Out-of-fold predictions of every row: each fold scored by a model fitted on the others (fast mode only; for the search).</summary>
    internal static List<ScoredExample> CrossValidate(IReadOnlyList<LabeledText> rows, IntentModelSettings settings, int folds)
    {
        var (_, heldOut) = FitAll(Rows(rows, null, 0), settings, null, folds, new Stages(null, 0, folds), final: false);
        return heldOut!;
    }

    /// <summary>A model fitted on <paramref name="rows"/> with metadata left empty (for held-out predictions and as the final model's parts).</summary>
    internal static IntentModel Fit(IReadOnlyList<LabeledText> rows, IntentModelSettings settings, IProgress<double>? progress = null) =>
        Fit(Rows(rows, null, 0), settings, null, progress);

    private static float[][]? Embed(ISentenceEncoder? encoder, IReadOnlyList<string> texts, IProgress<double>? progress) =>
        encoder is null ? null : EmbeddingBatches.Encode(encoder, texts, progress);

    private static List<EmbeddedRow> Rows(IReadOnlyList<LabeledText> rows, float[][]? embeddings, int offset) =>
        rows.Select((r, i) => new EmbeddedRow(r.Text, r.Intent, embeddings?[offset + i])).ToList();

    private static IntentModel Fit(IReadOnlyList<EmbeddedRow> rows, IntentModelSettings settings, ISentenceEncoder? encoder, IProgress<double>? progress)
    {
        var ngrams = FeatureSpace.Build(rows.Select(r => r.Text), settings.Features);
        var input = new TextFeaturizer(ngrams, encoder, settings.EmbeddingWeight);
        var vectors = rows.Select(r => input.Featurize(r.Text, r.Embedding)).ToList();
        var fitted = LinearModelFitter.Fit(vectors, rows.Select(r => r.Intent).ToList(), input.Count, settings.Trainer, settings.Seed, progress);
        var language = LanguageProfile.Build(rows.Select(r => r.Text));
        return new IntentModel(input, fitted, language, new ModelMetadata { Labels = fitted.Labels.ToList(), Settings = settings, Mode = settings.Mode, AcceptThreshold = 0, ClarifyThreshold = 0 });
    }

    private static string TrainerName(TrainerKind kind) => kind switch
    {
        TrainerKind.AveragedPerceptron => "ML.NET OneVersusAll(AveragedPerceptron) + Platt calibration",
        TrainerKind.LinearSvm => "ML.NET OneVersusAll(LinearSvm) + Platt calibration",
        TrainerKind.LbfgsMaximumEntropy => "ML.NET LbfgsMaximumEntropy",
        TrainerKind.SdcaMaximumEntropy => "ML.NET SdcaMaximumEntropy",
        _ => kind.ToString(),
    };

    /// <summary>A training text with its sentence embedding (null in fast mode).</summary>
    private sealed record EmbeddedRow(string Text, string Intent, float[]? Embedding);
}
