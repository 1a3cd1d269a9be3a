using ChatRouter.Audit;
using ChatRouter.Conversations;
using ChatRouter.Guardrails;
using ChatRouter.Inbox;
using ChatRouter.Scheduling;
using ChatRouter.Wire;

namespace ChatRouter.Server.Proactive;

/// <summary>
/// What a decision leaves behind. A message has one audit record (<see cref="ProactiveIds.Record"/>), written when it
/// is first decided and brought up to date each time it is decided again, so a message deferred at night and sent in
/// the morning reads <c>sent</c>, and counts once against its cap.
/// </summary>
internal sealed partial class ProactiveGate
{
    /// <summary>
    /// Stores a decision that runs no turn now: a deferred or digested message becomes a scheduled send (first, so a
    /// crash before the audit record leaves it waiting, not lost), then the decision goes into the audit. The caller
    /// marks the inbox entry done afterwards; a replay in between finds the send with <see cref="AlreadyScheduledAsync"/>.
    /// </summary>
    public async Task<ProactiveCase> HoldAsync(InboxEntry entry, ProactiveCase decided, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entry);
        ArgumentNullException.ThrowIfNull(decided);
        // The audit and the schedule are kept per profile: a customer the business never reached before gets one now.
        var profile = decided.Profile ?? await engine.UpdateProfileAsync(decided.Event.Channel, decided.Address, p => p.Phone ??= decided.Event.Phone, cancellationToken);
        var held = decided with { Profile = profile };
        if (held.Decision is { Decision: Decision.Deferred or Decision.Digested, DueAt: { } due })
        {
            await schedule.AddAsync([new ScheduledSend
            {
                Id = ProactiveIds.Send(entry),
                CustomerId = profile.Id,
                Kind = held.Decision.Decision == Decision.Digested ? ScheduledKinds.Digest : ScheduledKinds.Deferred,
                DueAt = due,
                DigestKey = held.Decision.DigestKey,
                EventType = held.Event.Type,
                Event = ProactiveJson.Write(held.Event),
                CreatedAt = held.AcceptedAt,
                CampaignId = held.Event.CampaignId,
            }], cancellationToken);
            signal.Wake();
        }

        await WriteAsync(Record(held, time.GetUtcNow()), cancellationToken);
        LogHeld(logger, held.Event.Type, held.Decision.Decision, held.Decision.Reason, held.Decision.DueAt);
        return held;
    }

    /// <summary>Whether this inbox entry's decision was stored before a crash stopped the entry from being marked done.</summary>
    public async Task<bool> AlreadyScheduledAsync(InboxEntry entry, ProactiveCase decided, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entry);
        if (decided?.Profile is not { } profile) return false;
        var id = ProactiveIds.Send(entry);
        return (await schedule.ForCustomerAsync(profile.Id, cancellationToken)).Any(s => s.Id == id);
    }

    /// <summary>
    /// Before the turn of a message decided <c>sent</c>: a message decided before (deferred) has a record already, which
    /// the turn's own record cannot replace (records are added once), so it is brought up to date here.
    /// </summary>
    public async Task PrepareSendAsync(ProactiveCase decided, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(decided);
        if (await audit.FindAsync(decided.RecordId, cancellationToken) is null) return;
        var now = time.GetUtcNow();
        var record = Record(decided, now);
        record.Status = AuditStatus.Of(ChatRouter.Outbox.OutboxState.Pending);
        record.StatusAt = now;
        await audit.UpdateAsync(decided.RecordId, r => Copy(record, r), cancellationToken);
    }

    /// <summary>After the turn of a message decided <c>sent</c> said nothing (an agent has the conversation): recorded as failed, not sent.</summary>
    public Task NothingSaidAsync(ProactiveCase decided, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(decided);
        var record = Record(decided, time.GetUtcNow());
        record.Decision = WireName.Of(Decision.Failed);
        record.Reason = "the event's flow said nothing: the conversation is with an agent, or its state has no reply";
        return WriteAsync(record, cancellationToken);
    }

    /// <summary>Adds the record, or brings the one of the same id up to date.</summary>
    public async Task WriteAsync(AuditRecord record, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(record);
        if (await audit.FindAsync(record.Id, cancellationToken) is null) await audit.AddAsync([record], cancellationToken);
        else await audit.UpdateAsync(record.Id, r => Copy(record, r), cancellationToken);
    }

    /// <summary>The decision's audit record.</summary>
    public static AuditRecord Record(ProactiveCase decided, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(decided);
        var businessEvent = decided.Event;
        return new AuditRecord
        {
            Id = decided.RecordId,
            At = now,
            CustomerId = decided.Profile?.Id ?? "",
            Customer = decided.Profile?.Phone ?? businessEvent.Phone,
            ConversationId = decided.Profile is null ? null : Conversation.MakeId(businessEvent.Channel, businessEvent.BusinessNumber, decided.Profile.Id),
            Channel = businessEvent.Channel,
            BusinessNumber = businessEvent.BusinessNumber,
            Kind = AuditKinds.Proactive,
            Purpose = decided.Purpose,
            LawfulBasis = decided.Decision.Consent is { } consent ? WireName.Of(consent.LawfulBasis) : null,
            Consent = decided.Decision.Consent?.Reason,
            Flow = decided.Flow,
            EventType = businessEvent.Type,
            CampaignId = businessEvent.CampaignId,
            Decision = WireName.Of(decided.Decision.Decision),
            Reason = decided.Decision.Reason,
            DueAt = decided.Decision.DueAt,
        };
    }

    private static bool Copy(AuditRecord from, AuditRecord to)
    {
        to.At = from.At;
        to.CustomerId = from.CustomerId;
        to.Customer = from.Customer ?? to.Customer;
        to.ConversationId = from.ConversationId ?? to.ConversationId;
        to.Kind = from.Kind;
        to.Purpose = from.Purpose;
        to.LawfulBasis = from.LawfulBasis ?? to.LawfulBasis;
        to.Consent = from.Consent ?? to.Consent;
        to.Flow = from.Flow ?? to.Flow;
        to.Decision = from.Decision;
        to.Reason = from.Reason;
        to.DueAt = from.DueAt ?? to.DueAt;
        to.Status = from.Status ?? to.Status;
        to.StatusAt = from.StatusAt ?? to.StatusAt;
        return true;
    }

    [LoggerMessage(EventId = 6101, Level = LogLevel.Information, Message = "Business event {EventType}: {Decision} ({Reason}); due {DueAt}")]
    private static partial void LogHeld(ILogger logger, string eventType, Decision decision, string reason, DateTimeOffset? dueAt);
}
