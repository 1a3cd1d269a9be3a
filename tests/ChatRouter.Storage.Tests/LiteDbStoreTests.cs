using System.Text;
using ChatRouter.Conversations;
using ChatRouter.Profiles;
using ChatRouter.Storage;
using ChatRouter.Testing;

namespace ChatRouter.Storage.Tests;

public sealed class LiteDbStoreTests : IDisposable
{
    private readonly TempDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    private LiteDbStore Open(string? password = null) => new(new StorageOptions { Path = _directory.File("data/chatrouter.db"), Password = password });

    private static TurnRecord Turn(string text, string? profileName = null)
    {
        var profile = new CustomerProfile
        {
            Id = "p1",
            Identities = ["whatsapp:16505551234", "whatsapp:US.13491208655302741918"],
            Phone = "+16505551234",
            Name = profileName ?? "Zoë",
            Locale = "ar",
            CreatedAt = Some.Instant,
        };
        profile.Consent.Set(ConsentStatus.OptedIn, Some.Instant, "flow:activation");
        profile.Attributes["tier"] = "gold";
        var conversation = new Conversation
        {
            Id = Conversation.MakeId("whatsapp", "106540352242922", "p1"),
            Channel = "whatsapp",
            BusinessNumber = "106540352242922",
            CustomerId = "p1",
            FlowId = "nps",
            FlowVersion = 3,
            State = "ask_score",
            LastInboundAt = Some.Instant,
            Slots =
            {
                ["score"] = 9L,
                ["ratio"] = 0.5,
                ["name"] = "نور",
                ["ok"] = true,
                ["when"] = new DateTime(2026, 3, 31, 0, 0, 0, DateTimeKind.Utc),
                ["order"] = new Dictionary<string, object?> { ["id"] = "A1001", ["total"] = 59.9m },
                ["tags"] = new List<object?> { "a", 2L },
            },
        };
        var message = new ConversationMessage { Id = SortableId.Next(Some.Instant), ConversationId = conversation.Id, At = Some.Instant, Author = MessageAuthor.Customer, Text = text };
        return new TurnRecord(profile, conversation, [message]);
    }

    [Theory]
    [InlineData("مرحبا، أين طلبي؟ 📦")]
    [InlineData("👩🏽‍💻 family 👨‍👩‍👧‍👦 flags 🇧🇷")]
    [InlineData("e\u0301 combining and precomposed é; Ω vs Ω")]
    [InlineData("\u202Bembedded RTL\u202C and zero\u200Bwidth")]
    public async Task SaveTurn_ThenReopen_KeepsTextByteForByte(string text)
    {
        using (var store = Open())
        {
            await store.SaveTurnAsync(Turn(text, text), CancellationToken.None);
        }

        using var reopened = Open();
        var profile = await reopened.GetProfileAsync("p1", CancellationToken.None);
        var history = await reopened.GetMessagesAsync(Conversation.MakeId("whatsapp", "106540352242922", "p1"), 10, CancellationToken.None);

        Encoding.UTF8.GetBytes(history.Single().Text).Should().Equal(Encoding.UTF8.GetBytes(text));
        profile!.Name.Should().Be(text);
    }

    [Fact]
    public async Task SaveTurn_ThenReopen_KeepsProfileAndConversationShapes()
    {
        using (var store = Open())
        {
            await store.SaveTurnAsync(Turn("hi"), CancellationToken.None);
        }

        using var reopened = Open();
        var profile = await reopened.GetProfileAsync("p1", CancellationToken.None);
        var conversation = await reopened.GetConversationAsync(Conversation.MakeId("whatsapp", "106540352242922", "p1"), CancellationToken.None);

        profile!.Consent.Should().BeEquivalentTo(new { Status = ConsentStatus.OptedIn, ChangedAt = Some.Instant, Source = "flow:activation" }, o => o.ExcludingMissingMembers());
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
        using var store = Open();
        await store.SaveTurnAsync(Turn("hi"), CancellationToken.None);

        var byBsuid = await store.FindProfileAsync(["whatsapp:US.13491208655302741918"], null, CancellationToken.None);
        var byWaId = await store.FindProfileAsync(["ultramsg:x", "whatsapp:16505551234"], null, CancellationToken.None);
        var byPhone = await store.FindProfileAsync(["ultramsg:16505551234@c.us"], "+16505551234", CancellationToken.None);
        var nobody = await store.FindProfileAsync(["whatsapp:1"], "+1000", CancellationToken.None);

        new[] { byBsuid, byWaId, byPhone }.Should().OnlyContain(p => p != null && p.Id == "p1");
        nobody.Should().BeNull();
    }

