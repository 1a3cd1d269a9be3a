using ChatRouter.Guardrails;
using ChatRouter.Messaging;

namespace ChatRouter.Routing;

/// <summary>One digest to send: a customer's low-urgency business events, said as one message.</summary>
/// <param name="Channel">The channel to send on.</param>
/// <param name="BusinessNumber">The business number to send from.</param>
/// <param name="CustomerAddress">The customer's id on the channel.</param>
/// <param name="Category">The items' category (a digest never mixes them); templates read it as <c>digest.category</c>.</param>
/// <param name="Items">The events, oldest first; each is listed by the <c>digest</c> reply of the flow it would start.</param>
/// <param name="WhatsAppTemplate">The approved WhatsApp message template (one body parameter: the items) sent when the 24-hour window has lapsed.</param>
public sealed record DigestRequest(string Channel, string BusinessNumber, string CustomerAddress, ContentCategory Category, IReadOnlyList<BusinessEvent> Items, string WhatsAppTemplate)
{
    /// <summary>The customer's E.164 phone, if known.</summary>
    public string? Phone { get; init; }
}
