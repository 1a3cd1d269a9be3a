using System.Net;
using System.Text.Json.Nodes;
using ChatRouter.Conversations;
using ChatRouter.Testing;
using W = ChatRouter.Testing.WhatsAppWebhooks;

namespace ChatRouter.Server.Tests.Inbox;

/// <summary>A flood from one customer is answered sensibly (issue 9, found when tried as an attacker would).</summary>
public sealed class InboundFloodTests : IAsyncLifetime
{
    private readonly TempDirectory _directory = new();
    private FakeWhatsAppApi _api = null!;
    private ServerApp _server = null!;

    public async Task InitializeAsync()
    {
        _api = await FakeWhatsAppApi.StartAsync();
        _server = await ServerApp.StartAsync(_directory.File("chatrouter.db"), _api, settings: new Dictionary<string, string?>
        {
            ["Inbox:CustomerBurst"] = "5",
            ["Inbox:CustomerRefill"] = "00:01:00",
        });
    }

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        await _api.DisposeAsync();
        _directory.Dispose();
    }

    [Fact]
    public async Task Flood_OneCustomerSends200AtOnce_BurstAndTheLastAreAnswered_AllAreStored_Issue9()
    {
        // "help" is answered in any state, so every answered message shows in the outbox.
        var messages = Enumerable.Range(1, 200).Select(_ => W.Text("help")).ToArray();
        var other = W.Messages(W.Contact("16505550000", "Calm"), W.Text("hi", from: "16505550000"));

        (await _server.PostWhatsAppAsync(W.Messages(W.Contact(), messages))).StatusCode.Should().Be(HttpStatusCode.OK);
        (await _server.PostWhatsAppAsync(other)).StatusCode.Should().Be(HttpStatusCode.OK);
        await _server.IdleAsync();

        var profile = await _server.Store.FindProfileAsync(["whatsapp:" + W.CustomerWaId], null, CancellationToken.None);
        var conversationId = Conversation.MakeId("whatsapp", W.PhoneNumberId, profile!.Id);
        var history = await _server.Store.GetMessagesAsync(conversationId, 1000, CancellationToken.None);
        var customerLines = history.Where(m => m.Author == MessageAuthor.Customer).Select(m => m.Text).ToList();
        var answered = (await _server.OutboxEntriesAsync()).Where(e => e.ConversationId == conversationId).Select(e => e.IdempotencyKey.Split('#')[0]).Distinct().Count();
        var metrics = await _server.Http.GetStringAsync("/metrics");

        customerLines.Should().HaveCount(200, "every message is kept for the agents");
        customerLines.Should().OnlyContain(t => t == "help");
        answered.Should().Be(6, "the burst of 5, then the last message of the flood");
        metrics.Should().Contain("chatrouter_inbound_coalesced_total{channel=\"whatsapp\"} 194");
        (await _server.OutboxEntriesAsync()).Should().Contain(e => e.ConversationId != conversationId, "other customers are answered as usual");
    }

    [Fact]
    public async Task Flood_StopInsideTheExcess_StillOptsOut()
    {
        var messages = Enumerable.Range(1, 30).Select(i => W.Text(i == 15 ? "STOP" : $"spam {i}")).ToArray();

        (await _server.PostWhatsAppAsync(W.Messages(W.Contact(), messages))).StatusCode.Should().Be(HttpStatusCode.OK);
        await _server.IdleAsync();

        var profile = await _server.Store.FindProfileAsync(["whatsapp:" + W.CustomerWaId], null, CancellationToken.None);
        profile!.Consent.Summary().Should().Be("opted_out");
    }
}
