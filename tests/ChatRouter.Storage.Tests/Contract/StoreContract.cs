using System.Text;
using ChatRouter.Consents;
using ChatRouter.Conversations;
using ChatRouter.Inbox;
using ChatRouter.Outbox;
using ChatRouter.Profiles;
using ChatRouter.Testing;
using ChatRouter.WhatsAppTemplates;

namespace ChatRouter.Storage.Tests.Contract;

/// <summary>
/// What every storage provider must do, run against each (a LiteDB file, LiteDB in memory; PostgreSQL joins
/// by deriving from it). <see cref="Open"/> opens the provider's stores; on a durable provider a second
/// <see cref="Open"/> after disposing the first sees the same data.
/// </summary>
public abstract partial class StoreContract : IDisposable
{
    private readonly List<Stores> _opened = [];

    /// <summary>Whether data outlives the stores (a file or a server), so reopening tests apply.</summary>
    protected abstract bool Durable { get; }

    /// <summary>Opens the provider's stores over the test's data.</summary>
    protected abstract Stores OpenStores();

    public virtual void Dispose()
    {
        foreach (var stores in _opened) stores.Dispose();
        GC.SuppressFinalize(this);
    }

    protected Stores Open()
    {
        var stores = OpenStores();
        _opened.Add(stores);
        return stores;
    }

    /// <summary>The stores again: reopened over the same data when durable, the same ones otherwise.</summary>
    protected Stores Reopen(Stores stores)
    {
        if (!Durable) return stores;
        _opened.Remove(stores);
        stores.Dispose();
        return Open();
    }

    [Theory]
    [InlineData("مرحبا، أين طلبي؟ 📦")]
    [InlineData("👩🏽‍💻 family 👨‍👩‍👧‍👦 flags 🇧🇷")]
    [InlineData("e\u0301 combining and precomposed é; Ω vs Ω")]
    [InlineData("\u202Bembedded RTL\u202C and zero\u200Bwidth")]
    public async Task SaveTurn_ThenRead_KeepsTextByteForByte(string text)
    {
        var stores = Open();
        await stores.Conversations.SaveTurnAsync(Records.Turn(text, text), CancellationToken.None);

        stores = Reopen(stores);
        var profile = await stores.Conversations.GetProfileAsync("p1", CancellationToken.None);
        var history = await stores.Conversations.GetMessagesAsync(Records.ConversationId, 10, CancellationToken.None);

        Encoding.UTF8.GetBytes(history.Single().Text).Should().Equal(Encoding.UTF8.GetBytes(text));
        profile!.Name.Should().Be(text);
    }

    [Fact]
    public async Task SaveTurn_ThenRead_KeepsProfileAndConversationShapes()
    {
        var stores = Open();
        await stores.Conversations.SaveTurnAsync(Records.Turn("hi"), CancellationToken.None);

        stores = Reopen(stores);
        var profile = await stores.Conversations.GetProfileAsync("p1", CancellationToken.None);
        var conversation = await stores.Conversations.GetConversationAsync(Records.ConversationId, CancellationToken.None);

        profile!.Consent.Marketing.Should().BeEquivalentTo(new { Status = ConsentState.Granted, LawfulBasis = LawfulBasis.Consent, Source = ConsentSource.Flow, Evidence = "flow:activation", At = Some.Instant });
        profile.Consent.Transactional.Should().BeNull();
        profile.Attributes["tier"].Should().Be("gold");
        profile.SchemaVersion.Should().Be(CustomerProfile.CurrentSchemaVersion);
        conversation!.State.Should().Be("ask_score");
        conversation.LastInboundAt.Should().Be(Some.Instant);
        conversation.Slots["score"].Should().Be(9L);
        conversation.Slots["ratio"].Should().Be(0.5);
        conversation.Slots["ok"].Should().Be(true);
        conversation.Slots["name"].Should().Be("نور");
        conversation.Slots["when"].Should().Be(new DateTime(2026, 3, 31, 0, 0, 0, DateTimeKind.Utc));
        conversation.Slots["order"].Should().BeAssignableTo<IDictionary<string, object>>().Which["id"].Should().Be("A1001");
        conversation.Slots["tags"].Should().BeAssignableTo<System.Collections.IEnumerable>();
    }

