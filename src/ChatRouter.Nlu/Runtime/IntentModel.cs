using ChatRouter.Nlu.Data;
using ChatRouter.Nlu.Embeddings;
using ChatRouter.Nlu.Evaluation;
using ChatRouter.Nlu.Features;
using ChatRouter.Nlu.Languages;
using ChatRouter.Nlu.Models;
using ChatRouter.Nlu.Training;
using ChatRouter.Routing;

namespace ChatRouter.Nlu.Runtime;

/// <summary>
/// One trained intent model: the feature vocabulary, the ML.NET model (scored through a <see cref="LinearScorer"/>
/// read out of it), the locale's language profile and the metadata. Immutable and thread-safe.
/// </summary>
public sealed partial class IntentModel
{
    private const int TopCount = 3;
    private readonly string[] _labels;
    private readonly ConfidenceBands _bands;

    internal IntentModel(TextFeaturizer input, FittedModel fitted, LanguageProfile language, ModelMetadata metadata)
    {
        Input = input;
        Fitted = fitted;
        Language = language;
        Metadata = metadata;
        _labels = [.. fitted.Labels];
        _bands = new ConfidenceBands(metadata.AcceptThreshold, Math.Min(metadata.ClarifyThreshold, metadata.AcceptThreshold));
    }

    /// <summary>The rows the model never trained on (its held-out split, or the validation file), stored in the model file; empty for older models.</summary>
    public IReadOnlyList<LabeledText> HeldOut { get; init; } = [];

    /// <summary>What the model recognises, its thresholds and how it was trained.</summary>
    public ModelMetadata Metadata { get; }

    /// <summary>The n-gram vocabulary (the first block of <see cref="Input"/>).</summary>
    internal FeatureSpace Features => Input.Ngrams;

    /// <summary>Text to vector: the n-grams and, in accurate mode, the sentence embedding.</summary>
    internal TextFeaturizer Input { get; }

    internal FittedModel Fitted { get; }

    internal LanguageProfile Language { get; }

    internal IReadOnlyList<string> Labels => _labels;

    /// <summary>The best intent of <paramref name="text"/> with its confidence, the top three and the model's bands.</summary>
    public IntentPrediction Predict(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (string.IsNullOrWhiteSpace(text)) return IntentPrediction.None;
        Span<float> probabilities = _labels.Length <= 256 ? stackalloc float[_labels.Length] : new float[_labels.Length];
        Confidences(text, Input.Encoder?.Encode([text])[0], probabilities);
        Span<int> top = stackalloc int[Math.Min(TopCount, _labels.Length)];
        Top(probabilities, top);
        var scores = new IntentScore[top.Length];
        for (var i = 0; i < top.Length; i++) scores[i] = new IntentScore(_labels[top[i]], probabilities[top[i]]);
        return new IntentPrediction(scores[0].Intent, scores[0].Confidence, scores, _bands);
    }

    /// <summary>Probabilities of every label, in <see cref="Labels"/> order.</summary>
    internal float[] Probabilities(string text)
    {
        var probabilities = new float[_labels.Length];
        Confidences(text, Input.Encoder?.Encode([text])[0], probabilities);
        return probabilities;
    }

    /// <summary>The probability of every label (the confidence), from the text and, in accurate mode, its embedding.</summary>
    private void Confidences(string text, float[]? embedding, Span<float> confidences) =>
        Fitted.Scorer.Score(Input.Featurize(text, embedding), confidences);

    /// <summary>The prediction of a text whose embedding is already known (training embeds held-out rows in batches).</summary>
    internal ScoredExample Score(string text, float[]? embedding, string gold)
    {
        var probabilities = new float[_labels.Length];
        Confidences(text, embedding, probabilities);
        return Score(probabilities, _labels, gold);
    }

    /// <summary>
    /// The predictions of many labelled texts, for evaluation: in accurate mode the texts are embedded in batches
    /// over <paramref name="workers"/> threads (default: every core) first.
    /// </summary>
    public IReadOnlyList<ScoredExample> ScoreAll(IReadOnlyList<LabeledText> rows, int? workers = null)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var embeddings = Input.Encoder is null ? null : EmbeddingBatches.Encode(Input.Encoder, rows.Select(r => r.Text).ToList(), workers: workers);
        return rows.Select((r, i) => Score(r.Text, embeddings?[i], r.Intent)).ToList();
    }

    /// <summary>The prediction of a labelled text, for evaluation (<see cref="Evaluator"/>).</summary>
    public ScoredExample Score(string text, string gold)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(gold);
        return Score(Probabilities(text), _labels, gold);
    }

    internal static ScoredExample Score(float[] probabilities, IReadOnlyList<string> labels, string gold)
    {
        Span<int> top = stackalloc int[Math.Min(TopCount, labels.Count)];
        Top(probabilities, top);
        var ranked = new (string, double)[top.Length];
        for (var i = 0; i < top.Length; i++) ranked[i] = (labels[top[i]], probabilities[top[i]]);
        var goldIndex = -1;
        for (var i = 0; i < labels.Count; i++)
        {
            if (labels[i] == gold) goldIndex = i;
        }

        return new ScoredExample(gold, ranked, goldIndex < 0 ? 0 : probabilities[goldIndex]);
    }

    /// <summary>Indices of the largest values, best first; ties keep the lower index (label order), so results are stable.</summary>
    private static void Top(ReadOnlySpan<float> values, Span<int> top)
    {
        top.Fill(-1);
        for (var i = 0; i < values.Length; i++)
        {
            for (var k = 0; k < top.Length; k++)
            {
                if (top[k] >= 0 && values[i] <= values[top[k]]) continue;
                for (var m = top.Length - 1; m > k; m--) top[m] = top[m - 1];
                top[k] = i;
                break;
            }
        }
    }
}
