using ChatRouter.Scheduling;
using ChatRouter.Testing;

namespace ChatRouter.Storage.Tests.Contract;

/// <summary>Deferred and digest sends.</summary>
public abstract partial class StoreContract
{
    private static ScheduledSend Scheduled(string id, int minutes, string customer = "p1", string kind = ScheduledKinds.Deferred) => new()
    {
        Id = id,
        CustomerId = customer,
        Kind = kind,
        DueAt = Some.Instant.AddMinutes(minutes),
        EventType = "cart.abandoned",
        Event = "{}",
        CreatedAt = Some.Instant,
    };

    [Fact]
    public async Task Schedule_DueInTimeOrder_RemovedOnce_ErasedPerCustomer()
    {
        var stores = Open();
        await stores.Schedule.AddAsync([Scheduled("late", 60), Scheduled("early", 5), Scheduled("theirs", 10, customer: "p2"), Scheduled("digest", 30, kind: ScheduledKinds.Digest)], CancellationToken.None);
        await stores.Schedule.AddAsync([Scheduled("early", 500)], CancellationToken.None);

        stores = Reopen(stores);
        var next = await stores.Schedule.NextDueAsync(CancellationToken.None);
        var due = await stores.Schedule.DueAsync(Some.Instant.AddMinutes(30), limit: 10, CancellationToken.None);
        var mine = await stores.Schedule.ForCustomerAsync("p1", CancellationToken.None);
        var removed = await stores.Schedule.RemoveAsync(["early", "early", "missing"], CancellationToken.None);
        var erased = await stores.Schedule.EraseAsync("p1", CancellationToken.None);

        next.Should().Be(Some.Instant.AddMinutes(5));
        due.Select(s => s.Id).Should().Equal("early", "theirs", "digest");
        mine.Select(s => s.Id).Should().Equal("early", "digest", "late");
        (removed, erased).Should().Be((1, 2));
        (await stores.Schedule.ForCustomerAsync("p2", CancellationToken.None)).Should().ContainSingle();
    }
}
