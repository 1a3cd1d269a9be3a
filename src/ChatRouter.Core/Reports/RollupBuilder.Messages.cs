using ChatRouter.Audit;
using ChatRouter.Consents;
using ChatRouter.Conversations;
using ChatRouter.Guardrails;
using ChatRouter.Wire;

namespace ChatRouter.Reports;

/// <summary>The counts of messages: sent, delivered, read, failed, and what followed them (a reply, an opt-out, a conversion).</summary>
public sealed partial class RollupBuilder
{
    private static readonly string FailedDecision = WireName.Of(Decision.Failed);

    /// <summary>Each audited message on the day it was decided.</summary>
    private static void CountMessages(RollupSink sink, List<AuditRecord> audit)
    {
        foreach (var record in audit)
        {
            var sent = IsSent(record);
            var failed = record.Decision == FailedDecision;
            if (!sent && !failed) continue;
            var delivered = record.Status == Delivered || record.Status == Read;
            var read = record.Status == Read;
            var proactive = sent && IsProactive(record);
            sink.Add(record.At, RollupKeys.Of(record), rollup =>
            {
                if (sent) rollup.Sent++;
                if (delivered) rollup.Delivered++;
                if (read) rollup.Read++;
                if (failed) rollup.Failed++;
                if (proactive) rollup.ProactiveSent++;
            });
        }
    }

    /// <summary>A customer message answers the latest message sent in its conversation within the reply window; each message is answered once.</summary>
    private static void CountReplies(RollupSink sink, List<AuditRecord> audit, List<ConversationMessage> messages)
    {
        var sent = ByKey(audit.Where(IsSent), r => r.ConversationId);
        var credited = new HashSet<string>(StringComparer.Ordinal);
        foreach (var message in messages.Where(m => m.Author == MessageAuthor.Customer))
        {
            if (!sent.TryGetValue(message.ConversationId, out var candidates)) continue;
            if (LatestBefore(candidates, message.At, ReplyWindow) is { } answered && credited.Add(answered.Id))
                sink.Add(answered.At, RollupKeys.Of(answered), rollup => rollup.Replied++);
        }
    }

    /// <summary>A withdrawal of consent is put down to the latest message sent to the customer within the opt-out window.</summary>
    private static void CountOptOuts(RollupSink sink, List<AuditRecord> audit, IReadOnlyList<ConsentRecord> consents)
    {
        var sent = ByKey(audit.Where(IsSent), r => r.CustomerId);
        var credited = new HashSet<string>(StringComparer.Ordinal);
        // An opt-out keyword withdraws both purposes at once: one opt-out, two ledger entries.
        var withdrawals = consents.Where(c => c.Status == ConsentState.Withdrawn).Select(c => (c.ProfileId, c.At)).Distinct().OrderBy(w => w.At);
        foreach (var (customer, at) in withdrawals)
        {
            if (!sent.TryGetValue(customer, out var candidates)) continue;
            if (LatestBefore(candidates, at, OptOutWindow) is { } blamed && credited.Add(blamed.Id))
                sink.Add(blamed.At, RollupKeys.Of(blamed), rollup => rollup.OptedOut++);
        }
    }

    /// <summary>
    /// A goal event converts the latest business-initiated message of the goal's trigger type sent to the same
    /// customer within the attribution window (last touch); each message converts at most once per goal. A message
    /// sent for an event of the goal's own type is never converted by it: that event caused it.
    /// </summary>
    private void CountConversions(RollupSink sink, List<AuditRecord> audit, List<ConversationMessage> messages)
    {
        foreach (var goal in _goals)
        {
            var sent = ByKey(audit.Where(r => IsSent(r) && IsProactive(r) && (goal.Trigger is null || r.EventType == goal.Trigger) && r.EventType != goal.Goal), r => r.CustomerId);
            if (sent.Count == 0) continue;
            var credited = new HashSet<string>(StringComparer.Ordinal);
            foreach (var message in messages.Where(m => BusinessEventHistory.TypeOf(m) == goal.Goal))
            {
                if (!sent.TryGetValue(BusinessEventHistory.CustomerOf(message.ConversationId), out var candidates)) continue;
                if (LatestBefore(candidates, message.At, goal.Window) is { } converted && credited.Add(converted.Id))
                    sink.Add(converted.At, RollupKeys.Of(converted), rollup => rollup.Convert(goal.Goal));
            }
        }
    }
}
