using System.Globalization;
using ChatRouter.Routing;

namespace ChatRouter.Nlu.Evaluation;

/// <summary>The accept and clarify thresholds chosen on held-out predictions, and the rule that chose them.</summary>
public sealed record Thresholds(double Accept, double Clarify, string Rule);

/// <summary>
/// Chooses the confidence bands on held-out predictions (cross-validation folds or a validation file).
/// <para>Accept: the threshold that maximises the expected share of messages handled right when a share
/// <c>s</c> of them is out of scope: <c>(1 − s) · in-scope accuracy + s · OOS recall</c>. Weighting by an
/// assumed share, instead of by the rows at hand, keeps the choice independent of how many <c>oos</c> rows a
/// data set happens to have.</para>
/// <para>Clarify: the threshold under accept from which asking "did you mean…?" pays off: each in-scope
/// message whose intent is among the two offered gains one (a message resolved instead of "not understood"); a
/// wrong offer, to an in-scope or out-of-scope message, costs half (an extra turn before "not understood"),
/// weighted the same way.</para>
/// Without <c>oos</c> rows nothing can be tuned: the defaults 0.5 and 0.25 are used and the rule says so.
/// </summary>
public static class ThresholdSelector
{
    /// <summary>Accept threshold when the data has no <c>oos</c> rows.</summary>
    public const double DefaultAccept = 0.5;

    /// <summary>Clarify threshold when the data has no <c>oos</c> rows.</summary>
    public const double DefaultClarify = 0.25;

    private const int Steps = 100;

    /// <summary>The thresholds for <paramref name="examples"/>, on a 0.01 grid (ties: the middle of the tied range), assuming <paramref name="outOfScopeShare"/> of traffic is out of scope.</summary>
    public static Thresholds Choose(IReadOnlyList<ScoredExample> examples, double outOfScopeShare)
    {
        ArgumentNullException.ThrowIfNull(examples);
        ArgumentOutOfRangeException.ThrowIfLessThan(outOfScopeShare, 0.0);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(outOfScopeShare, 1.0);
        var inScope = examples.Count(e => e.Gold != IntentPrediction.OutOfScope);
        var outOfScope = examples.Count - inScope;
        if (outOfScope == 0 || inScope == 0)
            return new Thresholds(DefaultAccept, DefaultClarify, "defaults: the held-out data has no 'oos' rows (or only 'oos' rows), so nothing could be tuned; add out-of-scope examples labelled 'oos'");

        var inWeight = (1 - outOfScopeShare) / inScope;
        var outWeight = outOfScopeShare / outOfScope;
        var accept = Best(t => Handled(examples, t, inWeight, outWeight), 0, Steps);
        var clarify = Best(t => ClarifyGain(examples, t, accept, inWeight, outWeight), 0, (int)Math.Round(accept * Steps));
        var rule = string.Create(CultureInfo.InvariantCulture, $"accept maximises (1 - s) * in-scope accuracy + s * OOS recall with s = {outOfScopeShare:0.##} on {examples.Count} held-out predictions; clarify maximises the expected gain of asking \"did you mean...?\"");
        return new Thresholds(accept, clarify, rule);
    }

    /// <summary>The expected share of messages handled right at accept threshold <paramref name="threshold"/>.</summary>
    internal static double Handled(IReadOnlyList<ScoredExample> examples, double threshold, double inWeight, double outWeight)
    {
        var score = 0.0;
        foreach (var example in examples)
        {
            var predicted = example.Effective(threshold);
            if (example.Gold == IntentPrediction.OutOfScope) score += predicted == IntentPrediction.OutOfScope ? outWeight : 0;
            else score += predicted == example.Gold ? inWeight : 0;
        }

        return score;
    }

    private static double ClarifyGain(IReadOnlyList<ScoredExample> examples, double clarify, double accept, double inWeight, double outWeight)
    {
        var gain = 0.0;
        foreach (var example in examples)
        {
            if (example.Predicted == IntentPrediction.OutOfScope || example.Confidence < clarify || example.Confidence >= accept) continue;
            if (example.Gold == IntentPrediction.OutOfScope) gain -= outWeight / 2;
            else if (example.Top.Where(t => t.Intent != IntentPrediction.OutOfScope).Take(2).Any(t => t.Intent == example.Gold)) gain += inWeight;
            else gain -= inWeight / 2;
        }

        return gain;
    }

    /// <summary>
    /// The grid point in [from, to] (hundredths) with the highest value. Where neighbouring points tie (no
    /// held-out prediction lies between them), the middle of the first such run: the widest margin on both sides.
    /// </summary>
    private static double Best(Func<double, double> value, int from, int to)
    {
        var values = Enumerable.Range(from, to - from + 1).Select(step => value(step / (double)Steps)).ToArray();
        var max = values.Max();
        var first = Array.FindIndex(values, v => v >= max - 1e-12);
        var last = first;
        while (last + 1 < values.Length && values[last + 1] >= max - 1e-12) last++;
        return (from + ((first + last) / 2)) / (double)Steps;
    }
}
