using System.Globalization;

namespace ChatRouter.Nlu.Features;

/// <summary>
/// How a text becomes a feature vector: the normalisation choices and the n-gram ranges. Picked by
/// <c>train --search</c> on held-out data and stored in each model's metadata, so a model is always read back
/// with the settings it was trained with.
/// </summary>
public sealed record FeatureSettings
{
    /// <summary>Remove accents after lower-casing ("año" and "ano" become one word). <value>Default: true.</value></summary>
    public bool FoldDiacritics { get; init; } = true;

    /// <summary>Longest word n-gram (1 = words only, 0 = none). <value>Default: 2.</value></summary>
    public int WordNgrams { get; init; } = 2;

    /// <summary>Shortest character n-gram taken inside each space-padded word (0 = none). <value>Default: 1.</value></summary>
    public int CharNgramMin { get; init; } = 1;

    /// <summary>Longest character n-gram taken inside each space-padded word. <value>Default: 4.</value></summary>
    public int CharNgramMax { get; init; } = 4;

    /// <summary>An n-gram becomes a feature only when at least this many training texts have it. <value>Default: 1.</value></summary>
    public int MinCount { get; init; } = 1;

    /// <summary>Weight of the word block against the character block (each block is L2-normalised first). <value>Default: 1.</value></summary>
    public double WordWeight { get; init; } = 1;

    /// <summary>One line for tables and logs.</summary>
    public override string ToString() => string.Create(
        CultureInfo.InvariantCulture,
        $"words 1-{WordNgrams}, chars {CharNgramMin}-{CharNgramMax}, min count {MinCount}, word weight {WordWeight:0.##}, {(FoldDiacritics ? "fold" : "keep")} accents");
}
