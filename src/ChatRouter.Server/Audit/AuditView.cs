using System.Text.Json;
using ChatRouter.Audit;

namespace ChatRouter.Server.OutboundAudit;

/// <summary>
/// One audit record as <c>GET /api/audit/outbound</c> and <c>chatrouter audit export</c> write it (the operations
/// contract's fields, plus <c>experiment</c>, <c>reason</c> and <c>dueAt</c>). <c>customer</c> is the E.164 phone, or
/// <c>erased:…</c> once the customer was erased.
/// </summary>
public sealed record AuditView(
    string Id,
    DateTimeOffset At,
    string? Customer,
    string BusinessNumber,
    string Channel,
    string Kind,
    string Purpose,
    string? LawfulBasis,
    string? Consent,
    AuditView.TemplateView? Template,
    AuditView.FlowView? Flow,
    string? Variant,
    string? Experiment,
    string Decision,
    string? Reason,
    DateTimeOffset? DueAt,
    string? ProviderMessageId,
    string? Status,
    DateTimeOffset? StatusAt)
{
    /// <summary>The JSON settings of both outputs: camelCase names, nulls written (every field is always there).</summary>
    public static JsonSerializerOptions Json { get; } = new(JsonSerializerDefaults.Web);

    /// <summary>The view of <paramref name="record"/>.</summary>
    public static AuditView Of(AuditRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        return new AuditView(
            record.Id, record.At, record.Customer, record.BusinessNumber, record.Channel, record.Kind, record.Purpose, record.LawfulBasis,
            record.Consent,
            record.Template is { } t ? new TemplateView(t.Name, t.Locale, t.Version) : null,
            record.Flow is { } f ? new FlowView(f.Id, f.Version) : null,
            record.Variant, record.Experiment, record.Decision, record.Reason, record.DueAt, record.ProviderMessageId, record.Status, record.StatusAt);
    }

    /// <summary>The WhatsApp message template it went as.</summary>
    public sealed record TemplateView(string Name, string Locale, string? Version);

    /// <summary>The flow that produced it.</summary>
    public sealed record FlowView(string Id, int Version);
}
