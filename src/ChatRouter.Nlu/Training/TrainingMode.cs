namespace ChatRouter.Nlu.Training;

/// <summary>How a model reads text: <c>train --mode</c>.</summary>
public enum TrainingMode
{
    /// <summary>Accurate where an embedding model covers the locale (English today), fast elsewhere.</summary>
    Auto,

    /// <summary>Word and character n-grams only: microseconds per prediction, any language.</summary>
    Fast,

    /// <summary>The n-grams plus a sentence embedding (all-MiniLM-L6-v2): a few milliseconds per prediction, English.</summary>
    Accurate,
}
