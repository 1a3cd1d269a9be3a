namespace ChatRouter.WhatsAppTemplates;

/// <summary>
/// Which quick-reply buttons of marketing WhatsApp message templates mean "stop promotions": tapping one
/// withdraws marketing consent (transactional messages go on). The WhatsApp webhook turns a template button
/// into a quick reply whose id is the button's payload (its label when the send set none), so the engine's
/// routing asks this before it treats a quick reply as a flow's own. The engine's default knows no such
/// buttons; the server answers from its WhatsApp message template registry.
/// </summary>
public interface IMarketingOptOutButtons
{
    /// <summary>Whether <paramref name="payload"/> is a marketing opt-out button.</summary>
    /// <param name="payload">The quick reply's id as the webhook carried it.</param>
    /// <param name="templateName">The WhatsApp message template the button belongs to, when known; null asks across every marketing template.</param>
    bool IsOptOut(string payload, string? templateName = null);
}

/// <summary>The engine's default: no quick reply is a template's marketing opt-out.</summary>
internal sealed class NoMarketingOptOutButtons : IMarketingOptOutButtons
{
    public bool IsOptOut(string payload, string? templateName = null) => false;
}