    [Fact]
    public async Task FindProfile_ByAnyIdentityOrByPhone_FindsTheSameProfile()
    {
        var stores = Open();
        await stores.Conversations.SaveTurnAsync(Records.Turn("hi"), CancellationToken.None);

        var byBsuid = await stores.Conversations.FindProfileAsync(["whatsapp:US.13491208655302741918"], null, CancellationToken.None);
        var byWaId = await stores.Conversations.FindProfileAsync(["ultramsg:x", "whatsapp:16505551234"], null, CancellationToken.None);
        var byPhone = await stores.Conversations.FindProfileAsync(["ultramsg:16505551234@c.us"], "+16505551234", CancellationToken.None);
        var nobody = await stores.Conversations.FindProfileAsync(["whatsapp:1"], "+1000", CancellationToken.None);

        byBsuid!.Id.Should().Be("p1");
        byWaId!.Id.Should().Be("p1");
        byPhone!.Id.Should().Be("p1");
        nobody.Should().BeNull();
    }

    [Fact]
    public async Task GetMessages_ReturnsTheNewestInOrder()
    {
        var stores = Open();
        var turn = Records.Turn("hi");
        var messages = Enumerable.Range(1, 30).Select(i => Records.Message(turn.Conversation.Id, $"m{i}", MessageAuthor.Bot)).ToList();
        await stores.Conversations.SaveTurnAsync(turn with { NewMessages = messages }, CancellationToken.None);

        var last = await stores.Conversations.GetMessagesAsync(turn.Conversation.Id, 5, CancellationToken.None);

        last.Select(m => m.Text).Should().Equal("m26", "m27", "m28", "m29", "m30");
    }

    [Fact]
    public async Task DeleteConversation_RemovesItAndItsHistory_KeepsTheProfile()
    {
        var stores = Open();
        var turn = Records.Turn("hi");
        await stores.Conversations.SaveTurnAsync(turn, CancellationToken.None);

        await stores.Conversations.DeleteConversationAsync(turn.Conversation.Id, CancellationToken.None);

        (await stores.Conversations.GetConversationAsync(turn.Conversation.Id, CancellationToken.None)).Should().BeNull();
        (await stores.Conversations.GetMessagesAsync(turn.Conversation.Id, 10, CancellationToken.None)).Should().BeEmpty();
        (await stores.Conversations.GetProfileAsync("p1", CancellationToken.None)).Should().NotBeNull();
    }

    [Fact]
    public async Task SaveTurn_WithWrites_StoresTheRepliesTheInboxMarkAndTheEndedHandoffTogether()
    {
        var stores = Open();
        await stores.Inbox.AcceptAsync([Records.InboxEntry("whatsapp:msg:1")], CancellationToken.None);
        var handoff = new Handoff { Id = "h1", Status = HandoffStatus.Released, Queue = "support", Reason = "keyword", RequestedAt = Some.Instant, ReleasedAt = Some.Instant.AddMinutes(9) };
        var writes = new TurnWrites
        {
            Outbox = [Records.OutboxEntry("whatsapp:msg:1#1"), Records.OutboxEntry("whatsapp:msg:1#2")],
            InboxDone = new InboxDone("whatsapp:msg:1", Some.Instant),
            EndedHandoff = HandoffRecord.From(Records.ConversationId, handoff),
        };

        await stores.Conversations.SaveTurnAsync(Records.Turn("hi") with { Writes = writes }, CancellationToken.None);

        stores = Reopen(stores);
        (await stores.Outbox.PendingAsync(CancellationToken.None)).Select(e => e.IdempotencyKey).Should().Equal("whatsapp:msg:1#1", "whatsapp:msg:1#2");
        var inbox = await stores.Inbox.FindAsync("whatsapp:msg:1", CancellationToken.None);
        inbox!.State.Should().Be(InboxState.Done);
        inbox.Payload.Should().BeNull("a processed entry keeps only what dedupe needs");
        (await stores.Handoffs.SinceAsync(Some.Instant, CancellationToken.None)).Should().ContainSingle().Which.Id.Should().Be("h1");
    }

