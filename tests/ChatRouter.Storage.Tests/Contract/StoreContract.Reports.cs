using ChatRouter.Audit;
using ChatRouter.Consents;
using ChatRouter.Conversations;
using ChatRouter.Outbox;
using ChatRouter.Reports;
using ChatRouter.Testing;

namespace ChatRouter.Storage.Tests.Contract;

/// <summary>
/// The stores only the LiteDB provider has so far (reports and the changelog; PostgreSQL answers their routes 501):
/// the report store: daily rollups replaced a day at a time, and the facts they come from, read by time.
/// </summary>
public abstract partial class InsightStoreContract : StoreContract
{
    private static readonly DateOnly Day1 = DateOnly.FromDateTime(Some.Instant.UtcDateTime);
    private static readonly DateOnly Day2 = Day1.AddDays(1);

    private static DailyRollup Rollup(string dimension, DateOnly day, string key, long sent) =>
        new() { Id = DailyRollup.MakeId(dimension, day, key), Day = day, Dimension = dimension, Key = key, Sent = sent, FirstResponse = [0, 2, 1], Conversions = [new GoalCount { Goal = "order.placed", Count = 3 }] };

    [Fact]
    public async Task ReportReplace_ReplacesTheDaysWhole_AndKeepsOtherDays()
    {
        var stores = Open();
        await stores.Reports.ReplaceAsync(Day1, Day2, [Rollup("flow", Day1, "a", 1), Rollup("flow", Day1, "b", 2), Rollup("flow", Day2, "a", 3), Rollup("locale", Day1, "en", 4)], Some.Instant, CancellationToken.None);

        await stores.Reports.ReplaceAsync(Day1, Day1, [Rollup("flow", Day1, "a", 5)], Some.Instant.AddHours(1), CancellationToken.None);
        stores = Reopen(stores);
        var flows = await stores.Reports.RollupsAsync("flow", Day1, Day2, CancellationToken.None);
        var locales = await stores.Reports.RollupsAsync("locale", Day1, Day2, CancellationToken.None);
        var computed = await stores.Reports.ComputedAsync(Day1.AddDays(-1), Day2, CancellationToken.None);

        flows.Select(r => (r.Day, r.Key, r.Sent)).Should().BeEquivalentTo([(Day1, "a", 5L), (Day2, "a", 3L)]);
        flows.Single(r => r.Day == Day1).FirstResponse.Should().Equal(0, 2, 1);
        flows.Single(r => r.Day == Day1).ConversionsOf("order.placed").Should().Be(3);
        locales.Should().BeEmpty("day 1 was replaced whole, every dimension");
        computed.Should().BeEquivalentTo(new Dictionary<DateOnly, DateTimeOffset> { [Day1] = Some.Instant.AddHours(1), [Day2] = Some.Instant });
    }

    [Fact]
    public async Task ReportRollups_ReadOneDimensionWithinTheDays()
    {
        var stores = Open();
        await stores.Reports.ReplaceAsync(Day1.AddDays(-1), Day2, [Rollup("flow", Day1.AddDays(-1), "a", 1), Rollup("flow", Day1, "zz", 2), Rollup("flow", Day2, "a", 3), Rollup("template", Day1, "a", 4)], Some.Instant, CancellationToken.None);

        var rollups = await stores.Reports.RollupsAsync("flow", Day1, Day1, CancellationToken.None);

        rollups.Select(r => r.Id).Should().Equal(DailyRollup.MakeId("flow", Day1, "zz"));
    }

    [Fact]
    public async Task ReportFacts_ReadMessagesConsentsAndHandoffsByTime()
    {
        var stores = Open();
        var turn = Records.Turn("hi");
        var early = Records.Message(turn.Conversation.Id, "early", MessageAuthor.Customer);
        early.At = Some.Instant.AddHours(-2);
        var late = Records.Message(turn.Conversation.Id, "late", MessageAuthor.Bot);
        late.At = Some.Instant.AddHours(2);
        var withdrawn = ConsentRecord.From("c1", "p1", new ConsentEntry(ConsentPurpose.Marketing, ConsentState.Withdrawn, LawfulBasis.Consent, ConsentSource.Keyword, "wamid.1", "customer", Some.Instant.AddMinutes(5)));
        var handoff = HandoffRecord.From(turn.Conversation.Id, new Handoff { Id = "h1", RequestedAt = Some.Instant.AddMinutes(10), ReleasedAt = Some.Instant.AddHours(5) });
        await stores.Conversations.SaveTurnAsync(turn with { NewMessages = [early, .. turn.NewMessages, late], Writes = new TurnWrites { Consents = [withdrawn], EndedHandoff = handoff } }, CancellationToken.None);

        stores = Reopen(stores);
        var messages = await stores.Reports.MessagesAsync(Some.Instant.AddHours(-1), Some.Instant.AddHours(2), CancellationToken.None).ToListAsync();
        var consents = await stores.Reports.ConsentsAsync(Some.Instant, Some.Instant.AddHours(1), CancellationToken.None).ToListAsync();
        var handoffs = await stores.Reports.HandoffsRequestedAsync(Some.Instant, Some.Instant.AddMinutes(10), CancellationToken.None);
        var requested = await stores.Reports.HandoffsRequestedAsync(Some.Instant, Some.Instant.AddMinutes(11), CancellationToken.None);
        var oldest = await stores.Reports.OldestFactAsync(CancellationToken.None);

        messages.Select(m => m.Text).Should().Equal(["hi"], "the range includes its start and excludes its end");
        consents.Select(c => c.Id).Should().Equal("c1");
        handoffs.Should().BeEmpty();
        requested.Select(h => h.Id).Should().Equal("h1");
        oldest.Should().Be(Some.Instant.AddHours(-2));
    }

    [Fact]
    public async Task ReportOldestFact_IsNullWhenNothingIsStored()
    {
        var stores = Open();

        var oldest = await stores.Reports.OldestFactAsync(CancellationToken.None);

        oldest.Should().BeNull();
    }

    [Fact]
    public async Task AuditAdd_WithoutALocale_TakesTheOutboxEntrysLocale()
    {
        var stores = Open();
        var entry = Records.OutboxEntry("k1", OutboxOrigin.Reply);
        entry.Locale = "pt-BR";
        var record = Audit(entry.Id, kind: AuditKinds.Reply);
        var written = Audit("own", kind: AuditKinds.Reply);
        written.Locale = "es";
        await stores.Conversations.SaveTurnAsync(Records.Turn("hi") with { Writes = new TurnWrites { Outbox = [entry], Audit = [record, written] } }, CancellationToken.None);

        stores = Reopen(stores);
        var stamped = await stores.Audit.FindAsync(entry.Id, CancellationToken.None);
        var kept = await stores.Audit.FindAsync("own", CancellationToken.None);

        (stamped!.Locale, kept!.Locale).Should().Be(("pt-BR", "es"));
    }
}
