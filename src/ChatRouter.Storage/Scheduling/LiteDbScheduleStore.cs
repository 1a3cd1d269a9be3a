using ChatRouter.Scheduling;

namespace ChatRouter.Storage.Scheduling;

/// <summary>Deferred and digest sends in a <see cref="LiteDbFile"/>, indexed by due time and customer.</summary>
internal sealed class LiteDbScheduleStore(LiteDbFile file) : IScheduleStore
{
    public Task AddAsync(IReadOnlyList<ScheduledSend> sends, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(sends);
        return sends.Count == 0 ? Task.CompletedTask : file.Writer.WriteAsync(_ =>
        {
            foreach (var send in sends)
            {
                if (file.Scheduled.FindById(send.Id) is null) file.Scheduled.Insert(send);
            }
        });
    }

    public Task<IReadOnlyList<ScheduledSend>> DueAsync(DateTimeOffset now, int limit, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<ScheduledSend>>(file.Scheduled.Query().Where(s => s.DueAt <= now).OrderBy(s => s.DueAt).Limit(limit).ToList());

    public Task<DateTimeOffset?> NextDueAsync(CancellationToken cancellationToken) =>
        Task.FromResult(file.Scheduled.Query().OrderBy(s => s.DueAt).Limit(1).FirstOrDefault()?.DueAt);

    public Task<IReadOnlyList<ScheduledSend>> ForCustomerAsync(string customerId, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<ScheduledSend>>(file.Scheduled.Find(s => s.CustomerId == customerId).OrderBy(s => s.DueAt).ThenBy(s => s.Id, StringComparer.Ordinal).ToList());

    public Task<int> RemoveAsync(IReadOnlyCollection<string> ids, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(ids);
        return file.Writer.WriteAsync(_ => ids.Count(id => file.Scheduled.Delete(id)));
    }

    public Task<int> EraseAsync(string customerId, CancellationToken cancellationToken) =>
        file.Writer.WriteAsync(_ => file.Scheduled.DeleteMany(s => s.CustomerId == customerId));
}
