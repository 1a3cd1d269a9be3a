using System.Text.Json.Nodes;
using ChatRouter.Conversations;
using ChatRouter.Messaging;
using ChatRouter.Outbox;
using ChatRouter.Server.Outbox;
using ChatRouter.Server.Tests.Proactive;
using ChatRouter.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace ChatRouter.Server.Tests.Outbox;

/// <summary>The sender's schedule on a fake clock: each recipient's send order, and when it says it is settled.</summary>
public sealed class OutboxSenderTests : IAsyncLifetime
{
    private const string Customer = WhatsAppWebhooks.CustomerWaId;
    private readonly TempDirectory _directory = new();
    private readonly FakeTimeProvider _time = new(Some.Instant);
    private FakeWhatsAppApi _api = null!;
    private ServerApp _server = null!;

    public async Task InitializeAsync() => _api = await FakeWhatsAppApi.StartAsync(time: _time);

    public async Task DisposeAsync()
    {
        if (_server is not null) await _server.DisposeAsync();
        await _api.DisposeAsync();
        _directory.Dispose();
    }

    private async Task<ServerApp> StartAsync(Dictionary<string, string?>? settings = null) =>
        _server = await ServerApp.StartAsync(_directory.File("chatrouter.db"), _api, time: _time, settings: GuardrailSettings.Relaxed(settings));

    private static string? Reference(RecordedRequest request) => request.Json.GetProperty("biz_opaque_callback_data").GetString();

    [Fact]
    public async Task Enqueue_MixedOrigins_SendsConversationRepliesFirst_EachClassInIdOrder()
    {
        var server = await StartAsync();
        var origins = new[] { OutboxOrigin.BusinessEvent, OutboxOrigin.Reply, OutboxOrigin.BusinessEvent, OutboxOrigin.Agent, OutboxOrigin.Reply, OutboxOrigin.System };
        var entries = new List<OutboxEntry>();
        foreach (var (origin, i) in origins.Select((o, i) => (o, i)))
            entries.Add((await server.Outbox.AddAsync(Entry(origin, $"m{i}"), CancellationToken.None)).Entry);

        server.Services.GetRequiredService<OutboxSender>().Enqueue(entries.AsEnumerable().Reverse().ToList());
        await server.SettledAsync();

        var expected = entries.Where(e => e.Origin != OutboxOrigin.BusinessEvent).Concat(entries.Where(e => e.Origin == OutboxOrigin.BusinessEvent)).Select(e => e.Id);
        _api.Requests.Snapshot().Select(Reference).Should().Equal(expected, "one recipient gets one message at a time, conversation first, each class in id order");
    }

    [Fact]
    public async Task CustomerWrites_WhileProactiveMessagesWaitForThePace_TheReplyGoesNext()
    {
        var server = await StartAsync(new() { ["Outbox:PairBurst"] = "2", ["Outbox:PairIntervalSeconds"] = "6" });
        await server.PostWhatsAppAsync(WhatsAppWebhooks.Message(WhatsAppWebhooks.Text("hi")));
        for (var i = 0; i < 20; i++)
            await server.SendAsync(HttpMethod.Post, "/api/events", ServerApp.EventsKey, Shipped($"A{1000 + i}"));
        await server.SettledAsync();
        var beforeTheQuestion = _api.Requests.Count;

        await server.PostWhatsAppAsync(WhatsAppWebhooks.Message(WhatsAppWebhooks.Text("menu", id: "wamid.menu")));
        await server.SettledAsync();
        var paced = _api.Requests.Count;
        _time.Advance(TimeSpan.FromSeconds(6));
        await server.SettledAsync();

        beforeTheQuestion.Should().Be(2, "the greeting and the first event spent the burst; 19 events wait for the pace");
        paced.Should().Be(2, "the answer waits for the pace too");
        var entries = await server.OutboxEntriesAsync();
        var answer = entries.Single(e => e.IdempotencyKey == "whatsapp:msg:wamid.menu#1");
        Reference(_api.Requests.Snapshot()[2]).Should().Be(answer.Id, "the customer's answer goes before the proactive messages queued ahead of it");
        entries.Count(e => e.Origin == OutboxOrigin.BusinessEvent && e.State == OutboxState.Pending).Should().BeGreaterThanOrEqualTo(19);
    }

    [Fact]
    public async Task WhenSettled_ClockMovedToADueRetry_IncludesThatSend()
    {
        _api.Script.Enqueue(FakeReply.ThroughputLimit());
        var server = await StartAsync();
        await server.PostWhatsAppAsync(WhatsAppWebhooks.Message(WhatsAppWebhooks.Text("hi")));
        await server.SettledAsync();
        var waiting = _api.Requests.Count;

        _time.Advance(TimeSpan.FromSeconds(1));
        await server.SettledAsync();

        waiting.Should().Be(1, "the retry waits for its backoff (at most 1 s)");
        _api.Requests.Count.Should().Be(2, "once the clock reaches the retry, settled means it has been sent");
    }

    private OutboxEntry Entry(OutboxOrigin origin, string text) => new()
    {
        Id = SortableId.Next(_time.GetUtcNow()),
        IdempotencyKey = "test:" + text,
        ConversationId = "c-" + Customer,
        CustomerId = "p-" + Customer,
        Channel = "whatsapp",
        BusinessNumber = WhatsAppWebhooks.PhoneNumberId,
        To = Customer,
        Origin = origin,
        Message = OutboxJson.Write(new OutboundMessage { Text = text, Locale = "en" }),
        Text = text,
        Locale = "en",
        WindowExpiresAt = _time.GetUtcNow() + TimeSpan.FromHours(24),
        NextAttemptAt = _time.GetUtcNow(),
        CreatedAt = _time.GetUtcNow(),
    };

    private static JsonObject Shipped(string orderId) => new()
    {
        ["type"] = "order.shipped",
        ["customer"] = new JsonObject { ["phone"] = "+" + Customer },
        ["data"] = new JsonObject { ["orderId"] = orderId, ["carrier"] = "DHL" },
        ["idempotencyKey"] = "ship-" + orderId,
    };
}
