using ChatRouter.Audit;
using ChatRouter.Conversations;
using ChatRouter.Guardrails;
using ChatRouter.Outbox;
using ChatRouter.Profiles;
using ChatRouter.Server.Outbox;
using ChatRouter.Wire;
using Microsoft.Extensions.Options;

namespace ChatRouter.Server.Downgrades;

/// <summary>
/// The server's downgrade: decides the deliveries (<c>Downgrade:Mode</c>, per reason, and whether the profile
/// has an email), stores the downgrade with an audit record per delivery in one write, and hands it to the
/// <see cref="DowngradeSender"/>. Stored first, so a crash before delivery loses nothing.
/// </summary>
internal sealed partial class DurableDowngrade(
    IConversationStore store,
    IAuditStore audit,
    IDowngradeStore downgrades,
    DowngradeSender sender,
    IOptionsMonitor<DowngradeOptions> options,
    ILogger<DurableDowngrade> logger) : IDowngradeChannel
{
    public const string Email = "email";
    public const string Ticket = "ticket";
    public const string Record = "record";

    public async Task DowngradeAsync(DowngradeRequest request, CancellationToken cancellationToken)
    {
        var settings = options.CurrentValue;
        var profile = await store.GetProfileAsync(request.CustomerId, cancellationToken);
        var code = DowngradeReasons.Code(request.Reason);
        var (connectors, note) = Plan(settings.ModeFor(code), DowngradeContact.EmailOf(profile) is not null, !string.IsNullOrWhiteSpace(settings.Ticket.Url));
        var record = new DowngradeRecord
        {
            Id = SortableId.Next(request.At),
            ConversationId = request.ConversationId,
            CustomerId = request.CustomerId,
            Reason = request.Reason,
            Text = request.Text,
            Locale = request.Locale,
            OutboxId = request.OutboxId,
            At = request.At,
            Note = note,
            Deliveries = [.. connectors.Select(c => new DowngradeDelivery { Connector = c, NextAttemptAt = request.At })],
        };
        var original = request.OutboxId is null ? null : await audit.FindAsync(request.OutboxId, cancellationToken);
        var records = (connectors.Count == 0 ? [Record] : connectors).Select(c => Audit(record, c, profile, original, code)).ToList();
        var (stored, created) = await downgrades.AddAsync(record, records, cancellationToken);
        if (stored.State == DowngradeState.Pending) sender.Enqueue(stored);
        if (created) LogDecided(logger, stored.Id, stored.ConversationId, code, connectors.Count == 0 ? Record : string.Join('+', connectors), note);
    }

    /// <summary>The connectors for a mode, and why when it is not what the mode says.</summary>
    public static (IReadOnlyList<string> Connectors, string? Note) Plan(DowngradeMode mode, bool hasEmail, bool hasTicket) => mode switch
    {
        DowngradeMode.Email when hasEmail => ([Email], null),
        DowngradeMode.Email when hasTicket => ([Ticket], "the customer's profile has no email; a ticket instead"),
        DowngradeMode.Email => ([], "the customer's profile has no email and Downgrade:Ticket:Url is not set; recorded only"),
        DowngradeMode.Ticket => ([Ticket], null),
        DowngradeMode.Both when hasEmail => ([Email, Ticket], null),
        DowngradeMode.Both => ([Ticket], "the customer's profile has no email; a ticket only"),
        _ => ([], null),
    };

    /// <summary>The audit record of one delivery: what the replaced message was for (its own record's purpose, basis and consent), decision downgraded.</summary>
    private static AuditRecord Audit(DowngradeRecord downgrade, string connector, CustomerProfile? profile, AuditRecord? original, string code) => new()
    {
        Id = DowngradeDelivery.AuditId(downgrade.Id, connector),
        At = downgrade.At,
        CustomerId = downgrade.CustomerId,
        Customer = profile?.Phone ?? original?.Customer,
        ConversationId = downgrade.ConversationId,
        Channel = connector,
        BusinessNumber = original?.BusinessNumber ?? "",
        Kind = AuditKinds.Downgrade,
        Purpose = original?.Purpose ?? "conversation:" + code,
        LawfulBasis = original?.LawfulBasis,
        Consent = original?.Consent ?? profile?.Consent.Summary(),
        Flow = original?.Flow,
        Variant = original?.Variant,
        Experiment = original?.Experiment,
        Decision = WireName.Of(Decision.Downgraded),
        Reason = downgrade.Note is null ? downgrade.Reason : $"{downgrade.Reason} ({downgrade.Note})",
        Status = connector == Record ? null : "queued",
        StatusAt = connector == Record ? null : downgrade.At,
    };

    [LoggerMessage(EventId = 4301, Level = LogLevel.Information, Message = "Downgrade {Id} of conversation {ConversationId} ({Reason}): {Connectors} {Note}")]
    private static partial void LogDecided(ILogger logger, string id, string conversationId, string reason, string connectors, string? note);
}
