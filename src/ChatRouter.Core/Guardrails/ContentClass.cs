using System.Diagnostics.CodeAnalysis;
using ChatRouter.Wire;

namespace ChatRouter.Guardrails;

/// <summary>The category and urgency an event type declares where it is authored (a flow's event trigger).</summary>
/// <param name="Category">Transactional or marketing.</param>
/// <param name="Urgency">High, normal or low.</param>
public sealed record ContentClass(ContentCategory Category, Urgency Urgency)
{
    /// <summary>Parses the wire strings; both are required. <paramref name="errors"/> names each bad field and its allowed values.</summary>
    public static bool TryParse(string? category, string? urgency, [NotNullWhen(true)] out ContentClass? content, out IReadOnlyList<WireError> errors)
    {
        var problems = new List<WireError>(2);
        if (!WireName.TryParse<ContentCategory>("category", category, out var c, out var categoryError))
            problems.Add(categoryError);
        if (!WireName.TryParse<Urgency>("urgency", urgency, out var u, out var urgencyError))
            problems.Add(urgencyError);
        errors = problems;
        content = problems.Count == 0 ? new ContentClass(c, u) : null;
        return content is not null;
    }

    /// <summary><c>marketing/low</c>.</summary>
    public override string ToString() => $"{WireName.Of(Category)}/{WireName.Of(Urgency)}";
}
