using ChatRouter.Routing;

namespace ChatRouter.Nlu.Evaluation;

/// <summary>Whether a new model is better, worse or level with the one it would replace.</summary>
public enum ComparisonVerdict
{
    /// <summary>No headline metric changed significantly.</summary>
    NoSignificantChange,

    /// <summary>At least one headline metric is significantly better and none significantly worse.</summary>
    Better,

    /// <summary>At least one headline metric is significantly worse.</summary>
    Worse,
}

/// <summary>The change of one metric (new minus old) with its 95 % paired-bootstrap interval.</summary>
public sealed record MetricDelta(string Name, double Old, double New, double Lower, double Upper)
{
    /// <summary>New minus old.</summary>
    public double Delta => New - Old;

    /// <summary>The whole interval is below zero.</summary>
    public bool SignificantlyWorse => Upper < 0;

    /// <summary>The whole interval is above zero.</summary>
    public bool SignificantlyBetter => Lower > 0;
}

/// <summary>A new model against a baseline on the same rows, each at its own accept threshold.</summary>
public sealed record ModelComparison(
    int Count,
    IReadOnlyList<MetricDelta> Headline,
    IReadOnlyDictionary<string, (double Old, double New)> PerIntentF1,
    EvaluationReport OldReport,
    EvaluationReport NewReport)
{
    /// <summary>Resamples of the paired bootstrap.</summary>
    public const int Resamples = 2000;

    /// <summary>The verdict: worse when any headline metric's interval lies wholly below zero.</summary>
    public ComparisonVerdict Verdict =>
        Headline.Any(m => m.SignificantlyWorse) ? ComparisonVerdict.Worse
        : Headline.Any(m => m.SignificantlyBetter) ? ComparisonVerdict.Better
        : ComparisonVerdict.NoSignificantChange;

    /// <summary>
    /// Compares <paramref name="newScores"/> with <paramref name="oldScores"/> (the same rows, in the same order)
    /// at their own accept thresholds. Headline metrics: in-scope accuracy, and OOS recall when the rows have
    /// <c>oos</c> ones. Intervals: a paired bootstrap over rows with a fixed seed, so a run repeats exactly.
    /// </summary>
    public static ModelComparison Compare(IReadOnlyList<ScoredExample> oldScores, double oldAccept, IReadOnlyList<ScoredExample> newScores, double newAccept)
    {
        ArgumentNullException.ThrowIfNull(oldScores);
        ArgumentNullException.ThrowIfNull(newScores);
        if (oldScores.Count != newScores.Count) throw new ArgumentException("Both models must be scored on the same rows.", nameof(newScores));
        var n = oldScores.Count;
        var isOos = oldScores.Select(s => s.Gold == IntentPrediction.OutOfScope).ToArray();
        var oldRight = oldScores.Select(s => s.Effective(oldAccept) == s.Gold).ToArray();
        var newRight = newScores.Select(s => s.Effective(newAccept) == s.Gold).ToArray();

        var metrics = new List<(string Name, Func<int, bool> Counts)> { ("in-scope accuracy", i => !isOos[i]) };
        if (isOos.Any(o => o)) metrics.Add(("OOS recall", i => isOos[i]));

        var random = new Random(1);
        var samples = metrics.Select(_ => new double[Resamples]).ToArray();
        var draw = new int[n];
        for (var b = 0; b < Resamples; b++)
        {
            for (var i = 0; i < n; i++) draw[i] = random.Next(n);
            for (var m = 0; m < metrics.Count; m++) samples[m][b] = Delta(draw, metrics[m].Counts, oldRight, newRight);
        }

        var all = Enumerable.Range(0, n).ToArray();
        var headline = metrics.Select((m, k) =>
        {
            var (oldRate, newRate) = Rates(all, m.Counts, oldRight, newRight);
            Array.Sort(samples[k]);
            return new MetricDelta(m.Name, oldRate, newRate, samples[k][(int)(0.025 * Resamples)], samples[k][(int)(0.975 * Resamples) - 1]);
        }).ToList();

        var oldReport = Evaluator.Evaluate(oldScores, oldAccept);
        var newReport = Evaluator.Evaluate(newScores, newAccept);
        var perIntent = oldReport.PerIntent.Keys.Union(newReport.PerIntent.Keys, StringComparer.Ordinal).Order(StringComparer.Ordinal)
            .ToDictionary(k => k, k => (oldReport.PerIntent.GetValueOrDefault(k)?.F1 ?? 0, newReport.PerIntent.GetValueOrDefault(k)?.F1 ?? 0), StringComparer.Ordinal);
        return new ModelComparison(n, headline, perIntent, oldReport, newReport);
    }

    private static double Delta(int[] rows, Func<int, bool> counts, bool[] oldRight, bool[] newRight)
    {
        var (oldRate, newRate) = Rates(rows, counts, oldRight, newRight);
        return newRate - oldRate;
    }

    private static (double Old, double New) Rates(int[] rows, Func<int, bool> counts, bool[] oldRight, bool[] newRight)
    {
        int total = 0, oldHits = 0, newHits = 0;
        foreach (var i in rows)
        {
            if (!counts(i)) continue;
            total++;
            if (oldRight[i]) oldHits++;
            if (newRight[i]) newHits++;
        }

        return total == 0 ? (0, 0) : ((double)oldHits / total, (double)newHits / total);
    }
}
