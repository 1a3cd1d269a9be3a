using ChatRouter.Audit;

namespace ChatRouter.Outbox;

/// <summary>One connector's delivery of a downgrade (an email to the customer, a ticket to the helpdesk), retried with backoff.</summary>
public sealed class DowngradeDelivery
{
    /// <summary><c>email</c> or <c>ticket</c>; also the channel of its audit record.</summary>
    public string Connector { get; set; } = "";

    /// <summary>Pending, sent or failed.</summary>
    public DowngradeDeliveryState State { get; set; }

    /// <summary>Attempts so far.</summary>
    public int Attempts { get; set; }

    /// <summary>Not before this time (backoff).</summary>
    public DateTimeOffset NextAttemptAt { get; set; }

    /// <summary>The reason of the last failure.</summary>
    public string? Error { get; set; }

    /// <summary>What the other side calls it: the email's Message-Id, the helpdesk's ticket id.</summary>
    public string? ProviderId { get; set; }

    /// <summary>When it was sent or failed for good.</summary>
    public DateTimeOffset? FinishedAt { get; set; }

    /// <summary>The id of the audit record of <paramref name="connector"/>'s delivery of downgrade <paramref name="downgradeId"/>.</summary>
    public static string AuditId(string downgradeId, string connector) => downgradeId + ":" + connector;

    /// <summary>Brings the delivery's audit record in step with it (status, provider id, reason); false when nothing changed.</summary>
    public bool Follow(AuditRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        var status = State switch
        {
            DowngradeDeliveryState.Sent => "sent",
            DowngradeDeliveryState.Failed => "failed",
            _ => "queued",
        };
        var reason = State == DowngradeDeliveryState.Failed ? Error ?? record.Reason : record.Reason;
        if (status == record.Status && ProviderId == record.ProviderMessageId && reason == record.Reason) return false;
        record.Status = status;
        record.ProviderMessageId = ProviderId;
        record.Reason = reason;
        record.StatusAt = FinishedAt ?? record.StatusAt;
        return true;
    }
}

/// <summary>Where one delivery of a downgrade is.</summary>
public enum DowngradeDeliveryState
{
    /// <summary>To be made, or retried at its next attempt.</summary>
    Pending = 0,

    /// <summary>Accepted by the mail server or the helpdesk.</summary>
    Sent = 1,

    /// <summary>Refused for good, or out of attempts.</summary>
    Failed = 2,
}

/// <summary>The reason codes of downgrades, as email texts and tickets name them.</summary>
public static class DowngradeReasons
{
    /// <summary>The 24-hour window lapsed and no approved WhatsApp message template applied.</summary>
    public const string WindowLapsed = "window_lapsed";

    /// <summary>Meta refused the WhatsApp message template at send time (paused, disabled, missing).</summary>
    public const string TemplateUnavailable = "template_unavailable";

    /// <summary>Nobody claimed the customer's handoff in time.</summary>
    public const string HandoffUnclaimed = "handoff_unclaimed";

    /// <summary>The code of a downgrade's reason (whose text may go on, e.g. "window_lapsed; WhatsApp message template …").</summary>
    public static string Code(string reason)
    {
        ArgumentNullException.ThrowIfNull(reason);
        if (reason.StartsWith(WindowLapsed, StringComparison.Ordinal)) return WindowLapsed;
        if (reason.StartsWith(HandoffUnclaimed, StringComparison.Ordinal)) return HandoffUnclaimed;
        if (reason.StartsWith("WhatsApp message template", StringComparison.Ordinal) || reason.StartsWith(TemplateUnavailable, StringComparison.Ordinal)) return TemplateUnavailable;
        var end = reason.IndexOfAny([';', ' ', ':']);
        return end < 0 ? reason : reason[..end];
    }
}
