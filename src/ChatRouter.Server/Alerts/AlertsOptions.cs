using System.ComponentModel.DataAnnotations;

namespace ChatRouter.Server.Alerts;

/// <summary>Alerts posted to a chat tool (configuration section <c>Alerts</c>, docs/insight.md).</summary>
public sealed class AlertsOptions : IValidatableObject
{
    /// <summary>
    /// Where alerts are POSTed as JSON with a <c>text</c> field (a Slack, Mattermost or Rocket.Chat incoming webhook);
    /// empty posts nothing. <value>Default: none.</value>
    /// </summary>
    public string? WebhookUrl { get; set; }

    /// <summary>The share of failed sends over <see cref="Window"/> above which an alert is posted. <value>Default: 0.05.</value></summary>
    [Range(0.0001, 1.0, ErrorMessage = "Alerts:SendFailureRate must be a share between 0.0001 and 1 (0.05 is 5 %).")]
    public double SendFailureRate { get; set; } = 0.05;

    /// <summary>The sliding window the send-failure rate is measured over. <value>Default: 5 minutes.</value></summary>
    [Range(typeof(TimeSpan), "00:00:10", "1.00:00:00", ErrorMessage = "Alerts:Window must be 10 seconds to 1 day (00:05:00 is 5 minutes).")]
    public TimeSpan Window { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Finished sends the window needs before its rate counts, so 1 failure of 2 does not alert. <value>Default: 20.</value></summary>
    [Range(1, 1_000_000, ErrorMessage = "Alerts:MinSends must be 1 to 1000000.")]
    public int MinSends { get; set; } = 20;

    /// <summary>Time allowed for one POST to <see cref="WebhookUrl"/>. <value>Default: 10 seconds.</value></summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:05:00", ErrorMessage = "Alerts:Timeout must be 1 second to 5 minutes.")]
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>POSTs of one alert before it is given up (and logged). <value>Default: 3.</value></summary>
    [Range(1, 10, ErrorMessage = "Alerts:Attempts must be 1 to 10.")]
    public int Attempts { get; set; } = 3;

    /// <summary>Whether alerts are posted at all.</summary>
    public bool Enabled => !string.IsNullOrWhiteSpace(WebhookUrl);

    /// <inheritdoc />
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (Enabled && !(Uri.TryCreate(WebhookUrl, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)))
            yield return new ValidationResult($"Alerts:WebhookUrl: '{WebhookUrl}' is not an absolute http or https URL; give the chat tool's incoming webhook (https://hooks.slack.com/services/…) or leave it empty to post no alerts.", [nameof(WebhookUrl)]);
    }
}
