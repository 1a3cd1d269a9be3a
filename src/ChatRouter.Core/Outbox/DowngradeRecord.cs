namespace ChatRouter.Outbox;

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
public interface IDowngradeStore
{
    /// <summary>Adds one; idempotent per outbox entry and reason.</summary>
    Task AddAsync(DowngradeRecord record, CancellationToken cancellationToken);

    /// <summary>The newest first.</summary>
    Task<IReadOnlyList<DowngradeRecord>> LatestAsync(int limit, CancellationToken cancellationToken);

    /// <summary>A conversation's downgrades, oldest first.</summary>
    Task<IReadOnlyList<DowngradeRecord>> ForConversationAsync(string conversationId, CancellationToken cancellationToken);
}
