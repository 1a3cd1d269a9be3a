using ChatRouter.Audit;
using ChatRouter.Conversations;
using ChatRouter.Flows;
using ChatRouter.Outbox;

namespace ChatRouter.Reports;

/// <summary>
/// Computes the daily rollups of a range of days from the stored facts (docs/insight.md defines each count).
/// A pure function of its facts and the flows in force, so computing a day again after more facts arrived (a
/// late delivery status, a conversion) replaces its rollups with the right ones and never counts twice.
/// </summary>
public sealed partial class RollupBuilder
{
    /// <summary>How long after a message a customer's message counts as its reply: the WhatsApp service window.</summary>
    public static TimeSpan ReplyWindow => ServiceWindow.Length;

    /// <summary>How long after a message a withdrawal of consent is put down to it.</summary>
    public static TimeSpan OptOutWindow => ServiceWindow.Length;

    // A conversation ends when the customer has not written for this long (the service window closes).
    private static readonly TimeSpan ConversationGap = ServiceWindow.Length;

    private static readonly string Sent = AuditStatus.Of(OutboxState.Sent);
    private static readonly string Delivered = AuditStatus.Of(OutboxState.Delivered);
    private static readonly string Read = AuditStatus.Of(OutboxState.Read);
    private static readonly string Failed = AuditStatus.Of(OutboxState.Failed);

    private readonly FlowOutcomes _outcomes;
    private readonly IReadOnlyList<ReportGoal> _goals;

    /// <summary>A builder judging turns by <paramref name="flows"/> and counting conversions of <paramref name="goals"/>.</summary>
    public RollupBuilder(FlowCatalog flows, IReadOnlyList<ReportGoal> goals)
    {
        ArgumentNullException.ThrowIfNull(goals);
        _outcomes = new FlowOutcomes(flows);
        _goals = goals;
    }

    /// <summary>The longest any fact of a day can arrive after the day ends: the reply window or the longest attribution window.</summary>
    public TimeSpan Settling => _goals.Select(g => g.Window).Append(ReplyWindow).Max();

    /// <summary>Where the facts of a computation starting on <paramref name="from"/> begin: a day earlier, for conversations under way.</summary>
    public static DateTimeOffset FactsSince(DateOnly from) => StartOf(from) - ConversationGap;

    /// <summary>Where the facts of a computation ending on <paramref name="to"/> end: after the day, its reply and attribution windows.</summary>
    public DateTimeOffset FactsUntil(DateOnly to) => StartOf(to).AddDays(1) + Settling;

    /// <summary>Midnight UTC of <paramref name="day"/>.</summary>
    public static DateTimeOffset StartOf(DateOnly day) => new(day.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);

    /// <summary>The rollups of the days <see cref="RollupFacts.From"/> to <see cref="RollupFacts.To"/>, every dimension.</summary>
    public IReadOnlyList<DailyRollup> Build(RollupFacts facts)
    {
        ArgumentNullException.ThrowIfNull(facts);
        var sink = new RollupSink(facts.From, facts.To);
        var audit = facts.Audit.OrderBy(r => r.At).ThenBy(r => r.Id, StringComparer.Ordinal).ToList();
        var messages = facts.Messages.OrderBy(m => m.At).ThenBy(m => m.Id, StringComparer.Ordinal).ToList();
        CountMessages(sink, audit);
        CountReplies(sink, audit, messages);
        CountOptOuts(sink, audit, facts.Consents);
        CountConversions(sink, audit, messages);
        CountConversations(sink, audit, messages, facts.Handoffs);
        return sink.Rollups();
    }

    private static bool IsSent(AuditRecord record) =>
        record.Status == Sent || record.Status == Delivered || record.Status == Read || (record.Status == Failed && record.ProviderMessageId is not null);

    private static bool IsProactive(AuditRecord record) => record.Kind is AuditKinds.Proactive or AuditKinds.Digest;

    /// <summary>The latest of <paramref name="sorted"/> (by time) strictly before <paramref name="at"/>, if it is no more than <paramref name="within"/> before it.</summary>
    private static AuditRecord? LatestBefore(List<AuditRecord> sorted, DateTimeOffset at, TimeSpan within)
    {
        int low = 0, high = sorted.Count - 1, found = -1;
        while (low <= high)
        {
            var middle = (low + high) / 2;
            if (sorted[middle].At < at)
            {
                found = middle;
                low = middle + 1;
            }
            else
            {
                high = middle - 1;
            }
        }

        return found >= 0 && at - sorted[found].At <= within ? sorted[found] : null;
    }

    private static Dictionary<string, List<AuditRecord>> ByKey(IEnumerable<AuditRecord> records, Func<AuditRecord, string?> key) =>
        records.Where(r => key(r) is not null).GroupBy(r => key(r)!, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);
}
