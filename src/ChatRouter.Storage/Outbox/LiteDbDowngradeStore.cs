using ChatRouter.Outbox;

namespace ChatRouter.Storage.Outbox;

/// <summary>Downgrades in a <see cref="LiteDbFile"/>.</summary>
internal sealed class LiteDbDowngradeStore(LiteDbFile file) : IDowngradeStore
{
    public Task AddAsync(DowngradeRecord record, CancellationToken cancellationToken) => file.Writer.WriteAsync(_ =>
    {
        if (record.OutboxId is not null && file.Downgrades.Exists(r => r.OutboxId == record.OutboxId && r.Reason == record.Reason)) return;
        file.Downgrades.Insert(record);
    });

    public Task<IReadOnlyList<DowngradeRecord>> LatestAsync(int limit, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<DowngradeRecord>>(file.Downgrades.Query().OrderByDescending(r => r.Id).Limit(limit).ToList());

    public Task<IReadOnlyList<DowngradeRecord>> ForConversationAsync(string conversationId, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<DowngradeRecord>>(file.Downgrades.Find(r => r.ConversationId == conversationId).OrderBy(r => r.Id, StringComparer.Ordinal).ToList());
}
