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
        if (status == record.Status && decision == record.Decision && entry.ProviderMessageId == record.ProviderMessageId) return false;
        record.Status = status;
        record.Decision = decision;
        record.ProviderMessageId = entry.ProviderMessageId;
        record.StatusAt = entry.ReadAt ?? entry.DeliveredAt ?? entry.SentAt ?? entry.FailedAt ?? now;
        if (entry.State is OutboxState.Failed or OutboxState.Suppressed or OutboxState.Downgraded) record.Reason = entry.ErrorReason ?? record.Reason;
        if (entry.TemplateName is { } template && record.Template is null) record.Template = new AuditTemplate { Name = template, Locale = entry.Locale };
        return true;
    }
}
