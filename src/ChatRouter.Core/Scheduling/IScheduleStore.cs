namespace ChatRouter.Scheduling;

/// <summary>Durable deferred and digest sends (see <see cref="ScheduledSend"/>).</summary>
public interface IScheduleStore
{
    /// <summary>Stores sends (an id already there is left as it is).</summary>
    Task AddAsync(IReadOnlyList<ScheduledSend> sends, CancellationToken cancellationToken);

    /// <summary>Sends due at or before <paramref name="now"/>, earliest first, at most <paramref name="limit"/>.</summary>
    Task<IReadOnlyList<ScheduledSend>> DueAsync(DateTimeOffset now, int limit, CancellationToken cancellationToken);

    /// <summary>The earliest due instant of any send, or null when none waits.</summary>
    Task<DateTimeOffset?> NextDueAsync(CancellationToken cancellationToken);

    /// <summary>A customer's waiting sends, earliest first (digests gather these).</summary>
    Task<IReadOnlyList<ScheduledSend>> ForCustomerAsync(string customerId, CancellationToken cancellationToken);

    /// <summary>Removes sends by id (they went, expired or were folded into a digest); returns how many.</summary>
    Task<int> RemoveAsync(IReadOnlyCollection<string> ids, CancellationToken cancellationToken);

    /// <summary>Removes every waiting send of a customer (erasure); returns how many.</summary>
    Task<int> EraseAsync(string customerId, CancellationToken cancellationToken);
}
