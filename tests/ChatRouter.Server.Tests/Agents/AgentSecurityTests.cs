using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using ChatRouter.Testing;
using W = ChatRouter.Testing.WhatsAppWebhooks;

namespace ChatRouter.Server.Tests.Agents;

/// <summary>What an agent key may not do (issue 9, found when tried as an attacker would).</summary>
public sealed class AgentSecurityTests : IAsyncLifetime
{
    private const string BeaKey = "agent-bea-key-0123456789abcdef";
    private const string OtherCustomer = "16505550000";

    private readonly TempDirectory _directory = new();
    private FakeWhatsAppApi _api = null!;
    private ServerApp _server = null!;

    public async Task InitializeAsync()
    {
        _api = await FakeWhatsAppApi.StartAsync();
        _server = await ServerApp.StartAsync(_directory.File("chatrouter.db"), _api, settings: new Dictionary<string, string?>
        {
            ["Agents:ApiKeys:3:Key"] = BeaKey,
            ["Agents:ApiKeys:3:Role"] = "agent",
            ["Agents:ApiKeys:3:Name"] = "Bea Agent",
        });
    }

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        await _api.DisposeAsync();
        _directory.Dispose();
    }

    [Fact]
    public async Task Send_AnotherAgentsIdempotencyKeyWithoutTheClaim_Is409NotTheirMessage_Issue9()
    {
        var conversation = await HandedOffAsync(W.CustomerWaId);
        await ClaimAsync(conversation, ServerApp.AgentKey);
        var first = await SendAsync(conversation, ServerApp.AgentKey, "Hi, Alex here", key: "shared");

        var intruder = await SendAsync(conversation, BeaKey, "Hi, Bea here", key: "shared");

        first.StatusCode.Should().Be(HttpStatusCode.Accepted);
        intruder.StatusCode.Should().Be(HttpStatusCode.Conflict);
        (await Json(intruder)).GetProperty("reason").GetString().Should().Be("not_claimed");
    }

    [Fact]
    public async Task Send_SameKeyInAnotherConversation_SendsThatMessage_Issue9()
    {
        var one = await HandedOffAsync(W.CustomerWaId);
        var two = await HandedOffAsync(OtherCustomer);
        await ClaimAsync(one, ServerApp.AgentKey);
        await ClaimAsync(two, ServerApp.AgentKey);

        var first = await Json(await SendAsync(one, ServerApp.AgentKey, "Reply to one", key: "reply-1"));
        var second = await Json(await SendAsync(two, ServerApp.AgentKey, "Reply to two", key: "reply-1"));
        await _server.SettledAsync();

        second.GetProperty("id").GetString().Should().NotBe(first.GetProperty("id").GetString());
        _api.Requests.Snapshot().Where(r => r.To == "+" + OtherCustomer).Select(Text).Should().Contain("Reply to two");
    }

    [Fact]
    public async Task Send_RetryWithTheSameKey_ReturnsTheFirstMessageAndSendsOnce()
    {
        var conversation = await HandedOffAsync(W.CustomerWaId);
        await ClaimAsync(conversation, ServerApp.AgentKey);

        var first = await Json(await SendAsync(conversation, ServerApp.AgentKey, "Once only", key: "k-1"));
        var retry = await Json(await SendAsync(conversation, ServerApp.AgentKey, "Once only", key: "k-1"));
        await _server.SettledAsync();

        retry.GetProperty("id").GetString().Should().Be(first.GetProperty("id").GetString());
        _api.Requests.Snapshot().Count(r => Text(r) == "Once only").Should().Be(1);
    }

    [Fact]
    public async Task Send_AdminWithoutTakeover_IsRefusedLikeAnyAgent_Issue9()
    {
        var held = await HandedOffAsync(W.CustomerWaId);
        await ClaimAsync(held, ServerApp.AgentKey);
        var botRun = await ConversationOfBotAsync(OtherCustomer);

        var intoHeld = await SendAsync(held, ServerApp.AdminKey, "Admin here");
        var intoBotRun = await SendAsync(botRun, ServerApp.AdminKey, "Admin here");
        var agentIntoBotRun = await SendAsync(botRun, ServerApp.AgentKey, "Agent here");
        await _server.SettledAsync();

        intoHeld.StatusCode.Should().Be(HttpStatusCode.Conflict);
        (await Json(intoHeld)).GetProperty("reason").GetString().Should().Be("not_claimed");
        intoBotRun.StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await Json(intoBotRun)).GetProperty("reason").GetString().Should().Be("no_open_handoff");
        agentIntoBotRun.StatusCode.Should().Be(HttpStatusCode.NotFound, "the README promises 404 no_open_handoff, not 409");
        (await Json(agentIntoBotRun)).GetProperty("reason").GetString().Should().Be("no_open_handoff");
        _api.Requests.Snapshot().Should().NotContain(r => Text(r).EndsWith(" here", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Send_AdminWithTakeover_TakesTheClaimAndSends()
    {
        var held = await HandedOffAsync(W.CustomerWaId);
        await ClaimAsync(held, ServerApp.AgentKey);

        var taken = await SendAsync(held, ServerApp.AdminKey, "Ada takes over", takeover: true);
        var agentAfter = await SendAsync(held, ServerApp.AgentKey, "Alex again");
        var plainAgentTakeover = await SendAsync(held, BeaKey, "Bea takes over", takeover: true);

        taken.StatusCode.Should().Be(HttpStatusCode.Accepted);
        agentAfter.StatusCode.Should().Be(HttpStatusCode.Conflict, "the claim moved to the admin");
        plainAgentTakeover.StatusCode.Should().Be(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Release_AnotherAgentsClaim_NeedsAnAdminTakeover_Issue9()
    {
        var held = await HandedOffAsync(W.CustomerWaId);
        await ClaimAsync(held, ServerApp.AgentKey);

        var byBea = await _server.SendAsync(HttpMethod.Post, $"/api/handoffs/{Uri.EscapeDataString(held)}/release", BeaKey, new System.Text.Json.Nodes.JsonObject());
        var byAdmin = await _server.SendAsync(HttpMethod.Post, $"/api/handoffs/{Uri.EscapeDataString(held)}/release", ServerApp.AdminKey, new System.Text.Json.Nodes.JsonObject());
        var byAdminTakeover = await _server.SendAsync(HttpMethod.Post, $"/api/handoffs/{Uri.EscapeDataString(held)}/release?takeover=true", ServerApp.AdminKey, new System.Text.Json.Nodes.JsonObject());

        byBea.StatusCode.Should().Be(HttpStatusCode.Conflict);
        byAdmin.StatusCode.Should().Be(HttpStatusCode.Conflict);
        byAdminTakeover.StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Start_TwoKeysWithOneName_IsAConfigurationError_Issue9()
    {
        using var directory = new TempDirectory();

        var act = () => ServerApp.StartAsync(directory.File("chatrouter.db"), _api, settings: new Dictionary<string, string?>
        {
            ["Agents:ApiKeys:3:Key"] = "impostor-key-0123456789abcdef",
            ["Agents:ApiKeys:3:Role"] = "agent",
            ["Agents:ApiKeys:3:Name"] = "Alex Agent",
        });

        (await act.Should().ThrowAsync<Microsoft.Extensions.Options.OptionsValidationException>())
            .Which.Message.Should().Contain("'Alex Agent' is given to more than one key");
    }

    private async Task<string> ConversationOfBotAsync(string customer)
    {
        (await _server.PostWhatsAppAsync(W.Messages(W.Contact(customer, "Customer"), W.Text("hi", from: customer)))).StatusCode.Should().Be(HttpStatusCode.OK);
        await _server.SettledAsync();
        var profile = await _server.Store.FindProfileAsync(["whatsapp:" + customer], null, CancellationToken.None);
        return Conversations.Conversation.MakeId("whatsapp", W.PhoneNumberId, profile!.Id);
    }

    private async Task<string> HandedOffAsync(string customer)
    {
        var id = await ConversationOfBotAsync(customer);
        (await _server.PostWhatsAppAsync(W.Messages(W.Contact(customer, "Customer"), W.Text("I want to talk to a human", from: customer)))).StatusCode.Should().Be(HttpStatusCode.OK);
        await _server.SettledAsync();
        return id;
    }

    private async Task ClaimAsync(string conversation, string key) =>
        (await _server.SendAsync(HttpMethod.Post, $"/api/handoffs/{Uri.EscapeDataString(conversation)}/claim", key, new System.Text.Json.Nodes.JsonObject()))
            .StatusCode.Should().Be(HttpStatusCode.OK);

    private async Task<HttpResponseMessage> SendAsync(string conversation, string apiKey, string text, string? key = null, bool takeover = false)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/conversations/{Uri.EscapeDataString(conversation)}/messages{(takeover ? "?takeover=true" : "")}")
        {
            Content = new StringContent(JsonSerializer.Serialize(new { text }), Encoding.UTF8, "application/json"),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", apiKey);
        if (key is not null) request.Headers.Add("Idempotency-Key", key);
        return await _server.Http.SendAsync(request);
    }

    private static async Task<JsonElement> Json(HttpResponseMessage response) => JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

    private static string Text(RecordedRequest request) =>
        request.Json.TryGetProperty("text", out var text) ? text.GetProperty("body").GetString()! : "";
}
