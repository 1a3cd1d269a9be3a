using ChatRouter.Conversations;
using static ChatRouter.Storage.Postgres.PgTables;

namespace ChatRouter.Storage.Postgres.Conversations;

/// <summary>Ended handoff episodes in PostgreSQL (written with the turn that released them).</summary>
internal sealed class PgHandoffHistory(PgDatabase db) : IHandoffHistory
{
    public Task<IReadOnlyList<HandoffRecord>> SinceAsync(DateTimeOffset since, CancellationToken cancellationToken) =>
        db.ReadAsync<IReadOnlyList<HandoffRecord>>(async s => await HandoffRows.ListAsync(s, "WHERE released_at >= $1 ORDER BY id", since), cancellationToken);
}
