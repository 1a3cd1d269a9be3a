using ChatRouter.Audit;

namespace ChatRouter.Reports;

/// <summary>Where a fact is counted in each dimension but the day (<see cref="ReportDimensions.None"/> when it has no value there).</summary>
internal sealed record RollupKeys(string Flow, string Template, string Variant, string Locale, string Category)
{
    public const string ConversationCategory = "conversation";

    public static RollupKeys None { get; } = new(ReportDimensions.None, ReportDimensions.None, ReportDimensions.None, ReportDimensions.None, ConversationCategory);

    /// <summary>The keys of an audited message: its flow, template, variant, locale and the category its purpose names.</summary>
    public static RollupKeys Of(AuditRecord record) => new(
        Or(record.Flow?.Id),
        Or(record.Template?.Name),
        Or(record.Variant),
        Or(record.Locale),
        CategoryOf(record.Purpose));

    /// <summary><c>marketing:cart.abandoned</c> → <c>marketing</c>; a purpose without a category counts as a conversation.</summary>
    public static string CategoryOf(string purpose)
    {
        var colon = purpose.IndexOf(':', StringComparison.Ordinal);
        return colon > 0 ? purpose[..colon] : ConversationCategory;
    }

    public static string Or(string? value) => string.IsNullOrEmpty(value) ? ReportDimensions.None : value;

    public string In(string dimension) => dimension switch
    {
        ReportDimensions.Flow => Flow,
        ReportDimensions.Template => Template,
        ReportDimensions.Variant => Variant,
        ReportDimensions.Locale => Locale,
        ReportDimensions.Category => Category,
        _ => throw new ArgumentOutOfRangeException(nameof(dimension), dimension, "The day is not a key of facts."),
    };
}
