namespace ChatRouter.Server.Channels;

/// <summary>
/// What a parser made of a webhook body: the notifications, the parts it skipped (unknown fields or types,
/// logged, never a reason to reject the delivery), or why the body is malformed (answered 400).
/// </summary>
internal sealed record WebhookParse(IReadOnlyList<Notification> Notifications, IReadOnlyList<string> Skipped, string? Malformed = null)
{
    public static WebhookParse Invalid(string reason) => new([], [], reason);

    public bool IsMalformed => Malformed is not null;
}
