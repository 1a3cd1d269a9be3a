using ChatRouter.Scheduling;
using static ChatRouter.Storage.Postgres.PgTables;

namespace ChatRouter.Storage.Postgres.Scheduling;

/// <summary>Deferred and digest sends in PostgreSQL, indexed by due time and customer.</summary>
internal sealed class PgScheduleStore(PgDatabase db) : IScheduleStore
{
    public Task AddAsync(IReadOnlyList<ScheduledSend> sends, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(sends);
        return sends.Count == 0 ? Task.CompletedTask : db.WriteAsync(s =>
        {
            foreach (var send in sends) s.Add(ScheduledRows.Insert(send, ignoreExisting: true));
        }, cancellationToken);
    }

    public Task<IReadOnlyList<ScheduledSend>> DueAsync(DateTimeOffset now, int limit, CancellationToken cancellationToken) =>
        db.ReadAsync<IReadOnlyList<ScheduledSend>>(async s => await ScheduledRows.ListAsync(s, "WHERE due_at <= $1 ORDER BY due_at, id LIMIT $2", now, limit), cancellationToken);

    public Task<DateTimeOffset?> NextDueAsync(CancellationToken cancellationToken) =>
        db.ReadAsync(async s => (await ScheduledRows.ListAsync(s, "ORDER BY due_at, id LIMIT 1")).FirstOrDefault()?.DueAt, cancellationToken);

    public Task<IReadOnlyList<ScheduledSend>> ForCustomerAsync(string customerId, CancellationToken cancellationToken) =>
        db.ReadAsync<IReadOnlyList<ScheduledSend>>(async s => await ScheduledRows.ListAsync(s, "WHERE customer_id = $1 ORDER BY due_at, id", customerId), cancellationToken);

    public Task<int> RemoveAsync(IReadOnlyCollection<string> ids, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(ids);
        return ids.Count == 0 ? Task.FromResult(0) : db.WriteAsync(s => s.ExecuteAsync("DELETE FROM scheduled WHERE id = ANY($1)", (object)ids.ToArray()), cancellationToken);
    }

    public Task<int> EraseAsync(string customerId, CancellationToken cancellationToken) =>
        db.WriteAsync(s => s.ExecuteAsync("DELETE FROM scheduled WHERE customer_id = $1", customerId), cancellationToken);
}
