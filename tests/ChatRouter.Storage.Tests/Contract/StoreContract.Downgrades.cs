using ChatRouter.Audit;
using ChatRouter.Outbox;
using ChatRouter.Testing;

namespace ChatRouter.Storage.Tests.Contract;

/// <summary>The downgrade store: deliveries, replay, and their audit records kept in step.</summary>
public abstract partial class StoreContract
{
    private static DowngradeRecord Downgrade(string id, params string[] connectors) => new()
    {
        Id = id,
        ConversationId = Records.ConversationId,
        CustomerId = "p1",
        Reason = "window_lapsed",
        Text = "Your order A1001 shipped",
        Locale = "pt-BR",
        OutboxId = "o-" + id,
        At = Some.Instant,
        Deliveries = [.. connectors.Select(c => new DowngradeDelivery { Connector = c, NextAttemptAt = Some.Instant })],
    };

    private static AuditRecord DeliveryAudit(string downgradeId, string connector) => new()
    {
        Id = DowngradeDelivery.AuditId(downgradeId, connector),
        At = Some.Instant,
        CustomerId = "p1",
        Channel = connector,
        Kind = AuditKinds.Downgrade,
        Purpose = "transactional:order.shipped",
        Decision = "downgraded",
        Status = "queued",
    };

    [Fact]
    public async Task DowngradeAdd_WithDeliveries_IsPendingUntilEachIsDone_AndTheAuditFollows()
    {
        var stores = Open();
        var (added, created) = await stores.Downgrades.AddAsync(Downgrade("d1", "email", "ticket"), [DeliveryAudit("d1", "email"), DeliveryAudit("d1", "ticket")], CancellationToken.None);
        var recorded = await stores.Downgrades.AddAsync(Downgrade("d2"), [], CancellationToken.None);

        stores = Reopen(stores);
        var pending = await stores.Downgrades.PendingAsync(CancellationToken.None);
        await stores.Downgrades.UpdateAsync("d1", d =>
        {
            var email = d.Deliveries[0];
            (email.State, email.ProviderId, email.Attempts, email.FinishedAt) = (DowngradeDeliveryState.Sent, "d1@chatrouter", 1, Some.Instant.AddSeconds(3));
            var ticket = d.Deliveries[1];
            (ticket.Attempts, ticket.Error, ticket.NextAttemptAt) = (1, "HTTP 503", Some.Instant.AddSeconds(10));
            return true;
        }, CancellationToken.None);
        var half = await stores.Downgrades.FindAsync("d1", CancellationToken.None);
        await stores.Downgrades.UpdateAsync("d1", d =>
        {
            (d.Deliveries[1].State, d.Deliveries[1].Error, d.Deliveries[1].FinishedAt) = (DowngradeDeliveryState.Failed, "HTTP 400", Some.Instant.AddMinutes(1));
            return true;
        }, CancellationToken.None);

        (created, added.State, recorded.Record.State).Should().Be((true, DowngradeState.Pending, DowngradeState.Recorded));
        pending.Select(d => d.Id).Should().Equal("d1");
        (half!.State, half.Deliveries[1].NextAttemptAt, half.Deliveries[1].Error).Should().Be((DowngradeState.Pending, Some.Instant.AddSeconds(10), "HTTP 503"));
        (await stores.Downgrades.FindAsync("d1", CancellationToken.None))!.State.Should().Be(DowngradeState.Failed);
        (await stores.Downgrades.PendingAsync(CancellationToken.None)).Should().BeEmpty();
        var email = await stores.Audit.FindAsync("d1:email", CancellationToken.None);
        var ticket = await stores.Audit.FindAsync("d1:ticket", CancellationToken.None);
        (email!.Status, email.ProviderMessageId, email.StatusAt).Should().Be(("sent", "d1@chatrouter", Some.Instant.AddSeconds(3)));
        (ticket!.Status, ticket.Reason, ticket.Decision).Should().Be(("failed", "HTTP 400", "downgraded"));
    }

    [Fact]
    public async Task DowngradeAdd_SameOutboxEntryAndReasonTwice_KeepsTheFirstAndItsAudit()
    {
        var stores = Open();
        await stores.Downgrades.AddAsync(Downgrade("first", "ticket"), [DeliveryAudit("first", "ticket")], CancellationToken.None);

        var again = Downgrade("second", "ticket");
        again.OutboxId = "o-first";
        var (stored, created) = await stores.Downgrades.AddAsync(again, [DeliveryAudit("second", "ticket")], CancellationToken.None);

        (stored.Id, created).Should().Be(("first", false));
        (await stores.Audit.FindAsync("second:ticket", CancellationToken.None)).Should().BeNull();
    }
}
