using ChatRouter.Nlu.Evaluation;
using FsCheck.Xunit;

namespace ChatRouter.Nlu.Tests.Evaluation;

/// <summary>Invariants of the calibration buckets and the threshold logic, over generated predictions.</summary>
public sealed class EvaluationPropertyTests
{
    private static readonly string[] Intents = ["oos", "a", "b", "c"];

    /// <summary>Each byte triple is one example: gold, predicted and second intent, and a confidence in 0–1.</summary>
    private static List<ScoredExample> Examples((byte Gold, byte Predicted, byte Confidence)[] raw) =>
        raw.Select(r =>
        {
            var predicted = Intents[r.Predicted % 4];
            var second = Intents[(r.Predicted + 1 + (r.Gold % 3)) % 4];
            var confidence = r.Confidence / 255.0;
            return new ScoredExample(Intents[r.Gold % 4], [(predicted, confidence), (second, (1 - confidence) / 2)], confidence);
        }).ToList();

    [Property]
    public bool Bucket_AnyConfidence_FallsInsideItsBucket(double confidence)
    {
        var c = double.IsFinite(confidence) ? Math.Abs(confidence) % 1.0000001 : 0.5;
        var bucket = Evaluator.Bucket(c);
        var lower = bucket / 10.0;
        var upper = (bucket + 1) / 10.0;
        return bucket is >= 0 and <= 9 && c >= lower && (c < upper || (bucket == 9 && c <= 1));
    }

    [Property]
    public bool Calibration_AnyPredictions_CountsEachOnceWithAccuracyInRange((byte, byte, byte)[] raw)
    {
        var examples = Examples(raw);
        var buckets = Evaluator.Calibration(examples);
        return buckets.Count == 10
            && buckets.Sum(b => b.Count) == examples.Count
            && buckets.All(b => b.Count == 0 ? b.Accuracy is null : b.Accuracy is >= 0 and <= 1)
            && buckets.Zip(buckets.Skip(1)).All(p => Math.Abs(p.First.Upper - p.Second.Lower) < 1e-12);
    }

    [Property]
    public bool Evaluate_HigherAcceptThreshold_NeverRaisesInScopeAccuracyNorLowersOosRecall((byte, byte, byte)[] raw, byte low, byte high)
    {
        var examples = Examples(raw);
        var (t1, t2) = (Math.Min(low, high) / 255.0, Math.Max(low, high) / 255.0);
        var lower = Evaluator.Evaluate(examples, t1);
        var higher = Evaluator.Evaluate(examples, t2);
        return higher.InScopeAccuracy <= lower.InScopeAccuracy + 1e-12
            && (higher.OosRecall ?? 0) >= (lower.OosRecall ?? 0) - 1e-12;
    }

    [Property]
    public bool Effective_UnderTheThreshold_IsOutOfScope((byte, byte, byte)[] raw, byte threshold)
    {
        var t = threshold / 255.0;
        return Examples(raw).All(e => e.Confidence < t ? e.Effective(t) == "oos" : e.Effective(t) == e.Predicted);
    }

    [Property]
    public bool Choose_AnyPredictions_GivesOrderedBandsThatMaximiseTheObjective((byte, byte, byte)[] raw, byte share)
    {
        var examples = Examples(raw);
        var s = share / 255.0;
        var thresholds = ThresholdSelector.Choose(examples, s);
        var inScope = examples.Count(e => e.Gold != "oos");
        var outOfScope = examples.Count - inScope;
        if (inScope == 0 || outOfScope == 0)
            return thresholds.Accept == ThresholdSelector.DefaultAccept && thresholds.Clarify == ThresholdSelector.DefaultClarify;

        var chosen = ThresholdSelector.Handled(examples, thresholds.Accept, (1 - s) / inScope, s / outOfScope);
        var best = Enumerable.Range(0, 101).Max(i => ThresholdSelector.Handled(examples, i / 100.0, (1 - s) / inScope, s / outOfScope));
        return thresholds.Accept is >= 0 and <= 1
            && thresholds.Clarify >= 0 && thresholds.Clarify <= thresholds.Accept
            && chosen >= best - 1e-9;
    }
}
