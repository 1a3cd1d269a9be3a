namespace ChatRouter.Guardrails;

/// <summary>
/// One digest of a customer's low messages: the messages of one category whose ready instants fall within
/// <c>Guardrails:DigestWindow</c> of the first one, sent together at the window's end, outside quiet hours, within the cap.
/// </summary>
/// <param name="Key">The digest's key within the customer: category and the window's first ready instant.</param>
/// <param name="Category">The category of every item (digests never mix categories: consent and caps differ).</param>
/// <param name="Decision">
/// <see cref="Decision.Sent"/>: send it now; <see cref="Decision.Digested"/>: not before <see cref="GuardrailDecision.DueAt"/>;
/// <see cref="Decision.Suppressed"/>, <see cref="Decision.Capped"/> (a cap of 0) or <see cref="Decision.Expired"/>: drop every item.
/// </param>
/// <param name="MessageIds">The items that go in it, oldest first.</param>
/// <param name="ExpiredMessageIds">Items whose TTL runs out before the digest goes; they are expired, not sent.</param>
public sealed record DigestPlan(
    string Key,
    ContentCategory Category,
    GuardrailDecision Decision,
    IReadOnlyList<string> MessageIds,
    IReadOnlyList<string> ExpiredMessageIds);
