namespace ChatRouter.Server.Webhooks;

/// <summary>One skipped part of a delivery: why (the metric label) and what (path and detail, for the log).</summary>
internal sealed record WebhookSkip(SkipReason Reason, string What)
{
    public string Label => Reason switch
    {
        SkipReason.UnknownType => "unknown_type",
        SkipReason.OddSender => "odd_sender",
        SkipReason.OtherNumber => "other_number",
        SkipReason.OtherInstance => "other_instance",
        _ => "malformed_item",
    };

    public override string ToString() => $"[{Label}] {What}";
}
