using ChatRouter.Review;

namespace ChatRouter.Server.Review;

/// <summary>
/// A review item as <c>GET /api/review</c> shows it to a trainer: the masked text, what the classifier made of it and
/// where the conversation was. Never the customer or the conversation: a trainer labels text, not people.
/// </summary>
public sealed record ReviewView(
    string Id,
    DateTimeOffset At,
    string Text,
    string Locale,
    string? Flow,
    string? State,
    string Reason,
    string Intent,
    double Confidence,
    IReadOnlyList<ReviewView.Score> Top,
    string Status,
    string? Label,
    string? ChangedBy,
    DateTimeOffset? ChangedAt)
{
    /// <summary>One of the classifier's top intents.</summary>
    public sealed record Score(string Intent, double Confidence);

    /// <summary>The wire name of a status: <c>pending</c>, <c>labelled</c>, <c>skipped</c>.</summary>
    public static string StatusName(ReviewStatus status) => status.ToString().ToLowerInvariant();

    public static ReviewView Of(ReviewItem item)
    {
        ArgumentNullException.ThrowIfNull(item);
        return new ReviewView(
            item.Id, item.At, item.Text, item.Locale, item.Flow, item.State, item.Reason, item.Intent, item.Confidence,
            [.. item.Top.Select(s => new Score(s.Intent, s.Confidence))], StatusName(item.Status), item.Label, item.ChangedBy, item.ChangedAt);
    }
}
