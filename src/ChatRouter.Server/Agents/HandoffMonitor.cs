using ChatRouter.Routing;
using ChatRouter.Server.Metrics;
using ChatRouter.Server.Outbox;
using ChatRouter.Conversations;
using ChatRouter.Outbox;
using Microsoft.Extensions.Options;

namespace ChatRouter.Server.Agents;

/// <summary>
/// Watches open handoffs: one waiting past its queue's SLA raises a warning (log event and metric, once); one
/// nobody claimed within <see cref="HandoffOptions.UnclaimedTimeout"/> gets the localized "we'll get back to
/// you" and goes to the email/ticket downgrade. Runs on the injected clock, so tests drive it.
/// </summary>
internal sealed partial class HandoffMonitor(
    IConversationStore store,
    ConversationEngine engine,
    OutboxSender sender,
    IDowngradeChannel downgrade,
    ServerMetrics metrics,
    IOptions<HandoffOptions> options,
    TimeProvider time,
    ILogger<HandoffMonitor> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.CheckInterval, time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                try
                {
                    await CheckAsync(stoppingToken);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    LogCheckFailed(logger, e);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping.
        }
    }

    /// <summary>One pass over the open handoffs.</summary>
    public async Task CheckAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        foreach (var conversation in await store.OpenHandoffsAsync(cancellationToken))
        {
            var handoff = conversation.Handoff!;
            var waited = now - handoff.RequestedAt;
            if (handoff.Status != HandoffStatus.Waiting) continue;
            // Marked under the conversation's lock first, so a warning is raised once even if two checks overlap.
            if (handoff.SlaWarnedAt is null && waited >= options.Value.SlaOf(handoff.Queue)
                && (await engine.MarkSlaWarnedAsync(conversation.Id, cancellationToken)).Outcome == AgentOutcome.Ok)
            {
                LogSlaBreached(logger, conversation.Id, handoff.Queue, waited, options.Value.SlaOf(handoff.Queue));
                metrics.SlaBreached(handoff.Queue);
            }

            if (handoff.UnclaimedNoticeAt is null && waited >= options.Value.UnclaimedTimeout)
                await NoticeAsync(conversation.Id, handoff.Queue, waited, cancellationToken);
        }
    }

    private async Task NoticeAsync(string conversationId, string queue, TimeSpan waited, CancellationToken cancellationToken)
    {
        var planned = new List<OutboxEntry>();
        var result = await engine.UnclaimedNoticeAsync(conversationId, turn =>
        {
            planned.AddRange(OutboxPlanner.Plan(turn, "unclaimed:" + turn.Conversation.Handoff!.Id, OutboxOrigin.System, time.GetUtcNow()));
            return OutboxPlanner.Writes(turn, planned);
        }, cancellationToken);
        if (result.Outcome != AgentOutcome.Ok) return;
        sender.Enqueue(planned);
        var history = await store.GetMessagesAsync(conversationId, 10, cancellationToken);
        var summary = string.Join("\n", history.Where(m => m.Author == MessageAuthor.Customer).Select(m => m.Text));
        await downgrade.DowngradeAsync(new DowngradeRequest(conversationId, result.Conversation!.CustomerId, "handoff_unclaimed", summary, result.Message!.Locale, null, time.GetUtcNow()), cancellationToken);
        LogUnclaimed(logger, conversationId, queue, waited);
    }

    [LoggerMessage(EventId = 7001, Level = LogLevel.Warning, Message = "Handoff of conversation {ConversationId} in queue {Queue} has waited {Waited}, past its SLA of {Sla}")]
    private static partial void LogSlaBreached(ILogger logger, string conversationId, string queue, TimeSpan waited, TimeSpan sla);

    [LoggerMessage(EventId = 7002, Level = LogLevel.Warning, Message = "Handoff of conversation {ConversationId} in queue {Queue} unclaimed after {Waited}: the customer was told and the downgrade channel notified")]
    private static partial void LogUnclaimed(ILogger logger, string conversationId, string queue, TimeSpan waited);

    [LoggerMessage(EventId = 7003, Level = LogLevel.Error, Message = "Checking open handoffs failed; trying again at the next tick")]
    private static partial void LogCheckFailed(ILogger logger, Exception exception);
}
