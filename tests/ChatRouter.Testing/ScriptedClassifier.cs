using ChatRouter.Routing;

namespace ChatRouter.Testing;

/// <summary>
/// A classifier with fixed answers per text, for routing tests that need exact confidences (the bands).
/// Texts it does not know are out of scope.
/// </summary>
public sealed class ScriptedClassifier(double accept = 0.7, double clarify = 0.4) : IIntentClassifier, ILanguageDetector
{
    private readonly Dictionary<string, IntentPrediction> _answers = new(StringComparer.Ordinal);
    private readonly Dictionary<string, LanguageGuess> _languages = new(StringComparer.Ordinal);

    public IReadOnlyCollection<string> Locales { get; set; } = ["en"];

    public List<(string Text, string Locale)> Calls { get; } = [];

    public ScriptedClassifier Answer(string text, params (string Intent, double Confidence)[] ranked)
    {
        _answers[text] = new IntentPrediction(ranked[0].Intent, ranked[0].Confidence, ranked.Select(r => new IntentScore(r.Intent, r.Confidence)).ToArray(), new ConfidenceBands(accept, clarify));
        return this;
    }

    public ScriptedClassifier Language(string text, string locale, double confidence = 0.95)
    {
        _languages[text] = new LanguageGuess(locale, confidence);
        return this;
    }

    public IntentPrediction Classify(string text, string locale)
    {
        lock (Calls) Calls.Add((text, locale));
        return _answers.TryGetValue(text, out var answer)
            ? answer
            : new IntentPrediction(IntentPrediction.OutOfScope, 0.9, [new IntentScore(IntentPrediction.OutOfScope, 0.9)], new ConfidenceBands(accept, clarify));
    }

    public LanguageGuess? Detect(string text, IReadOnlyCollection<string> candidates) => _languages.GetValueOrDefault(text);
}
