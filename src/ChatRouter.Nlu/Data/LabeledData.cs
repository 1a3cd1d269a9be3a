using ChatRouter.Diagnostics;

namespace ChatRouter.Nlu.Data;

/// <summary>The rows of a TSV file and every problem found in it, plus the SHA-256 of its bytes.</summary>
public sealed record LabeledData(string Path, IReadOnlyList<LabeledText> Rows, IReadOnlyList<Diagnostic> Diagnostics, string Sha256)
{
    /// <summary>True when any diagnostic is an error; such data is not trained or evaluated on.</summary>
    public bool HasErrors => Diagnostics.Any(d => d.Severity == Severity.Error);

    /// <summary>The intents in ordinal order.</summary>
    public IReadOnlyList<string> Intents => Rows.Select(r => r.Intent).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
}
