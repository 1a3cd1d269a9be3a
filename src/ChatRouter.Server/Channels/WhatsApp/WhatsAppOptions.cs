using System.ComponentModel.DataAnnotations;

namespace ChatRouter.Server.Channels.WhatsApp;

/// <summary>Meta WhatsApp Cloud API settings (configuration section <c>WhatsApp</c>). Secrets come from the environment, never the repository.</summary>
public sealed class WhatsAppOptions
{
    /// <summary>App secret: the key of the <c>X-Hub-Signature-256</c> HMAC. Without it every POST is refused (401) and the log says why.</summary>
    public string? AppSecret { get; set; }

    /// <summary>Further app secrets accepted for the signature, e.g. the old and the new one during a rotation.</summary>
    public List<string> AppSecrets { get; set; } = [];

    /// <summary>
    /// The business numbers (phone_number_id) this server serves. When set, notifications for any other
    /// number are skipped with a logged reason; when empty, every number of the app is served.
    /// </summary>
    public List<string> BusinessNumbers { get; set; } = [];

    /// <summary>The verify token typed into the App Dashboard, echoed in the GET handshake.</summary>
    public string? VerifyToken { get; set; }

    /// <summary>System-user access token for sending.</summary>
    public string? AccessToken { get; set; }

    /// <summary>The default business number (phone_number_id) for business-initiated messages.</summary>
    public string? PhoneNumberId { get; set; }

    /// <summary>Graph API base URL with version. <value>Default: <c>https://graph.facebook.com/v24.0</c>.</value></summary>
    [Required]
    [Url]
    public string ApiBaseUrl { get; set; } = "https://graph.facebook.com/v24.0";

    /// <summary>Time allowed for one send before it counts as a timeout (retried). <value>Default: 15 s.</value></summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:05:00")]
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>The WhatsApp Business Account id (WABA id) whose WhatsApp message templates the template sync reads; without it there is no sync.</summary>
    public string? BusinessAccountId { get; set; }

    /// <summary>
    /// How often <c>serve</c> reads the template list from the Graph API (also once at start); <c>00:00:00</c>
    /// turns the periodic sync off (webhooks still update templates). <value>Default: 1 hour.</value>
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "7.00:00:00")]
    public TimeSpan TemplateSyncInterval { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Every secret a signature may be made with.</summary>
    internal IReadOnlyList<string> Secrets =>
        [.. new[] { AppSecret }.Concat(AppSecrets).Where(s => !string.IsNullOrEmpty(s)).Select(s => s!).Distinct(StringComparer.Ordinal)];

    /// <summary>The served numbers as a set, or null when every number is served.</summary>
    internal IReadOnlySet<string>? ServedNumbers => BusinessNumbers.Count == 0 ? null : BusinessNumbers.ToHashSet(StringComparer.Ordinal);
}
