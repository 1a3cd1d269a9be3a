using ChatRouter.Server.Templates;
using ChatRouter.WhatsAppTemplates;

namespace ChatRouter.Server.Metrics;

/// <summary>
/// Keeps <c>chatrouter_whatsapp_template_status</c> at each template's status and counts the changes a webhook or a
/// sync makes, so an alert fires on a REJECTED or PAUSED template (deploy/prometheus/alerts.yml).
/// </summary>
internal sealed class TemplateStatusMetrics(WhatsAppTemplateRegistry templates, ServerMetrics metrics) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        templates.Changed += OnChanged;
        foreach (var record in templates.All()) OnChanged(record, null);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        templates.Changed -= OnChanged;
        return Task.CompletedTask;
    }

    private void OnChanged(WhatsAppTemplateRecord record, string? before) =>
        metrics.TemplateStatus(record.Name, record.Language, before, record.Status);
}
