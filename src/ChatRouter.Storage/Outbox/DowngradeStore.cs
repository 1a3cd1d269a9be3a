using LiteDB;

namespace ChatRouter.Storage.Outbox;

/// <summary>A message handed to another channel (email, ticket) because WhatsApp could not carry it.</summary>
public sealed class DowngradeRecord
{
    /// <summary>Sortable id.</summary>
    public string Id { get; set; } = "";

    /// <summary>The conversation.</summary>
    public string ConversationId { get; set; } = "";

    /// <summary>The customer's profile id.</summary>
    public string CustomerId { get; set; } = "";

    /// <summary>Why: <c>window_lapsed</c>, <c>handoff_unclaimed</c> …</summary>
    public string Reason { get; set; } = "";

    /// <summary>What should have been said.</summary>
    public string Text { get; set; } = "";

    /// <summary>In which locale.</summary>
    public string Locale { get; set; } = "";

    /// <summary>The outbox entry it replaces, if any.</summary>
    public string? OutboxId { get; set; }

    /// <summary>When.</summary>
    public DateTimeOffset At { get; set; }
}

/// <summary>Durable list of downgrades, for operators and the default downgrade channel.</summary>
public sealed class DowngradeStore
{
    private readonly LiteDbStore _store;
    private readonly ILiteCollection<DowngradeRecord> _records;

    /// <summary>The downgrades in the same file as <paramref name="store"/>.</summary>
    public DowngradeStore(LiteDbStore store)
    {
        ArgumentNullException.ThrowIfNull(store);
        _store = store;
        _records = store.Collection<DowngradeRecord>("downgrades");
        _records.EnsureIndex(r => r.ConversationId);
    }

    /// <summary>Adds one (idempotent per outbox entry and reason).</summary>
    public Task AddAsync(DowngradeRecord record) => _store.Writer.WriteAsync(_ =>
    {
        if (record.OutboxId is not null && _records.Exists(r => r.OutboxId == record.OutboxId && r.Reason == record.Reason)) return;
        _records.Insert(record);
    });

    /// <summary>The newest first.</summary>
    public IReadOnlyList<DowngradeRecord> Latest(int limit) => _records.Query().OrderByDescending(r => r.Id).Limit(limit).ToList();

    /// <summary>A conversation's downgrades.</summary>
    public IReadOnlyList<DowngradeRecord> ForConversation(string conversationId) => _records.Find(r => r.ConversationId == conversationId).ToList();
}
