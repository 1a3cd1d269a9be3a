using System.Text.Json.Serialization;

namespace ChatRouter.Nlu.Evaluation;

/// <summary>
/// Metrics of a model on labelled data, the shape of <c>eval --json</c> (docs/contracts.md). A prediction counts as
/// out of scope when the model says <c>oos</c> or its confidence is under the accept threshold; rates are 0–1.
/// </summary>
public sealed record EvaluationReport
{
    /// <summary>Rows evaluated.</summary>
    public int Count { get; init; }

    /// <summary>All rows, <c>oos</c> counted as a class.</summary>
    public double Accuracy { get; init; }

    /// <summary>Rows whose gold intent is not <c>oos</c>; an out-of-scope prediction counts as wrong.</summary>
    public double InScopeAccuracy { get; init; }

    /// <summary>Share of <c>oos</c> rows predicted out of scope; null when the data has no <c>oos</c> rows.</summary>
    public double? OosRecall { get; init; }

    /// <summary>Share of out-of-scope predictions whose gold is <c>oos</c>; null when the data has no <c>oos</c> rows.</summary>
    public double? OosPrecision { get; init; }

    /// <summary>Mean of the per-intent F1 (intents in the data or predicted).</summary>
    public double MacroF1 { get; init; }

    /// <summary>The accept threshold the metrics were computed at.</summary>
    public double AcceptThreshold { get; init; }

    /// <summary>Precision, recall, F1 and support per intent.</summary>
    public IReadOnlyDictionary<string, IntentMetrics> PerIntent { get; init; } = new Dictionary<string, IntentMetrics>();

    /// <summary>Ten equal buckets of confidence with the accuracy of the model's best intent in each.</summary>
    public IReadOnlyList<CalibrationBucket> Calibration { get; init; } = [];

    /// <summary>The most frequent (gold, predicted) mistakes, most frequent first (table only).</summary>
    [JsonIgnore]
    public IReadOnlyList<ConfusedPair> Confusions { get; init; } = [];

    /// <summary>Mean negative log-probability of the gold intent (table only).</summary>
    [JsonIgnore]
    public double LogLoss { get; init; }
}

/// <summary>Metrics of one intent.</summary>
public sealed record IntentMetrics(double Precision, double Recall, double F1, int Support);

/// <summary>Predictions with confidence in [<paramref name="Lower"/>, <paramref name="Upper"/>) (the last bucket includes 1) and how many were right; accuracy is null when empty.</summary>
public sealed record CalibrationBucket(double Lower, double Upper, int Count, double? Accuracy);

/// <summary>Rows of <paramref name="Gold"/> predicted as <paramref name="Predicted"/>.</summary>
public sealed record ConfusedPair(string Gold, string Predicted, int Count);
