namespace ChatRouter.Nlu.Embeddings;

/// <summary>
/// A sentence-embedding model a model can be trained with: its name (as stored in the metadata), the NuGet
/// package and assembly that ship it, its vector size and the languages it was trained on.
/// </summary>
internal sealed record EmbeddingModelInfo(string Name, string Package, string PackageVersion, string AssemblyName, int Dimensions, IReadOnlyList<string> Languages)
{
    /// <summary>True when the model was trained on the language of <paramref name="locale"/> ("en-GB" → "en").</summary>
    public bool Covers(string? locale)
    {
        if (string.IsNullOrWhiteSpace(locale)) return false;
        var language = locale.Split('-', '_')[0];
        return Languages.Contains(language, StringComparer.OrdinalIgnoreCase);
    }
}
