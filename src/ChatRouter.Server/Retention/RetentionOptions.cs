using System.ComponentModel.DataAnnotations;

namespace ChatRouter.Server.Retention;

/// <summary>How long personal data is kept, and the key of erasure's pseudonyms (configuration section <c>Retention</c>).</summary>
public sealed class RetentionOptions
{
    /// <summary>Conversation messages (the history) older than this are purged. <value>Default: 180 days.</value></summary>
    [Range(typeof(TimeSpan), "1.00:00:00", "3650.00:00:00", ErrorMessage = "Retention:Messages must be 1 day to 10 years, as d.hh:mm:ss (180.00:00:00).")]
    public TimeSpan Messages { get; set; } = TimeSpan.FromDays(180);

    /// <summary>Outbound audit records older than this are purged. <value>Default: 730 days.</value></summary>
    [Range(typeof(TimeSpan), "1.00:00:00", "3650.00:00:00", ErrorMessage = "Retention:Audit must be 1 day to 10 years, as d.hh:mm:ss (730.00:00:00).")]
    public TimeSpan Audit { get; set; } = TimeSpan.FromDays(730);

    /// <summary>Review queue items (masked messages the bot did not understand) older than this are purged. <value>Default: 90 days.</value></summary>
    [Range(typeof(TimeSpan), "1.00:00:00", "3650.00:00:00", ErrorMessage = "Retention:Review must be 1 day to 10 years, as d.hh:mm:ss (90.00:00:00).")]
    public TimeSpan Review { get; set; } = TimeSpan.FromDays(90);

    /// <summary>How often <c>serve</c> purges. <value>Default: 1 hour.</value></summary>
    [Range(typeof(TimeSpan), "00:01:00", "1.00:00:00", ErrorMessage = "Retention:Interval must be 1 minute to 1 day, as hh:mm:ss (01:00:00).")]
    public TimeSpan Interval { get; set; } = TimeSpan.FromHours(1);

    /// <summary>
    /// The key of the salted hash that replaces an erased customer's phone in the audit. When unset, one is generated
    /// and kept in the database on first use. Changing it makes later pseudonyms differ from earlier ones. Never logged.
    /// </summary>
    [MinLength(16, ErrorMessage = "Retention:HashSalt must be at least 16 characters; generate one with `openssl rand -hex 32`, or leave it unset to have one generated.")]
    public string? HashSalt { get; set; }
}
