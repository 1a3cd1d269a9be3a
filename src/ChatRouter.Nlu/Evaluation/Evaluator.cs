namespace ChatRouter.Nlu.Evaluation;

/// <summary>Computes an <see cref="EvaluationReport"/> from scored examples (the maths of <c>eval</c>).</summary>
public static class Evaluator
{
    private const string Oos = Routing.IntentPrediction.OutOfScope;

    /// <summary>The metrics of <paramref name="examples"/> when predictions under <paramref name="acceptThreshold"/> count as out of scope.</summary>
    public static EvaluationReport Evaluate(IReadOnlyList<ScoredExample> examples, double acceptThreshold)
    {
        ArgumentNullException.ThrowIfNull(examples);
        var effective = examples.Select(e => e.Effective(acceptThreshold)).ToArray();
        var inScope = 0;
        var inScopeRight = 0;
        var oosGold = 0;
        var oosCaught = 0;
        var oosPredicted = 0;
        var right = 0;
        var confusions = new Dictionary<(string, string), int>();
        for (var i = 0; i < examples.Count; i++)
        {
            var gold = examples[i].Gold;
            var predicted = effective[i];
            if (predicted == gold) right++;
            else confusions[(gold, predicted)] = confusions.GetValueOrDefault((gold, predicted)) + 1;
            if (predicted == Oos) oosPredicted++;
            if (gold == Oos)
            {
                oosGold++;
                if (predicted == Oos) oosCaught++;
            }
            else
            {
                inScope++;
                if (predicted == gold) inScopeRight++;
            }
        }

        var perIntent = PerIntent(examples, effective);
        return new EvaluationReport
        {
            Count = examples.Count,
            Accuracy = Rate(right, examples.Count),
            InScopeAccuracy = Rate(inScopeRight, inScope),
            OosRecall = oosGold == 0 ? null : Rate(oosCaught, oosGold),
            OosPrecision = oosGold == 0 ? null : Rate(oosCaught, oosPredicted),
            MacroF1 = perIntent.Count == 0 ? 0 : perIntent.Values.Average(m => m.F1),
            AcceptThreshold = acceptThreshold,
            PerIntent = perIntent,
            Calibration = Calibration(examples),
            Confusions = confusions
                .OrderByDescending(c => c.Value).ThenBy(c => c.Key.Item1, StringComparer.Ordinal).ThenBy(c => c.Key.Item2, StringComparer.Ordinal)
                .Take(10).Select(c => new ConfusedPair(c.Key.Item1, c.Key.Item2, c.Value)).ToList(),
            LogLoss = examples.Count == 0 ? 0 : examples.Average(e => -Math.Log(Math.Max(e.GoldProbability, 1e-9))),
        };
    }

    /// <summary>Ten buckets [0, 0.1), …, [0.9, 1]: how often the model's best intent was right at each confidence.</summary>
    public static IReadOnlyList<CalibrationBucket> Calibration(IReadOnlyList<ScoredExample> examples)
    {
        ArgumentNullException.ThrowIfNull(examples);
        var counts = new int[10];
        var right = new int[10];
        foreach (var example in examples)
        {
            var bucket = Bucket(example.Confidence);
            counts[bucket]++;
            if (example.Predicted == example.Gold) right[bucket]++;
        }

        return Enumerable.Range(0, 10)
            .Select(b => new CalibrationBucket(b / 10.0, (b + 1) / 10.0, counts[b], counts[b] == 0 ? null : (double)right[b] / counts[b]))
            .ToList();
    }

    /// <summary>The bucket of a confidence: b with b/10 ≤ c &lt; (b+1)/10, and 9 for 1 (values outside 0–1 are clamped).</summary>
    public static int Bucket(double confidence)
    {
        if (double.IsNaN(confidence) || confidence <= 0) return 0;
        if (confidence >= 1) return 9;
        var bucket = (int)Math.Floor(confidence * 10);
        // Floating point: 0.3 * 10 may land on 2.9999…; the bounds are compared as the table prints them.
        if (bucket < 9 && confidence >= (bucket + 1) / 10.0) bucket++;
        if (bucket > 0 && confidence < bucket / 10.0) bucket--;
        return Math.Clamp(bucket, 0, 9);
    }

    private static Dictionary<string, IntentMetrics> PerIntent(IReadOnlyList<ScoredExample> examples, string[] effective)
    {
        var intents = examples.Select(e => e.Gold).Concat(effective).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal);
        var result = new Dictionary<string, IntentMetrics>(StringComparer.Ordinal);
        foreach (var intent in intents)
        {
            int truePositive = 0, predicted = 0, support = 0;
            for (var i = 0; i < examples.Count; i++)
            {
                var isGold = examples[i].Gold == intent;
                var isPredicted = effective[i] == intent;
                if (isGold) support++;
                if (isPredicted) predicted++;
                if (isGold && isPredicted) truePositive++;
            }

            var precision = Rate(truePositive, predicted);
            var recall = Rate(truePositive, support);
            var f1 = precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall);
            result[intent] = new IntentMetrics(precision, recall, f1, support);
        }

        return result;
    }

    private static double Rate(int part, int whole) => whole == 0 ? 0 : (double)part / whole;
}
