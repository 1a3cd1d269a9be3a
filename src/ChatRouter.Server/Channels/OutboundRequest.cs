using ChatRouter.Messaging;

namespace ChatRouter.Server.Channels;

/// <summary>
/// One message ready for a channel: a free-form reply (<see cref="Message"/>) or an approved WhatsApp message
/// template (<see cref="Template"/>), from a business number to a customer address.
/// </summary>
/// <param name="BusinessNumber">The sending number: Cloud API phone_number_id, UltraMsg instance id.</param>
/// <param name="To">The customer's address on the channel: wa_id / E.164 digits, BSUID, or UltraMsg chat id.</param>
/// <param name="Message">Text with optional quick replies.</param>
/// <param name="Template">A WhatsApp message template (only channels with <see cref="ChannelCapabilities.MessageTemplates"/>).</param>
/// <param name="Reference">Our outbox id; sent as biz_opaque_callback_data / referenceId so statuses can be matched.</param>
internal sealed record OutboundRequest(string BusinessNumber, string To, OutboundMessage? Message, WhatsAppTemplateMessage? Template, string Reference);

/// <summary>What a channel said about a send.</summary>
internal abstract record SendResult;

/// <summary>Accepted; delivery comes later as status webhooks for <paramref name="ProviderMessageId"/>.</summary>
internal sealed record SendAccepted(string ProviderMessageId) : SendResult;

/// <summary>Worth retrying later (rate limits, 5xx, timeouts); <paramref name="After"/> when the provider said how long (Retry-After).</summary>
internal sealed record SendRetry(int? Code, string Reason, TimeSpan? After = null, RetryCause Cause = RetryCause.Provider) : SendResult;

/// <summary>Why a send is retried, as far as the outbox's backoff cares.</summary>
internal enum RetryCause
{
    /// <summary>The provider is unavailable, overloaded or failed (5xx, 429 without more, unknown errors).</summary>
    Provider,

    /// <summary>Too many messages to one recipient (WhatsApp 131056): Meta advises waiting 4^n seconds.</summary>
    RecipientRateLimit,

    /// <summary>No answer in time.</summary>
    Timeout,

    /// <summary>The connection failed or broke.</summary>
    Connection,
}

/// <summary>Never retried as is.</summary>
internal sealed record SendFailed(int? Code, string Reason, SendFailure Kind) : SendResult;

/// <summary>Why a send failed for good, and so what happens next.</summary>
internal enum SendFailure
{
    /// <summary>Recorded with its code and reason; nothing else to do (bad request, blocked user, undeliverable).</summary>
    Permanent,

    /// <summary>131047: outside the 24-hour window; send a WhatsApp message template or downgrade to email/ticket.</summary>
    WindowClosed,

    /// <summary>131050: the customer stopped marketing messages; their consent is updated.</summary>
    OptedOut,

    /// <summary>132001, 132015, 132016: the WhatsApp message template is missing, paused or disabled.</summary>
    TemplateUnavailable,

    /// <summary>Credentials or account problems (0, 3, 10, 190, 200–299, 368 …): alert an operator.</summary>
    Configuration,
}
