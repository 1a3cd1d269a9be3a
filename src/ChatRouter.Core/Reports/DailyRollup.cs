using System.Globalization;

namespace ChatRouter.Reports;

/// <summary>
/// What happened on one UTC day to the facts with one key of one dimension (the flow <c>order-status</c>, the
/// locale <c>es</c> …): counts and latency sketches that add up across days, so a report over a year reads a few
/// thousand of these instead of every audit record. Recomputed from the stored records, never incremented, so
/// computing a day twice gives the same document.
/// </summary>
public sealed class DailyRollup
{
    /// <summary><c>dimension|yyyy-MM-dd|key</c>: a dimension's days sort together, so a range is one key range.</summary>
    public string Id { get; set; } = "";

    /// <summary>The UTC day.</summary>
    public DateOnly Day { get; set; }

    /// <summary>One of <see cref="ReportDimensions.All"/>.</summary>
    public string Dimension { get; set; } = "";

    /// <summary>The key within the dimension (a flow id, a locale, the day itself).</summary>
    public string Key { get; set; } = "";

    /// <summary>Messages the provider accepted.</summary>
    public long Sent { get; set; }

    /// <summary>Sent messages delivered (or read).</summary>
    public long Delivered { get; set; }

    /// <summary>Sent messages read.</summary>
    public long Read { get; set; }

    /// <summary>Sent messages the customer answered.</summary>
    public long Replied { get; set; }

    /// <summary>Messages that failed, before or after the provider accepted them.</summary>
    public long Failed { get; set; }

    /// <summary>Sent messages after which the customer withdrew consent.</summary>
    public long OptedOut { get; set; }

    /// <summary>Sent business-initiated messages (proactive and digests): what conversions are counted against.</summary>
    public long ProactiveSent { get; set; }

    /// <summary>Conversions per goal event type.</summary>
    public List<GoalCount> Conversions { get; set; } = [];

    /// <summary>Handoffs requested.</summary>
    public long Handoffs { get; set; }

    /// <summary>Conversations (customer-service sessions) that started.</summary>
    public long Conversations { get; set; }

    /// <summary>Conversations in which a handoff was requested (the others are contained).</summary>
    public long HandedOffConversations { get; set; }

    /// <summary>Customer messages the intent classifier read.</summary>
    public long ClassifiedTurns { get; set; }

    /// <summary>Classified turns that reached a terminal or answer state without a not-understood or handoff.</summary>
    public long ResolvedTurns { get; set; }

    /// <summary>Handoff request to the agent's first message (<see cref="LatencySketch"/> buckets).</summary>
    public long[] FirstResponse { get; set; } = [];

    /// <summary>Handoff request to hand-back (<see cref="LatencySketch"/> buckets).</summary>
    public long[] Resolution { get; set; } = [];

    /// <summary>The id of a dimension's key on a day.</summary>
    public static string MakeId(string dimension, DateOnly day, string key) =>
        string.Concat(dimension, "|", day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), "|", key);

    /// <summary>Conversions of <paramref name="goal"/>, or of every goal when null.</summary>
    public long ConversionsOf(string? goal) =>
        goal is null ? Conversions.Sum(c => c.Count) : Conversions.Where(c => c.Goal == goal).Sum(c => c.Count);

    /// <summary>Counts one more conversion of <paramref name="goal"/>.</summary>
    public void Convert(string goal)
    {
        var found = Conversions.Find(c => c.Goal == goal);
        if (found is null) Conversions.Add(new GoalCount { Goal = goal, Count = 1 });
        else found.Count++;
    }
}

/// <summary>Conversions of one goal event type (a list, not a dictionary: event types hold dots, which BSON keys may not).</summary>
public sealed class GoalCount
{
    /// <summary>The goal event type, e.g. <c>order.placed</c>.</summary>
    public string Goal { get; set; } = "";

    /// <summary>How many.</summary>
    public long Count { get; set; }
}
