using System.ComponentModel.DataAnnotations;

namespace ChatRouter.Routing;

/// <summary>How messages are routed (configuration section <c>Routing</c>).</summary>
public sealed class RoutingOptions
{
    /// <summary>Locale when nothing else tells one. <value>Default: <c>en</c>.</value></summary>
    [Required]
    [RegularExpression("^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$", ErrorMessage = "Routing:DefaultLocale must be a locale tag such as en or pt-BR.")]
    public string DefaultLocale { get; set; } = "en";

    /// <summary>Confidence at or above which an intent is routed. <value>Default: from the model's metadata.</value></summary>
    [Range(0.0, 1.0)]
    public double? AcceptThreshold { get; set; }

    /// <summary>Confidence from which the bot asks "did you mean…?". <value>Default: from the model's metadata.</value></summary>
    [Range(0.0, 1.0)]
    public double? ClarifyThreshold { get; set; }

    /// <summary>Messages in a row not understood before a <c>low_confidence</c> handoff. <value>Default: 2.</value></summary>
    [Range(1, 100)]
    public int MaxNotUnderstood { get; set; } = 2;

    /// <summary>The flow new conversations start in. <value>Default: the flow marked <c>"default": true</c>.</value></summary>
    public string? DefaultFlow { get; set; }

    /// <summary>Agent queue for handoffs that name none. <value>Default: <c>support</c>.</value></summary>
    [Required]
    public string DefaultQueue { get; set; } = "support";

    /// <summary>Longest customer message routed; longer ones are answered with <c>system.too_long</c>. <value>Default: 4096.</value></summary>
    [Range(1, 65536)]
    public int MaxMessageLength { get; set; } = 4096;
}

/// <summary>Escalation rules (configuration section <c>Escalation</c>).</summary>
public sealed class EscalationOptions
{
    /// <summary>Intents that hand off at once with reason <c>sensitive_intent</c>. <value>Default: none.</value></summary>
    public List<string> SensitiveIntents { get; set; } = [];
}
