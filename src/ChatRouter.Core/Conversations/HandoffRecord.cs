namespace ChatRouter.Conversations;

/// <summary>A finished handoff episode, kept for SLA reporting (time to first response, time to resolution).</summary>
public sealed class HandoffRecord
{
    /// <summary>The episode id.</summary>
    public string Id { get; set; } = "";

    /// <summary>The conversation.</summary>
    public string ConversationId { get; set; } = "";

    /// <summary>The queue it waited in.</summary>
    public string Queue { get; set; } = "";

    /// <summary>Why the bot handed off.</summary>
    public string Reason { get; set; } = "";

    /// <summary>The agent who held it last.</summary>
    public string? ClaimedBy { get; set; }

    /// <summary>When the bot handed off.</summary>
    public DateTimeOffset RequestedAt { get; set; }

    /// <summary>When an agent claimed it.</summary>
    public DateTimeOffset? ClaimedAt { get; set; }

    /// <summary>When an agent first wrote to the customer.</summary>
    public DateTimeOffset? FirstResponseAt { get; set; }

    /// <summary>When it was handed back.</summary>
    public DateTimeOffset ReleasedAt { get; set; }

    /// <summary>Whether it waited past its queue's SLA.</summary>
    public bool SlaBreached { get; set; }

    /// <summary>The record of an ended episode.</summary>
    public static HandoffRecord From(string conversationId, Handoff handoff) => new()
    {
        Id = handoff.Id,
        ConversationId = conversationId,
        Queue = handoff.Queue,
        Reason = handoff.Reason,
        ClaimedBy = handoff.ClaimedBy,
        RequestedAt = handoff.RequestedAt,
        ClaimedAt = handoff.ClaimedAt,
        FirstResponseAt = handoff.FirstResponseAt,
        ReleasedAt = handoff.ReleasedAt ?? handoff.RequestedAt,
        SlaBreached = handoff.SlaWarnedAt is not null,
    };
}

/// <summary>Ended handoff episodes (each written in the transaction of the release that ended it).</summary>
public interface IHandoffHistory
{
    /// <summary>Episodes released at or after <paramref name="since"/>.</summary>
    Task<IReadOnlyList<HandoffRecord>> SinceAsync(DateTimeOffset since, CancellationToken cancellationToken);
}
