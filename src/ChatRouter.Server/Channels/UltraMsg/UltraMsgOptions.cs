using System.ComponentModel.DataAnnotations;

namespace ChatRouter.Server.Channels.UltraMsg;

/// <summary>UltraMsg gateway settings (configuration section <c>UltraMsg</c>); the channel is off until InstanceId is set.</summary>
public sealed class UltraMsgOptions
{
    /// <summary>The instance, e.g. <c>instance1150</c> (the bare number is accepted).</summary>
    public string? InstanceId { get; set; }

    /// <summary>The instance token.</summary>
    public string? Token { get; set; }

    /// <summary>API base URL. <value>Default: <c>https://api.ultramsg.com</c>.</value></summary>
    [Required]
    [Url]
    public string ApiBaseUrl { get; set; } = "https://api.ultramsg.com";

    /// <summary>UltraMsg signs nothing, so its webhook URL carries this secret (<c>?secret=</c>); without it every POST is refused.</summary>
    public string? WebhookSecret { get; set; }

    /// <summary>Time allowed for one send. <value>Default: 15 s.</value></summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:05:00")]
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>The instance in the API path form (<c>instance1150</c>).</summary>
    public string? InstancePath => string.IsNullOrEmpty(InstanceId) ? null : InstanceId.StartsWith("instance", StringComparison.Ordinal) ? InstanceId : "instance" + InstanceId;

    /// <summary>The instance as webhooks name it (<c>1150</c>).</summary>
    public string? InstanceNumber => InstanceId?.Replace("instance", "", StringComparison.Ordinal);
}
