namespace ChatRouter.WhatsAppTemplates;

/// <summary>One status change of a WhatsApp message template.</summary>
public sealed class WhatsAppTemplateStatusChange
{
    /// <summary>The new status.</summary>
    public string Status { get; set; } = "";

    /// <summary>Meta's reason, if any.</summary>
    public string? Reason { get; set; }

    /// <summary>When.</summary>
    public DateTimeOffset At { get; set; }

    /// <summary>Who told: <c>file</c>, <c>webhook</c> or <c>sync</c>.</summary>
    public string Source { get; set; } = "";
}
