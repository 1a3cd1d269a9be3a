namespace ChatRouter.Reports;

/// <summary>What a KPI report groups by (<c>groupBy</c>); each daily rollup is kept once per dimension.</summary>
public static class ReportDimensions
{
    /// <summary>The UTC day (<c>yyyy-MM-dd</c>).</summary>
    public const string Day = "day";

    /// <summary>The flow that produced a message or that a conversation was in.</summary>
    public const string Flow = "flow";

    /// <summary>The WhatsApp message template a message went as.</summary>
    public const string Template = "template";

    /// <summary>The experiment variant a customer was assigned.</summary>
    public const string Variant = "variant";

    /// <summary>The locale a message was written in.</summary>
    public const string Locale = "locale";

    /// <summary><c>marketing</c>, <c>transactional</c>, or <c>conversation</c> for replies in a conversation the customer started.</summary>
    public const string Category = "category";

    /// <summary>The key of facts that have no value in a dimension (a reply sent as no template).</summary>
    public const string None = "(none)";

    /// <summary>Every dimension, in the order the contract lists them.</summary>
    public static IReadOnlyList<string> All { get; } = [Day, Flow, Template, Variant, Locale, Category];
}
