namespace ChatRouter.Server.Webhooks;

/// <summary>One skipped part of a delivery: why (the metric label) and what (path and detail, for the log).</summary>
internal sealed record WebhookSkip(SkipReason Reason, string What)
{
    private const int MaxLength = 300;

    /// <summary>What was skipped and why, cut to 300 characters.</summary>
    public string What { get; } = Shorten(What);

    public string Label => Reason switch
    {
        SkipReason.UnknownType => "unknown_type",
        SkipReason.OddSender => "odd_sender",
        SkipReason.OtherNumber => "other_number",
        SkipReason.OtherInstance => "other_instance",
        _ => "malformed_item",
    };

    public override string ToString() => $"[{Label}] {What}";

    /// <summary>Reasons quote the body (an id, a field name): a megabyte of it must not reach the log or an answer.</summary>
    public static string Shorten(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return text.Length <= MaxLength ? text : text[..(char.IsHighSurrogate(text[MaxLength - 1]) ? MaxLength - 1 : MaxLength)] + "…";
    }
}
