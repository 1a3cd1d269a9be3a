using System.Text.Json.Nodes;
using ChatRouter.Server.Templates;
using ChatRouter.WhatsAppTemplates;

namespace ChatRouter.Server.Alerts;

/// <summary>
/// Posts an alert once per change of a WhatsApp message template to REJECTED (with Meta's reason), PAUSED or DISABLED,
/// whether a status webhook or a sync changed it. Statuses known at start are the baseline, not changes.
/// </summary>
internal sealed class TemplateAlerts(WhatsAppTemplateRegistry templates, AlertPoster poster) : IHostedService
{
    private static readonly HashSet<string> Alerting = new(StringComparer.Ordinal) { "REJECTED", "PAUSED", "DISABLED" };
    public Task StartAsync(CancellationToken cancellationToken)
    {
        templates.Changed += OnChanged;
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        templates.Changed -= OnChanged;
        return Task.CompletedTask;
    }

    private void OnChanged(WhatsAppTemplateRecord record, string? before)
    {
        if (before == record.Status || !Alerting.Contains(record.Status)) return;
        var reason = string.IsNullOrEmpty(record.Reason) || record.Reason == "NONE" ? null : record.Reason;
        poster.Post(new JsonObject
        {
            ["text"] = $"WhatsApp message template {record.Name} ({record.Language}) is {record.Status}" + (reason is null ? "" : $": {reason}")
                + $" (was {before ?? "unknown"}). Sends of it stop until Meta approves it again.",
            ["alert"] = "template_rejected",
            ["template"] = record.Name,
            ["language"] = record.Language,
            ["status"] = record.Status,
            ["previousStatus"] = before,
            ["reason"] = reason,
        });
    }
}
