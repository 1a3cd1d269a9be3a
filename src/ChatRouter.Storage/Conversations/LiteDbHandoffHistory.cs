using ChatRouter.Conversations;

namespace ChatRouter.Storage.Conversations;

/// <summary>Ended handoff episodes in a <see cref="LiteDbFile"/> (written with the turn that released them).</summary>
internal sealed class LiteDbHandoffHistory(LiteDbFile file) : IHandoffHistory
{
    public Task<IReadOnlyList<HandoffRecord>> SinceAsync(DateTimeOffset since, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<HandoffRecord>>(file.Handoffs.Find(r => r.ReleasedAt >= since).ToList());
}
