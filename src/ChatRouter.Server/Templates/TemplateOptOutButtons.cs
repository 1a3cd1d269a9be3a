using ChatRouter.Text;
using ChatRouter.WhatsAppTemplates;

namespace ChatRouter.Server.Templates;

/// <summary>
/// The marketing opt-out buttons the WhatsApp message template registry knows, read from its in-memory cache:
/// of each MARKETING template, the payloads its registry entry declares (<c>optOutPayloads</c>) and the
/// quick-reply buttons whose label is a well-known "stop promotions" phrase (Meta sends the label back when a
/// send set no payload). Compared after <see cref="TextNormalizer.MatchKey"/>, so <c>STOP_PROMOTIONS</c>,
/// "Stop promotions" and "stop-promotions" are one. A stop word alone, from no marketing template, is not
/// enough: the engine's own opt-out keywords handle typed STOP.
/// </summary>
internal sealed class TemplateOptOutButtons(WhatsAppTemplateRegistry templates) : IMarketingOptOutButtons
{
    /// <summary>Button labels that mean "stop promotions" in the bundled languages, as match keys.</summary>
    private static readonly HashSet<string> StopPhrases = new(
        new[]
        {
            "stop", "stop promotions", "stop promotion", "stop marketing", "stop offers", "unsubscribe", "opt out", "no more promotions", "no more offers",
            "baja", "darse de baja", "darme de baja", "parar promociones", "detener promociones", "no mas promociones", "cancelar suscripcion",
            "sair", "parar", "parar promocoes", "descadastrar", "cancelar inscricao", "nao quero promocoes",
            "إيقاف", "إلغاء الاشتراك", "إيقاف العروض", "إيقاف الترويج",
        }.Select(TextNormalizer.MatchKey),
        StringComparer.Ordinal);

    public bool IsOptOut(string payload, string? templateName = null)
    {
        if (string.IsNullOrWhiteSpace(payload)) return false;
        var key = TextNormalizer.MatchKey(payload);
        foreach (var template in templates.All())
        {
            if (template.Category != "MARKETING" || (templateName is not null && template.Name != templateName)) continue;
            if (template.OptOutPayloads.Any(p => TextNormalizer.MatchKey(p) == key)) return true;
            if (StopPhrases.Contains(key) && WhatsAppTemplateContent.QuickReplyTexts(template.Components).Any(t => TextNormalizer.MatchKey(t) == key)) return true;
        }

        return false;
    }
}
