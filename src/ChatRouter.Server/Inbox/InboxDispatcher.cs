using System.Diagnostics;
using ChatRouter.Consents;
using ChatRouter.Conversations;
using ChatRouter.Inbox;
using ChatRouter.Outbox;
using ChatRouter.Messaging;
using ChatRouter.Routing;
using ChatRouter.Server.Metrics;
using ChatRouter.Server.Outbox;
using ChatRouter.Server.Proactive;
using ChatRouter.Server.Templates;

namespace ChatRouter.Server.Inbox;

/// <summary>
/// What each kind of inbox entry does. A customer message or business event runs a turn whose replies
/// (outbox entries) and the inbox mark are committed in the turn's own transaction: after a crash either
/// all of it happened or none, and the entry is replayed. A business event goes through the guardrails
/// (<see cref="ProactiveGate"/>) first, and runs its turn only when they let it go now.
/// </summary>
internal sealed partial class InboxDispatcher(
    ConversationEngine engine,
    ProactiveGate gate,
    IInboxStore inbox,
    OutboxSender sender,
    DeliveryTracker tracker,
    WhatsAppTemplateRegistry templates,
    InboundLimiter limiter,
    ServerMetrics metrics,
    TimeProvider time,
    ILogger<InboxDispatcher> logger)
{
    /// <param name="entry">The entry to process.</param>
    /// <param name="laterQueued">Whether later entries with the same ordering key wait behind it (a flood).</param>
    /// <param name="cancellationToken">Stops the work when the server stops.</param>
    public async Task DispatchAsync(InboxEntry entry, bool laterQueued, CancellationToken cancellationToken)
    {
        switch (InboxCodec.FromEntry(entry))
        {
            case MessageItem message:
                var admission = limiter.Admit(entry.OrderingKey, entry.ReceivedAt, laterQueued);
                if (admission == Admission.Answer)
                {
                    await TurnAsync(entry, OutboxOrigin.Reply, (attach, ct) => engine.HandleAsync(message.Message, attach, ct), cancellationToken);
                    break;
                }

                if (admission == Admission.CoalesceFirst) LogFlood(logger, message.Message.Channel);
                metrics.Coalesced(message.Message.Channel);
                await TurnAsync(entry, OutboxOrigin.Reply, (attach, ct) => engine.RecordAsync(message.Message, attach, ct), cancellationToken);
                break;
            case EventItem business:
                await EventAsync(entry, ProactiveJson.Plain(business.Event), cancellationToken);
                break;
            case StatusItem status:
                await tracker.ApplyAsync(status, cancellationToken);
                await inbox.MarkDoneAsync(entry.Id, time.GetUtcNow(), cancellationToken);
                break;
            case TemplateStatusItem template:
                await templates.UpdateAsync(template.Name, template.Language, template.Status, template.Reason, template.Category, template.At ?? time.GetUtcNow(), cancellationToken);
                await inbox.MarkDoneAsync(entry.Id, time.GetUtcNow(), cancellationToken);
                break;
            case PreferenceItem preference:
                await PreferenceAsync(preference, cancellationToken);
                await inbox.MarkDoneAsync(entry.Id, time.GetUtcNow(), cancellationToken);
                break;
            case ProviderErrorItem error:
                foreach (var problem in error.Errors) LogProviderError(logger, error.Channel, error.BusinessNumber, problem.Code, problem.Title, problem.Details);
                await inbox.MarkDoneAsync(entry.Id, time.GetUtcNow(), cancellationToken);
                break;
        }
    }

    /// <summary>
    /// The guardrails decide before the turn: only a message that goes now moves the conversation. One held
    /// (deferred, digested) or dropped (capped, suppressed, expired) is recorded and the entry is done.
    /// </summary>
    private async Task EventAsync(InboxEntry entry, BusinessEvent business, CancellationToken cancellationToken)
    {
        var decided = await gate.DecideAsync(business, entry.Id, entry.ReceivedAt, cancellationToken);
        // A replay after a crash that came between storing the scheduled send and this mark: decided already.
        var held = await gate.AlreadyScheduledAsync(entry, decided, cancellationToken);
        if (held || decided.Decision.Decision != Guardrails.Decision.Sent)
        {
            if (!held) await gate.HoldAsync(entry, decided, cancellationToken);
            await inbox.MarkDoneAsync(entry.Id, time.GetUtcNow(), cancellationToken);
            return;
        }

        await gate.PrepareSendAsync(decided, cancellationToken);
        var planned = await TurnAsync(entry, OutboxOrigin.BusinessEvent, (attach, ct) => engine.HandleEventAsync(decided.Event, attach, ct), cancellationToken, decided.ToSend());
        if (planned.Count == 0) await gate.NothingSaidAsync(decided, cancellationToken);
    }

    private async Task<IReadOnlyList<OutboxEntry>> TurnAsync(
        InboxEntry entry,
        OutboxOrigin origin,
        Func<Func<TurnResult, TurnWrites>, CancellationToken, Task<TurnResult>> run,
        CancellationToken cancellationToken,
        ProactiveSend? proactive = null)
    {
        var started = Stopwatch.GetTimestamp();
        IReadOnlyList<OutboxEntry> planned = [];
        var result = await run(turn =>
        {
            var now = time.GetUtcNow();
            planned = OutboxPlanner.Plan(turn, entry.Id, origin, entry.ReceivedAt, proactive);
            return OutboxPlanner.Writes(turn, planned, proactive) with { InboxDone = new InboxDone(entry.Id, now) };
        }, cancellationToken);
        metrics.Turn(Stopwatch.GetElapsedTime(started));
        foreach (var handoff in result.Events.OfType<HandoffEvent>()) metrics.Handoff(handoff.Reason, handoff.Queue);
        if (planned.Count > 0) sender.Enqueue(planned);
        return planned;
    }

    private Task<Profiles.CustomerProfile> PreferenceAsync(PreferenceItem preference, CancellationToken cancellationToken)
    {
        var resume = preference.Value.Equals("resume", StringComparison.OrdinalIgnoreCase);
        var entry = ConsentEntry.WhatsAppPreference(resume, $"{preference.Channel} user_preferences {preference.Category}: {preference.Value}", preference.At ?? time.GetUtcNow());
        return engine.RecordConsentAsync(preference.Channel, preference.CustomerId, [entry], cancellationToken);
    }

    [LoggerMessage(EventId = 2102, Level = LogLevel.Warning, Message = "A {Channel} customer is sending faster than Inbox:CustomerBurst and Inbox:CustomerRefill allow; their excess messages are stored for agents but not answered one by one (chatrouter_inbound_coalesced_total counts them)")]
    private static partial void LogFlood(ILogger logger, string channel);

    [LoggerMessage(EventId = 2101, Level = LogLevel.Error, Message = "{Channel} reports a problem for business number {BusinessNumber}: {Code} {Title} ({Details})")]
    private static partial void LogProviderError(ILogger logger, string channel, string businessNumber, int code, string title, string? details);
}
