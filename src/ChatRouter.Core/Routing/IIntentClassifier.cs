namespace ChatRouter.Routing;

/// <summary>Classifies a customer message into an intent with a calibrated confidence (the ML.NET models).</summary>
public interface IIntentClassifier
{
    /// <summary>Locales that have a model.</summary>
    IReadOnlyCollection<string> Locales { get; }

    /// <summary>The prediction for <paramref name="text"/> in <paramref name="locale"/> (or its nearest model); thread-safe.</summary>
    IntentPrediction Classify(string text, string locale);
}

/// <summary>Tells which locale a message is written in.</summary>
public interface ILanguageDetector
{
    /// <summary>The most likely of <paramref name="candidates"/>, or null when the text says too little.</summary>
    LanguageGuess? Detect(string text, IReadOnlyCollection<string> candidates);
}

/// <summary>A detected locale and how sure the detector is (0–1).</summary>
public sealed record LanguageGuess(string Locale, double Confidence);

/// <summary>One intent and its confidence.</summary>
public readonly record struct IntentScore(string Intent, double Confidence);

/// <summary>Confidence bands: at or above <paramref name="Accept"/> route; from <paramref name="Clarify"/> ask "did you mean…?".</summary>
public sealed record ConfidenceBands(double Accept, double Clarify);

/// <summary>The classifier's answer: the best intent, its confidence, the top three and the model's bands.</summary>
public sealed record IntentPrediction(string Intent, double Confidence, IReadOnlyList<IntentScore> Top, ConfidenceBands Bands)
{
    /// <summary>The label of out-of-scope examples.</summary>
    public const string OutOfScope = "oos";

    /// <summary>Nothing understood (no model, or empty text).</summary>
    public static IntentPrediction None { get; } = new(OutOfScope, 0, [], new ConfidenceBands(1, 1));
}

/// <summary>The classifier used until models exist: every free text is "not understood".</summary>
public sealed class NoIntentClassifier : IIntentClassifier, ILanguageDetector
{
    /// <inheritdoc />
    public IReadOnlyCollection<string> Locales => [];

    /// <inheritdoc />
    public IntentPrediction Classify(string text, string locale) => IntentPrediction.None;

    /// <inheritdoc />
    public LanguageGuess? Detect(string text, IReadOnlyCollection<string> candidates) => null;
}
