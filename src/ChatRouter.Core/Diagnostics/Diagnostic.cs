namespace ChatRouter.Diagnostics;

/// <summary>How bad a <see cref="Diagnostic"/> is: errors stop a file from loading, warnings do not.</summary>
public enum Severity
{
    /// <summary>The file cannot be used until this is fixed.</summary>
    Error,

    /// <summary>The file works, but probably not as its author meant.</summary>
    Warning,
}

/// <summary>One problem in a user-authored file, with the position and the fix.</summary>
/// <param name="Path">The file, as the user named it (relative paths stay relative).</param>
/// <param name="Line">1-based line.</param>
/// <param name="Column">1-based column, in characters.</param>
/// <param name="Severity">Error or warning.</param>
/// <param name="Message">What is wrong and how to fix it, in one line.</param>
public sealed record Diagnostic(string Path, int Line, int Column, Severity Severity, string Message)
{
    /// <summary>The contract's one-line form: <c>PATH:LINE:COL: error|warning: MESSAGE</c>.</summary>
    public override string ToString() =>
        $"{Path}:{Line}:{Column}: {(Severity == Severity.Error ? "error" : "warning")}: {Message}";
}
