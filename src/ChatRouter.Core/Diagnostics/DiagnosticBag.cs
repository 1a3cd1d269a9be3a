namespace ChatRouter.Diagnostics;

/// <summary>Collects every problem found in one pass, so authors fix them all at once (R12).</summary>
public sealed class DiagnosticBag
{
    private readonly List<Diagnostic> _items = [];

    /// <summary>Everything reported so far, in report order.</summary>
    public IReadOnlyList<Diagnostic> Items => _items;

    /// <summary>True once any error (not warning) was reported.</summary>
    public bool HasErrors => _items.Exists(d => d.Severity == Severity.Error);

    /// <summary>Number of errors.</summary>
    public int ErrorCount => _items.Count(d => d.Severity == Severity.Error);

    /// <summary>Number of warnings.</summary>
    public int WarningCount => _items.Count(d => d.Severity == Severity.Warning);

    /// <summary>Adds a problem.</summary>
    public void Add(Diagnostic diagnostic) => _items.Add(diagnostic);

    /// <summary>Adds every problem of another bag.</summary>
    public void AddRange(IEnumerable<Diagnostic> diagnostics) => _items.AddRange(diagnostics);

    internal void Error(string path, TextPosition at, string message) =>
        _items.Add(new Diagnostic(path, at.Line, at.Column, Severity.Error, message));

    internal void Warning(string path, TextPosition at, string message) =>
        _items.Add(new Diagnostic(path, at.Line, at.Column, Severity.Warning, message));
}
