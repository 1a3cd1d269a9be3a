using ChatRouter.Audit;
using ChatRouter.Conversations;

namespace ChatRouter.Reports;

/// <summary>
/// The counts of conversations: a conversation starts with a customer message when the customer had not written
/// for the service window (24 h) and ends when the window closes; it is counted on the day it starts, with the
/// handoffs requested in it, and every classified turn in it is judged resolved or not (<see cref="FlowOutcomes"/>).
/// </summary>
public sealed partial class RollupBuilder
{
    // A turn's outcome is looked for this many history entries ahead at most (a conversation of hundreds of turns stays linear).
    private const int MaxLookAhead = 200;

    private void CountConversations(RollupSink sink, List<AuditRecord> audit, List<ConversationMessage> messages, IReadOnlyList<HandoffFact> handoffs)
    {
        var records = ByKey(audit, r => r.ConversationId);
        var open = handoffs.GroupBy(h => h.ConversationId, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.OrderBy(h => h.RequestedAt).ToList(), StringComparer.Ordinal);
        foreach (var conversation in messages.GroupBy(m => m.ConversationId, StringComparer.Ordinal))
        {
            var history = conversation.ToList();
            var episodes = open.GetValueOrDefault(conversation.Key) ?? [];
            foreach (var (first, end) in Sessions(history))
            {
                var start = history[first].At;
                var closes = end < history.Count ? history[end].At : DateTimeOffset.MaxValue;
                var inSession = episodes.Where(h => h.RequestedAt >= start && h.RequestedAt < closes).ToList();
                episodes.RemoveAll(inSession.Contains);
                var keys = KeysOf(history, first, end, records.GetValueOrDefault(conversation.Key) ?? []);
                sink.Add(start, keys, rollup =>
                {
                    rollup.Conversations++;
                    if (inSession.Count > 0) rollup.HandedOffConversations++;
                });
                foreach (var handoff in inSession) CountHandoff(sink, handoff, keys);
                for (var i = first; i < end; i++)
                {
                    if (history[i].Author != MessageAuthor.Customer || history[i].Intent is null) continue;
                    var resolved = Resolved(history, i, end, inSession);
                    sink.Add(history[i].At, keys, rollup =>
                    {
                        rollup.ClassifiedTurns++;
                        if (resolved) rollup.ResolvedTurns++;
                    });
                }
            }

            // A handoff no conversation holds (a flow started by an event handed off before the customer wrote).
            foreach (var handoff in episodes) CountHandoff(sink, handoff, RollupKeys.None);
        }
    }

    private static void CountHandoff(RollupSink sink, HandoffFact handoff, RollupKeys keys) =>
        sink.Add(handoff.RequestedAt, keys, rollup =>
        {
            rollup.Handoffs++;
            if (handoff.FirstResponseAt is { } first) rollup.FirstResponse = LatencySketch.Add(rollup.FirstResponse, first - handoff.RequestedAt);
            if (handoff.ReleasedAt is { } released) rollup.Resolution = LatencySketch.Add(rollup.Resolution, released - handoff.RequestedAt);
        });

    /// <summary>The conversations of one history as [first, end) index ranges; entries outside any (before the first customer message, after a window closed) are left out.</summary>
    private static IEnumerable<(int First, int End)> Sessions(List<ConversationMessage> history)
    {
        int? first = null;
        DateTimeOffset lastCustomer = default;
        for (var i = 0; i < history.Count; i++)
        {
            var message = history[i];
            if (first is { } open && message.At - lastCustomer > ConversationGap)
            {
                yield return (open, i);
                first = null;
            }

            if (message.Author != MessageAuthor.Customer) continue;
            first ??= i;
            lastCustomer = message.At;
        }

        if (first is { } last) yield return (last, history.Count);
    }

    /// <summary>
    /// Whether the classified turn at <paramref name="asked"/> reached a terminal or answer state before the bot
    /// said it did not understand, before a handoff, and before the conversation ended.
    /// </summary>
    private bool Resolved(List<ConversationMessage> history, int asked, int end, List<HandoffFact> handoffs)
    {
        var at = history[asked].At;
        var handedOff = handoffs.Where(h => h.RequestedAt >= at).Select(h => (DateTimeOffset?)h.RequestedAt).FirstOrDefault();
        for (var i = asked + 1; i < end && i <= asked + MaxLookAhead; i++)
        {
            var message = history[i];
            if (handedOff is { } handoff && message.At >= handoff) return false;
            if (message.Author != MessageAuthor.Bot) continue;
            if (_outcomes.IsNotUnderstood(message.ReplyKey)) return false;
            if (_outcomes.Resolves(message.Flow, message.State)) return true;
        }

        return false;
    }

    /// <summary>
    /// A conversation's keys: the flow of its first bot message, the locale of the first message sent in it, and
    /// the template, variant and category of the business-initiated message the customer answered by starting it
    /// (sent within the reply window before), else no template or variant and the category <c>conversation</c>.
    /// </summary>
    private static RollupKeys KeysOf(List<ConversationMessage> history, int first, int end, List<AuditRecord> records)
    {
        var start = history[first].At;
        var flow = history.Skip(first).Take(end - first).FirstOrDefault(m => m.Author == MessageAuthor.Bot && m.Flow is not null)?.Flow;
        var locale = records.Find(r => r.At >= start && r.Locale is not null)?.Locale;
        var origin = LatestBefore([.. records.Where(r => IsSent(r) && IsProactive(r))], start, ReplyWindow);
        return origin is null
            ? RollupKeys.None with { Flow = RollupKeys.Or(flow), Locale = RollupKeys.Or(locale) }
            : RollupKeys.Of(origin) with { Flow = RollupKeys.Or(flow ?? origin.Flow?.Id), Locale = RollupKeys.Or(locale ?? origin.Locale) };
    }
}
