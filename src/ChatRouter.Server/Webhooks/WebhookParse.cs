using ChatRouter.Server.Inbox;

namespace ChatRouter.Server.Webhooks;

/// <summary>
/// What a parser made of a webhook body: the items, the parts it skipped (unknown fields or types, odd senders:
/// logged and counted, never a reason to reject the delivery), or why the body is malformed (answered 400).
/// </summary>
internal sealed record WebhookParse(IReadOnlyList<InboundItem> Items, IReadOnlyList<WebhookSkip> Skipped, string? Malformed = null)
{
    public static WebhookParse Invalid(string reason) => new([], [], reason);

    public bool IsMalformed => Malformed is not null;
}
