using ChatRouter.Nlu.Data;
using ChatRouter.Nlu.Evaluation;
using ChatRouter.Routing;

namespace ChatRouter.Nlu.Training;

/// <summary>One candidate of a search and how it did on held-out data at its own chosen thresholds.</summary>
public sealed record SearchResult(string Changed, IntentModelSettings Settings, double Score, EvaluationReport Report, Thresholds Thresholds, double Seconds);

/// <summary>
/// <c>train --search</c>: a greedy coordinate search from the current defaults, one setting at a time (accent
/// folding, character n-gram range, word n-grams, minimum count, trainer and its passes), each candidate scored
/// on held-out data (the validation file, or cross-validation) by the share of messages handled right at its own
/// chosen thresholds (<see cref="ThresholdSelector"/>); a change is kept only when it scores higher.
/// </summary>
public static class SettingsSearch
{
    /// <summary>Every candidate tried, in order; the best is the one with the highest score (the first of equal ones).</summary>
    public static IReadOnlyList<SearchResult> Run(LabeledData data, LabeledData? validation, IntentModelSettings start, IProgress<TrainingProgress>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(start);
        var results = new List<SearchResult>();
        var best = Try("defaults", start);
        var axes = Axes();
        var done = 0;
        var total = axes.Sum(a => a.Count);
        foreach (var axis in axes)
        {
            var winner = best;
            foreach (var (name, change) in axis)
            {
                progress?.Report(new TrainingProgress(name, (double)done++ / total));
                var candidate = change(best.Settings);
                if (candidate == best.Settings || results.Exists(r => r.Settings == candidate)) continue;
                var result = Try(name, candidate);
                if (result.Score > winner.Score + 1e-9) winner = result;
            }

            best = winner;
        }

        progress?.Report(new TrainingProgress("search done", 1));
        return results;

        SearchResult Try(string name, IntentModelSettings settings)
        {
            var clock = System.Diagnostics.Stopwatch.StartNew();
            var heldOut = validation is null
                ? IntentTrainer.CrossValidate(data.Rows, settings, Math.Max(2, settings.Folds))
                : Score(IntentTrainer.Fit(data.Rows, settings), validation);
            var thresholds = ThresholdSelector.Choose(heldOut, settings.OutOfScopeShare);
            var report = Evaluator.Evaluate(heldOut, thresholds.Accept);
            var result = new SearchResult(name, settings, Objective(heldOut, thresholds.Accept, settings.OutOfScopeShare), report, thresholds, clock.Elapsed.TotalSeconds);
            results.Add(result);
            return result;
        }
    }

    /// <summary>The share of messages handled right at <paramref name="accept"/>, with out-of-scope weighted as <paramref name="share"/> (in-scope accuracy when there are no <c>oos</c> rows).</summary>
    public static double Objective(IReadOnlyList<ScoredExample> heldOut, double accept, double share)
    {
        ArgumentNullException.ThrowIfNull(heldOut);
        var inScope = heldOut.Count(e => e.Gold != IntentPrediction.OutOfScope);
        var outOfScope = heldOut.Count - inScope;
        if (outOfScope == 0) share = 0;
        if (inScope == 0) share = 1;
        return ThresholdSelector.Handled(heldOut, accept, inScope == 0 ? 0 : (1 - share) / inScope, outOfScope == 0 ? 0 : share / outOfScope);
    }

    private static List<ScoredExample> Score(Runtime.IntentModel model, LabeledData validation) =>
        validation.Rows.Select(r => model.Score(r.Text, r.Intent)).ToList();

    private static List<List<(string Name, Func<IntentModelSettings, IntentModelSettings> Change)>> Axes() =>
    [
        [
            ("fold accents", s => s with { Features = s.Features with { FoldDiacritics = true } }),
            ("keep accents", s => s with { Features = s.Features with { FoldDiacritics = false } }),
        ],
        [
            ("chars 1-4", s => s with { Features = s.Features with { CharNgramMin = 1, CharNgramMax = 4 } }),
            ("chars 2-5", s => s with { Features = s.Features with { CharNgramMin = 2, CharNgramMax = 5 } }),
            ("chars 3-5", s => s with { Features = s.Features with { CharNgramMin = 3, CharNgramMax = 5 } }),
            ("chars 2-6", s => s with { Features = s.Features with { CharNgramMin = 2, CharNgramMax = 6 } }),
        ],
        [
            ("words 1", s => s with { Features = s.Features with { WordNgrams = 1 } }),
            ("words 1-2", s => s with { Features = s.Features with { WordNgrams = 2 } }),
            ("words 1-3", s => s with { Features = s.Features with { WordNgrams = 3 } }),
        ],
        [
            ("min count 1", s => s with { Features = s.Features with { MinCount = 1 } }),
            ("min count 2", s => s with { Features = s.Features with { MinCount = 2 } }),
            ("min count 3", s => s with { Features = s.Features with { MinCount = 3 } }),
        ],
        [
            ("perceptron x10", s => s with { Trainer = new TrainerSettings { Kind = TrainerKind.AveragedPerceptron, Iterations = 10 } }),
            ("perceptron x20", s => s with { Trainer = new TrainerSettings { Kind = TrainerKind.AveragedPerceptron, Iterations = 20 } }),
            ("perceptron x40", s => s with { Trainer = new TrainerSettings { Kind = TrainerKind.AveragedPerceptron, Iterations = 40 } }),
            ("svm x20", s => s with { Trainer = new TrainerSettings { Kind = TrainerKind.LinearSvm, Iterations = 20, L2 = 1e-4 } }),
        ],
    ];
}
