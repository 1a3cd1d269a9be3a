using System.Text.Json.Serialization;

namespace ChatRouter.Consents;

/// <summary>How a consent entry came to be (wire field <c>source</c>).</summary>
public enum ConsentSource
{
    /// <summary>An opt-in or opt-out keyword (STOP, BAJA…); the evidence is the message id.</summary>
    [JsonStringEnumMemberName("keyword")]
    Keyword,

    /// <summary>A flow's consent step.</summary>
    [JsonStringEnumMemberName("flow")]
    Flow,

    /// <summary><c>POST /api/profiles/{phone}/consent</c>.</summary>
    [JsonStringEnumMemberName("api")]
    Api,

    /// <summary>Meta's <c>user_preferences</c> webhook (marketing messages stop / resume).</summary>
    [JsonStringEnumMemberName("whatsapp_preferences")]
    WhatsAppPreferences,

    /// <summary>A marketing WhatsApp message template's "stop promotions" button; the evidence is the message id.</summary>
    [JsonStringEnumMemberName("template_button")]
    TemplateButton,

    /// <summary>A bulk import from a CRM.</summary>
    [JsonStringEnumMemberName("import")]
    Import,
}
