using System.ComponentModel.DataAnnotations;

namespace ChatRouter.Server.Downgrades;

/// <summary>Where messages WhatsApp cannot carry go (configuration section <c>Downgrade</c>), validated at start.</summary>
public sealed class DowngradeOptions
{
    /// <summary>What a downgrade does unless <see cref="Reasons"/> says otherwise. <value>Default: <c>record</c> (listed at <c>GET /api/downgrades</c>, nothing sent).</value></summary>
    public DowngradeMode Mode { get; set; } = DowngradeMode.Record;

    /// <summary>The mode per reason code (<c>window_lapsed</c>, <c>template_unavailable</c>, <c>handoff_unclaimed</c>), e.g. <c>Downgrade:Reasons:handoff_unclaimed = ticket</c>.</summary>
    public Dictionary<string, DowngradeMode> Reasons { get; set; } = new(StringComparer.Ordinal);

    /// <summary>
    /// A link to the conversation for emails and tickets, <c>{conversationId}</c> replaced (URL-encoded), e.g.
    /// <c>https://bot.example.com/console/#/conversations/{conversationId}</c>; none when unset.
    /// </summary>
    public string? ConversationLink { get; set; }

    /// <summary>Delivery attempts before a delivery fails for good. <value>Default: 10.</value></summary>
    [Range(1, 100)]
    public int MaxAttempts { get; set; } = 10;

    /// <summary>First retry delay; each retry doubles it, with jitter (the outbox's backoff). <value>Default: 5 s.</value></summary>
    [Range(typeof(TimeSpan), "00:00:00.001", "01:00:00")]
    public TimeSpan BaseBackoff { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Longest retry delay. <value>Default: 1 hour.</value></summary>
    [Range(typeof(TimeSpan), "00:00:00.001", "1.00:00:00")]
    public TimeSpan MaxBackoff { get; set; } = TimeSpan.FromHours(1);

    /// <summary>The SMTP server emails go through.</summary>
    public DowngradeEmailOptions Email { get; set; } = new();

    /// <summary>The helpdesk tickets go to.</summary>
    public DowngradeTicketOptions Ticket { get; set; } = new();

    /// <summary>The mode for a reason code.</summary>
    public DowngradeMode ModeFor(string reasonCode) => Reasons.TryGetValue(reasonCode, out var mode) ? mode : Mode;

    /// <summary>Every mode in use.</summary>
    internal IEnumerable<DowngradeMode> Modes => Reasons.Values.Append(Mode);
}

/// <summary>What a downgrade does.</summary>
public enum DowngradeMode
{
    /// <summary>Stored for an operator only.</summary>
    Record,

    /// <summary>An email to the customer (profile attribute <c>email</c>); without one, a ticket when <c>Downgrade:Ticket:Url</c> is set, else recorded.</summary>
    Email,

    /// <summary>A ticket to the helpdesk.</summary>
    Ticket,

    /// <summary>An email to the customer (when the profile has one) and a ticket.</summary>
    Both,
}

/// <summary>SMTP settings (<c>Downgrade:Email</c>).</summary>
public sealed class DowngradeEmailOptions
{
    /// <summary>SMTP host; required when a mode sends email.</summary>
    public string? Host { get; set; }

    /// <summary>SMTP port. <value>Default: 587 (submission with STARTTLS); 465 means TLS from the first byte.</value></summary>
    [Range(1, 65535)]
    public int Port { get; set; } = 587;

    /// <summary>Require TLS (STARTTLS, or implicit TLS on port 465); false only for a relay on a trusted network. <value>Default: true.</value></summary>
    public bool UseTls { get; set; } = true;

    /// <summary>SMTP login; none when unset.</summary>
    public string? User { get; set; }

    /// <summary>SMTP password (from the environment, never the repository).</summary>
    public string? Password { get; set; }

    /// <summary>Sender, <c>support@example.com</c> or <c>Example Support &lt;support@example.com&gt;</c>; required when a mode sends email.</summary>
    public string? From { get; set; }

    /// <summary>Time allowed for one SMTP conversation. <value>Default: 30 s.</value></summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:10:00")]
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(30);
}

/// <summary>Helpdesk settings (<c>Downgrade:Ticket</c>).</summary>
public sealed class DowngradeTicketOptions
{
    /// <summary>Where tickets are POSTed (http or https); required when a mode sends tickets.</summary>
    public string? Url { get; set; }

    /// <summary>Sent as <c>Authorization: Bearer …</c> when set.</summary>
    public string? Token { get; set; }

    /// <summary>Time allowed for one POST before it counts as a timeout (retried). <value>Default: 15 s.</value></summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:05:00")]
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(15);
}
