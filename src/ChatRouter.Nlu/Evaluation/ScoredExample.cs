namespace ChatRouter.Nlu.Evaluation;

/// <summary>A labelled text and the model's answer: the top intents (best first) with their probabilities, and the gold intent's probability.</summary>
public sealed record ScoredExample(string Gold, IReadOnlyList<(string Intent, double Confidence)> Top, double GoldProbability)
{
    /// <summary>The model's best intent.</summary>
    public string Predicted => Top[0].Intent;

    /// <summary>The model's confidence in its best intent.</summary>
    public double Confidence => Top[0].Confidence;

    /// <summary>What the router does with it at <paramref name="acceptThreshold"/>: the intent, or <c>oos</c> when the model says so or is less sure.</summary>
    public string Effective(double acceptThreshold) =>
        Confidence >= acceptThreshold ? Predicted : Routing.IntentPrediction.OutOfScope;
}