    [Fact]
    public async Task GetMessages_ReturnsTheLastOnesOldestFirst()
    {
        using var store = Open();
        var turn = Turn("hi");
        var messages = Enumerable.Range(1, 30).Select(i => new ConversationMessage
        {
            Id = SortableId.Next(Some.Instant),
            ConversationId = turn.Conversation.Id,
            At = Some.Instant,
            Author = MessageAuthor.Bot,
            Text = $"m{i}",
        }).ToList();
        await store.SaveTurnAsync(turn with { NewMessages = messages }, CancellationToken.None);

        var last = await store.GetMessagesAsync(turn.Conversation.Id, 5, CancellationToken.None);

        last.Select(m => m.Text).Should().Equal("m26", "m27", "m28", "m29", "m30");
    }

    [Fact]
    public async Task DeleteConversation_RemovesItAndItsHistory_KeepsTheProfile()
    {
        using var store = Open();
        var turn = Turn("hi");
        await store.SaveTurnAsync(turn, CancellationToken.None);

        await store.DeleteConversationAsync(turn.Conversation.Id, CancellationToken.None);

        (await store.GetConversationAsync(turn.Conversation.Id, CancellationToken.None)).Should().BeNull();
        (await store.GetMessagesAsync(turn.Conversation.Id, 10, CancellationToken.None)).Should().BeEmpty();
        (await store.GetProfileAsync("p1", CancellationToken.None)).Should().NotBeNull();
    }

    [Fact]
    public async Task SaveTurn_AttachmentFails_NothingOfTheTurnIsStored()
    {
        using var store = Open();
        store.AddAttachmentWriter(new FailingWriter());

        var act = () => store.SaveTurnAsync(Turn("hi") with { Attachments = ["boom"] }, CancellationToken.None);

        await act.Should().ThrowAsync<InvalidOperationException>();
        (await store.GetProfileAsync("p1", CancellationToken.None)).Should().BeNull();
        (await store.GetMessagesAsync(Turn("hi").Conversation.Id, 10, CancellationToken.None)).Should().BeEmpty();
    }

    [Fact]
    public async Task Password_EncryptsTheFileAtRest()
    {
        const string secret = "a-very-distinctive-customer-name-7f3a";
        using (var store = Open(password: "s3cret!"))
        {
            await store.SaveTurnAsync(Turn("hi", secret), CancellationToken.None);
        }

        var bytes = await File.ReadAllBytesAsync(_directory.File("data/chatrouter.db"));
        Encoding.UTF8.GetString(bytes).Should().NotContain(secret);
        Encoding.UTF8.GetString(bytes).Should().NotContain("16505551234");

        using var reopened = Open(password: "s3cret!");
        (await reopened.GetProfileAsync("p1", CancellationToken.None))!.Name.Should().Be(secret);
    }

    [Fact]
    public async Task Password_WithoutIt_APlainFileShowsTheData()
    {
        using (var store = Open())
        {
            await store.SaveTurnAsync(Turn("hi", "plain-name-c41"), CancellationToken.None);
        }

        var bytes = await File.ReadAllBytesAsync(_directory.File("data/chatrouter.db"));

        Encoding.UTF8.GetString(bytes).Should().Contain("plain-name-c41");
    }

    [Fact]
    public async Task Password_Wrong_FailsWithAMessageNamingTheSetting()
    {
        using (var store = Open(password: "right"))
        {
            await store.SaveTurnAsync(Turn("hi"), CancellationToken.None);
        }

        var act = () => Open(password: "wrong");

        act.Should().Throw<InvalidOperationException>().WithMessage("*Storage:Password*");
    }

    private sealed class FailingWriter : ITurnAttachmentWriter
    {
        public bool CanWrite(object attachment) => true;

        public void Write(object attachment) => throw new InvalidOperationException("disk full");
    }
}
