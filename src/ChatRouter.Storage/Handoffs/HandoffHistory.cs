using ChatRouter.Conversations;
using LiteDB;

namespace ChatRouter.Storage.Handoffs;

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

/// <summary>Ended handoff episodes, written in the release's transaction.</summary>
public sealed class HandoffHistory : ITurnAttachmentWriter
{
    private readonly ILiteCollection<HandoffRecord> _records;

    /// <summary>The history in the same file as <paramref name="store"/>.</summary>
    public HandoffHistory(LiteDbStore store)
    {
        ArgumentNullException.ThrowIfNull(store);
        _records = store.Collection<HandoffRecord>("handoff_history");
        _records.EnsureIndex(r => r.ConversationId);
        store.AddAttachmentWriter(this);
    }

    /// <summary>Episodes released since <paramref name="since"/>.</summary>
    public IReadOnlyList<HandoffRecord> Since(DateTimeOffset since) => _records.Find(r => r.ReleasedAt >= since).ToList();

    bool ITurnAttachmentWriter.CanWrite(object attachment) => attachment is HandoffRecord;

    void ITurnAttachmentWriter.Write(object attachment) => _records.Upsert((HandoffRecord)attachment);
}
