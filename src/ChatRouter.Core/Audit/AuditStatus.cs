using ChatRouter.Guardrails;
using ChatRouter.Outbox;
using ChatRouter.Wire;

namespace ChatRouter.Audit;

/// <summary>How an outbox entry's state reads in its audit record.</summary>
public static class AuditStatus
{
    /// <summary>The record's status for an entry in <paramref name="state"/>.</summary>
    public static string Of(OutboxState state) => state switch
    {
        OutboxState.Pending => "queued",
        OutboxState.Sent => "sent",
        OutboxState.Delivered => "delivered",
        OutboxState.Read => "read",
        _ => "failed",
    };

    /// <summary>The decision an entry's final state overrides: a send refused or handed elsewhere at the last moment.</summary>
    public static string? DecisionOf(OutboxState state) => state switch
    {
        OutboxState.Failed => WireName.Of(Decision.Failed),
        OutboxState.Suppressed => WireName.Of(Decision.Suppressed),
        OutboxState.Downgraded => WireName.Of(Decision.Downgraded),
        _ => null,
    };

    /// <summary>Brings <paramref name="record"/> in step with <paramref name="entry"/>; false when nothing changed.</summary>
    public static bool Follow(AuditRecord record, OutboxEntry entry, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(record);
        ArgumentNullException.ThrowIfNull(entry);
        var status = Of(entry.State);
        var decision = DecisionOf(entry.State) ?? record.Decision;
        var template = TemplateOf(entry);
        if (status == record.Status && decision == record.Decision && entry.ProviderMessageId == record.ProviderMessageId && !Differs(template, record.Template)) return false;
        record.Status = status;
        record.Decision = decision;
        record.ProviderMessageId = entry.ProviderMessageId;
        record.StatusAt = entry.ReadAt ?? entry.DeliveredAt ?? entry.SentAt ?? entry.FailedAt ?? now;
        if (entry.State is OutboxState.Failed or OutboxState.Suppressed or OutboxState.Downgraded) record.Reason = entry.ErrorReason ?? record.Reason;
        // The entry knows which WhatsApp message template (language, version) actually went, so it wins over a plan.
        if (template is not null) record.Template = template;
        return true;
    }

    private static AuditTemplate? TemplateOf(OutboxEntry entry) => entry.TemplateName is { } name
        ? new AuditTemplate { Name = name, Locale = entry.TemplateLanguage ?? entry.Locale, Version = entry.TemplateVersion }
        : null;

    private static bool Differs(AuditTemplate? sent, AuditTemplate? recorded) =>
        sent is not null && (recorded is null || sent.Name != recorded.Name || sent.Locale != recorded.Locale || sent.Version != recorded.Version);
}