    [Fact]
    public async Task SaveTurn_AWriteFails_NothingOfTheTurnIsStored()
    {
        var stores = Open();
        await stores.Inbox.AcceptAsync([Records.InboxEntry("whatsapp:msg:1")], CancellationToken.None);
        await stores.Outbox.AddAsync(Records.OutboxEntry("taken"), CancellationToken.None);
        var writes = new TurnWrites { Outbox = [Records.OutboxEntry("taken")], InboxDone = new InboxDone("whatsapp:msg:1", Some.Instant) };

        var act = () => stores.Conversations.SaveTurnAsync(Records.Turn("hi") with { Writes = writes }, CancellationToken.None);

        await act.Should().ThrowAsync<Exception>("an idempotency key is unique");
        (await stores.Conversations.GetProfileAsync("p1", CancellationToken.None)).Should().BeNull();
        (await stores.Conversations.GetMessagesAsync(Records.ConversationId, 10, CancellationToken.None)).Should().BeEmpty();
        (await stores.Inbox.FindAsync("whatsapp:msg:1", CancellationToken.None))!.State.Should().Be(InboxState.Pending);
    }

    [Fact]
    public async Task OpenHandoffs_ListsWaitingAndClaimed_NotReleasedOrNone()
    {
        var stores = Open();
        foreach (var (profile, status) in new[] { ("p1", (HandoffStatus?)HandoffStatus.Waiting), ("p2", HandoffStatus.Claimed), ("p3", HandoffStatus.Released), ("p4", null) })
        {
            var turn = Records.Turn("hi");
            turn.Profile.Id = profile;
            turn.Profile.Identities = ["whatsapp:" + profile];
            turn.Conversation.Id = Conversation.MakeId("whatsapp", Records.Business, profile);
            turn.Conversation.CustomerId = profile;
            turn.Conversation.Handoff = status is { } s ? new Handoff { Id = "h-" + profile, Status = s, RequestedAt = Some.Instant } : null;
            await stores.Conversations.SaveTurnAsync(turn with { NewMessages = [] }, CancellationToken.None);
        }

        var open = await stores.Conversations.OpenHandoffsAsync(CancellationToken.None);

        open.Select(c => c.CustomerId).Should().BeEquivalentTo(["p1", "p2"]);
    }

    [Fact]
    public async Task ConsentLedger_TurnsAndProfileSavesAppend_ReadBackInOrder()
    {
        var stores = Open();
        var at = Some.Instant;
        ConsentRecord Line(string id, ConsentPurpose purpose, ConsentState status, ConsentSource source, int minutes) =>
            ConsentRecord.From(id, "p1", new ConsentEntry(purpose, status, LawfulBasis.Consent, source, "evidence " + id, "customer", at.AddMinutes(minutes)));
        var turn = Records.Turn("STOP") with { Writes = new TurnWrites { Consents = [Line("01", ConsentPurpose.Marketing, ConsentState.Withdrawn, ConsentSource.Keyword, 0), Line("02", ConsentPurpose.Transactional, ConsentState.Withdrawn, ConsentSource.Keyword, 0)] } };

        await stores.Conversations.SaveTurnAsync(turn, CancellationToken.None);
        await stores.Conversations.SaveProfileAsync(turn.Profile, [Line("03", ConsentPurpose.Marketing, ConsentState.Granted, ConsentSource.Api, 5)], CancellationToken.None);

        stores = Reopen(stores);
        var ledger = await stores.Conversations.GetConsentsAsync("p1", CancellationToken.None);
        ledger.Select(r => (r.Id, r.Purpose, r.Status, r.Source, r.Evidence)).Should().Equal(
            ("01", ConsentPurpose.Marketing, ConsentState.Withdrawn, ConsentSource.Keyword, "evidence 01"),
            ("02", ConsentPurpose.Transactional, ConsentState.Withdrawn, ConsentSource.Keyword, "evidence 02"),
            ("03", ConsentPurpose.Marketing, ConsentState.Granted, ConsentSource.Api, "evidence 03"));
        (await stores.Conversations.GetConsentsAsync("p2", CancellationToken.None)).Should().BeEmpty();
    }
}
