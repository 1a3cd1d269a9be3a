using ChatRouter.Audit;
using ChatRouter.Conversations;
using ChatRouter.Outbox;
using ChatRouter.Testing;

namespace ChatRouter.Storage.Tests.Contract;

/// <summary>The outbound audit store.</summary>
public abstract partial class StoreContract
{
    private protected static AuditRecord Audit(string id, string kind = AuditKinds.Proactive, string decision = "sent", DateTimeOffset? at = null, string customer = "p1") => new()
    {
        Id = id,
        At = at ?? Some.Instant,
        CustomerId = customer,
        Customer = "+16505551234",
        Channel = "whatsapp",
        BusinessNumber = Records.Business,
        Kind = kind,
        Purpose = "marketing:cart.abandoned",
        LawfulBasis = "consent",
        Decision = decision,
    };

    [Fact]
    public async Task AuditAdd_SameIdTwice_KeepsTheFirst_QueryFilters()
    {
        var stores = Open();
        await stores.Audit.AddAsync([Audit("a1"), Audit("a2", decision: "capped", at: Some.Instant.AddHours(1)), Audit("a3", customer: "p2")], CancellationToken.None);
        await stores.Audit.AddAsync([Audit("a1", decision: "expired")], CancellationToken.None);

        stores = Reopen(stores);
        var all = await stores.Audit.QueryAsync(new AuditQuery(), CancellationToken.None).ToListAsync();
        var capped = await stores.Audit.QueryAsync(new AuditQuery { CustomerId = "p1", Decision = "capped" }, CancellationToken.None).ToListAsync();
        var window = await stores.Audit.QueryAsync(new AuditQuery { Since = Some.Instant.AddMinutes(30), Until = Some.Instant.AddHours(2) }, CancellationToken.None).ToListAsync();
        var page = await stores.Audit.QueryAsync(new AuditQuery { After = "a1", Limit = 1 }, CancellationToken.None).ToListAsync();

        all.Select(r => (r.Id, r.Decision)).Should().Equal(("a1", "sent"), ("a2", "capped"), ("a3", "sent"));
        capped.Select(r => r.Id).Should().Equal("a2");
        window.Select(r => r.Id).Should().Equal("a2");
        page.Select(r => r.Id).Should().Equal("a2");
    }

    [Fact]
    public async Task AuditOfAnOutboxEntry_FollowsTheEntrysState()
    {
        var stores = Open();
        var entry = Records.OutboxEntry("k", OutboxOrigin.BusinessEvent);
        var record = Audit(entry.Id);
        record.Status = "queued";
        await stores.Conversations.SaveTurnAsync(Records.Turn("hi") with { Writes = new TurnWrites { Outbox = [entry], Audit = [record] } }, CancellationToken.None);

        await stores.Outbox.UpdateAsync(entry.Id, e =>
        {
            e.State = OutboxState.Sent;
            e.ProviderMessageId = "wamid.7";
            e.SentAt = Some.Instant.AddSeconds(2);
            return true;
        }, CancellationToken.None);
        var sent = await stores.Audit.FindAsync(entry.Id, CancellationToken.None);
        await stores.Outbox.UpdateAsync(entry.Id, e =>
        {
            e.State = OutboxState.Failed;
            e.ErrorReason = "131026 undeliverable";
            return true;
        }, CancellationToken.None);
        var failed = await stores.Audit.FindAsync(entry.Id, CancellationToken.None);

        (sent!.Status, sent.ProviderMessageId, sent.Decision, sent.StatusAt).Should().Be(("sent", "wamid.7", "sent", Some.Instant.AddSeconds(2)));
        (failed!.Status, failed.Decision, failed.Reason).Should().Be(("failed", "failed", "131026 undeliverable"));
    }

    [Fact]
    public async Task AuditSendsSince_CountsOnlyBusinessInitiatedSends()
    {
        var stores = Open();
        await stores.Audit.AddAsync(
        [
            Audit("old", at: Some.Instant.AddDays(-8)),
            Audit("sent"),
            Audit("digest", kind: AuditKinds.Digest),
            Audit("capped", decision: "capped"),
            Audit("reply", kind: AuditKinds.Reply),
            Audit("other", customer: "p2"),
        ], CancellationToken.None);

        var sends = await stores.Audit.SendsSinceAsync("p1", Some.Instant.AddDays(-7), CancellationToken.None);

        sends.Should().HaveCount(2).And.OnlyContain(s => s.Purpose == "marketing:cart.abandoned");
    }

    [Fact]
    public async Task AuditPseudonymizeAndPurge()
    {
        var stores = Open();
        await stores.Audit.AddAsync([Audit("old", at: Some.Instant.AddDays(-800)), Audit("new"), Audit("theirs", customer: "p2")], CancellationToken.None);

        var hashed = await stores.Audit.PseudonymizeAsync("p1", "sha256:abc", CancellationToken.None);
        var wouldPurge = await stores.Audit.PurgeAsync(Some.Instant.AddDays(-730), dryRun: true, CancellationToken.None);
        var stillThere = await stores.Audit.FindAsync("old", CancellationToken.None);
        var purged = await stores.Audit.PurgeAsync(Some.Instant.AddDays(-730), dryRun: false, CancellationToken.None);

        (hashed, wouldPurge, purged).Should().Be((2, 1, 1));
        stillThere.Should().NotBeNull("a dry run deletes nothing");
        (await stores.Audit.FindAsync("new", CancellationToken.None))!.Customer.Should().Be("sha256:abc");
        (await stores.Audit.FindAsync("theirs", CancellationToken.None))!.Customer.Should().Be("+16505551234");
        (await stores.Audit.FindAsync("old", CancellationToken.None)).Should().BeNull();
    }
}
