using System.ComponentModel.DataAnnotations;

namespace ChatRouter.Server.Webhooks;

/// <summary>Webhook limits (configuration section <c>Webhooks</c>).</summary>
public sealed class WebhookOptions
{
    /// <summary>Largest body accepted; larger is answered 413. Meta sends up to 3 MB. <value>Default: 4 MiB.</value></summary>
    [Range(1024, 64 * 1024 * 1024)]
    public int MaxBodyBytes { get; set; } = 4 * 1024 * 1024;
}
