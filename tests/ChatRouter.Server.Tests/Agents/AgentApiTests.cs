using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using ChatRouter.Conversations;
using ChatRouter.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace ChatRouter.Server.Tests.Agents;

/// <summary>The agent API on a real server: the queue, claim, history, replies through the fake Cloud API, notes, release.</summary>
public sealed class AgentApiTests : IAsyncLifetime
{
    private const string OtherAgentKey = "agent-two-key-0123456789abcdef";

    private readonly TempDirectory _directory = new();
    private FakeWhatsAppApi _api = null!;
    private ServerApp _server = null!;

    public async Task InitializeAsync()
    {
        _api = await FakeWhatsAppApi.StartAsync();
        _server = await ServerApp.StartAsync(_directory.File("chatrouter.db"), _api, settings: new Dictionary<string, string?>
        {
            ["Agents:ApiKeys:3:Key"] = OtherAgentKey,
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

    private async Task SayAsync(string text)
    {
        (await _server.PostWhatsAppAsync(WhatsAppWebhooks.Message(WhatsAppWebhooks.Text(text)))).StatusCode.Should().Be(HttpStatusCode.OK);
        await _server.IdleAsync();
    }

    /// <summary>The customer greets the bot, then asks for a person: one waiting handoff. Returns its conversation id.</summary>
    private async Task<string> HandedOffAsync()
    {
        await SayAsync("hi");
        await SayAsync("I want to talk to a human");
        await _api.WaitForRequestsAsync(2, TimeSpan.FromSeconds(20));
        var list = await GetJsonAsync("/api/handoffs", ServerApp.AgentKey);
        return list.EnumerateArray().Single().GetProperty("conversationId").GetString()!;
    }

    private async Task<JsonElement> GetJsonAsync(string path, string key)
    {
        var response = await _server.SendAsync(HttpMethod.Get, path, key);
        response.StatusCode.Should().Be(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return await Json(response);
    }

    private static async Task<JsonElement> Json(HttpResponseMessage response) => JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

    private Task<HttpResponseMessage> PostAsync(string path, string key, JsonNode? body = null) => _server.SendAsync(HttpMethod.Post, path, key, body ?? new JsonObject());

    private static string Text(RecordedRequest request) => request.Json.GetProperty("text").GetProperty("body").GetString()!;

    [Theory]
    [InlineData("/api/handoffs")]
    [InlineData("/api/conversations/any")]
    public async Task Api_WithoutKeyOrWithAWrongKey_Is401(string path)
    {
        (await _server.SendAsync(HttpMethod.Get, path, null)).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        (await _server.SendAsync(HttpMethod.Get, path, "not-a-key")).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Api_EventsKey_IsForbiddenFromAgentEndpoints()
    {
        var response = await _server.SendAsync(HttpMethod.Get, "/api/handoffs", ServerApp.EventsKey);

        response.StatusCode.Should().Be(HttpStatusCode.Forbidden, "least privilege: the order system's key cannot read conversations");
    }

    [Fact]
    public async Task Me_NamesTheKeysOwnerAndRole()
    {
        var me = await GetJsonAsync("/api/me", ServerApp.AgentKey);

        me.GetProperty("name").GetString().Should().Be("Alex Agent");
        me.GetProperty("role").GetString().Should().Be("agent");
    }

    [Fact]
    public async Task Handoffs_AfterTheEscalationKeyword_ListsTheWaitingConversationWithItsReason()
    {
        await HandedOffAsync();

        var item = (await GetJsonAsync("/api/handoffs", ServerApp.AgentKey)).EnumerateArray().Single();

        item.GetProperty("reason").GetString().Should().Be("keyword");
        item.GetProperty("status").GetString().Should().Be("waiting");
        item.GetProperty("customer").GetProperty("name").GetString().Should().Be(WhatsAppWebhooks.CustomerName);
        item.GetProperty("lastMessage").GetString().Should().Be("I want to talk to a human");
        (await GetJsonAsync("/api/handoffs?status=claimed", ServerApp.AgentKey)).GetArrayLength().Should().Be(0);
    }

    [Fact]
    public async Task Claim_HeldByAnotherAgent_Is409NamingTheHolder_ButAnAdminMayTakeItOver()
    {
        var id = await HandedOffAsync();

        var first = await PostAsync($"/api/handoffs/{id}/claim", ServerApp.AgentKey);
        var second = await PostAsync($"/api/handoffs/{id}/claim", OtherAgentKey);
        var agentTakeover = await PostAsync($"/api/handoffs/{id}/claim?takeover=true", OtherAgentKey);
        var adminPlain = await PostAsync($"/api/handoffs/{id}/claim", ServerApp.AdminKey);
        var admin = await PostAsync($"/api/handoffs/{id}/claim?takeover=true", ServerApp.AdminKey);

        first.StatusCode.Should().Be(HttpStatusCode.OK);
        second.StatusCode.Should().Be(HttpStatusCode.Conflict);
        (await Json(second)).GetProperty("claimedBy").GetString().Should().Be("Alex Agent");
        agentTakeover.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        adminPlain.StatusCode.Should().Be(HttpStatusCode.Conflict);
        admin.StatusCode.Should().Be(HttpStatusCode.OK);
        (await Json(admin)).GetProperty("claimedBy").GetString().Should().Be("Ada Admin");
    }

    [Fact]
    public async Task HandedOff_TheBotIsSilent_ButTheAgentSeesEveryMessage()
    {
        var id = await HandedOffAsync();

        await SayAsync("hello? is anyone there");
        await _server.SettledAsync();

        _api.Requests.Count.Should().Be(2, "only the greeting and the handoff notice; the bot does not answer during a handoff");
        var conversation = await GetJsonAsync($"/api/conversations/{id}", ServerApp.AgentKey);
        var messages = conversation.GetProperty("messages").EnumerateArray().ToList();
        messages.Select(m => m.GetProperty("author").GetString()).Should().Contain(["customer", "bot", "system"]);
        messages.Last(m => m.GetProperty("author").GetString() == "customer").GetProperty("text").GetString().Should().Be("hello? is anyone there");
        conversation.GetProperty("window").GetProperty("open").GetBoolean().Should().BeTrue();
        conversation.GetProperty("customer").GetProperty("phone").GetString().Should().Be("+" + WhatsAppWebhooks.CustomerWaId);
        conversation.GetProperty("handoff").GetProperty("reason").GetString().Should().Be("keyword");
    }

    [Fact]
    public async Task Send_ByTheClaimingAgent_ReachesTheCustomerOnceForOneIdempotencyKey()
    {
        var id = await HandedOffAsync();
        await PostAsync($"/api/handoffs/{id}/claim", ServerApp.AgentKey);

        var first = await SendWithKeyAsync(id, "Hi Sheena, I'm Alex. Let me look into this.", "reply-1");
        var retry = await SendWithKeyAsync(id, "Hi Sheena, I'm Alex. Let me look into this.", "reply-1");
        var sent = await _api.WaitForRequestsAsync(3, TimeSpan.FromSeconds(20));
        await _server.SettledAsync();

        first.StatusCode.Should().Be(HttpStatusCode.Accepted);
        retry.StatusCode.Should().Be(HttpStatusCode.Accepted);
        (await Json(retry)).GetProperty("id").GetString().Should().Be((await Json(first)).GetProperty("id").GetString());
        _api.Requests.Count.Should().Be(3);
        Text(sent[2]).Should().Be("Hi Sheena, I'm Alex. Let me look into this.");
        var messages = (await GetJsonAsync($"/api/conversations/{id}", ServerApp.AgentKey)).GetProperty("messages").EnumerateArray();
        var agent = messages.Single(m => m.GetProperty("author").GetString() == "agent");
        agent.GetProperty("agent").GetString().Should().Be("Alex Agent");
    }

    private async Task<HttpResponseMessage> SendWithKeyAsync(string id, string text, string idempotencyKey)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/conversations/{id}/messages")
        {
            Content = new StringContent(new JsonObject { ["text"] = text }.ToJsonString(), System.Text.Encoding.UTF8, "application/json"),
        };
        request.Headers.Authorization = new("Bearer", ServerApp.AgentKey);
        request.Headers.Add("Idempotency-Key", idempotencyKey);
        return await _server.Http.SendAsync(request);
    }

    [Fact]
    public async Task Send_WithoutClaiming_Is409NotClaimed_AndNothingIsSent()
    {
        var id = await HandedOffAsync();

        var response = await PostAsync($"/api/conversations/{id}/messages", ServerApp.AgentKey, new JsonObject { ["text"] = "hello" });
        await _server.SettledAsync();

        response.StatusCode.Should().Be(HttpStatusCode.Conflict);
        (await Json(response)).GetProperty("reason").GetString().Should().Be("not_claimed");
        _api.Requests.Count.Should().Be(2);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public async Task Send_EmptyText_Is400NamingTheField(string text)
    {
        var id = await HandedOffAsync();
        await PostAsync($"/api/handoffs/{id}/claim", ServerApp.AgentKey);

        var response = await PostAsync($"/api/conversations/{id}/messages", ServerApp.AgentKey, new JsonObject { ["text"] = text });

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await Json(response)).GetProperty("errors").TryGetProperty("text", out _).Should().BeTrue();
    }

    [Fact]
    public async Task Send_OverWhatsAppsLimit_Is400WithTheLimit()
    {
        var id = await HandedOffAsync();
        await PostAsync($"/api/handoffs/{id}/claim", ServerApp.AgentKey);

        var response = await PostAsync($"/api/conversations/{id}/messages", ServerApp.AgentKey, new JsonObject { ["text"] = new string('x', 4097) });

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await response.Content.ReadAsStringAsync()).Should().Contain("4096");
    }

    [Fact]
    public async Task Note_IsShownToAgentsAndNeverSent()
    {
        var id = await HandedOffAsync();

        var response = await PostAsync($"/api/conversations/{id}/notes", ServerApp.AgentKey, new JsonObject { ["text"] = "VIP customer, refund approved" });
        await _server.SettledAsync();

        response.StatusCode.Should().Be(HttpStatusCode.Created);
        _api.Requests.Count.Should().Be(2);
        var messages = (await GetJsonAsync($"/api/conversations/{id}", ServerApp.AgentKey)).GetProperty("messages").EnumerateArray();
        messages.Should().Contain(m => m.GetProperty("author").GetString() == "note" && m.GetProperty("text").GetString() == "VIP customer, refund approved");
    }

    [Fact]
    public async Task Release_WithoutState_TheBotAnswersTheNextMessageFromTheDefaultFlow_AndTheEpisodeIsRecorded()
    {
        var id = await HandedOffAsync();
        await PostAsync($"/api/handoffs/{id}/claim", ServerApp.AgentKey);
        await SendWithKeyAsync(id, "Done, your refund is on its way.", "r1");

        var release = await PostAsync($"/api/handoffs/{id}/release", ServerApp.AgentKey);
        release.StatusCode.Should().Be(HttpStatusCode.OK, await release.Content.ReadAsStringAsync());
        await SayAsync("thanks");
        var sent = await _api.WaitForRequestsAsync(4, TimeSpan.FromSeconds(20));

        (await Json(release)).GetProperty("flow").GetString().Should().Be("welcome");
        sent[3].Json.GetProperty("type").GetString().Should().Be("interactive", "the bot is back and shows the welcome menu");
        (await GetJsonAsync("/api/handoffs", ServerApp.AgentKey)).GetArrayLength().Should().Be(0);
        var episode = (await _server.Services.GetRequiredService<IHandoffHistory>().SinceAsync(DateTimeOffset.MinValue, CancellationToken.None)).Should().ContainSingle().Subject;
        episode.ConversationId.Should().Be(id);
        episode.ClaimedBy.Should().Be("Alex Agent");
        episode.FirstResponseAt.Should().NotBeNull();
    }

    [Fact]
    public async Task Release_ToAStateOfAnotherFlow_TheBotContinuesFromThere()
    {
        var id = await HandedOffAsync();
        await PostAsync($"/api/handoffs/{id}/claim", ServerApp.AgentKey);

        var release = await PostAsync($"/api/handoffs/{id}/release", ServerApp.AgentKey, new JsonObject { ["state"] = "order-status/ask_order_id" });
        release.StatusCode.Should().Be(HttpStatusCode.OK, await release.Content.ReadAsStringAsync());
        await SayAsync("A1001");
        var sent = await _api.WaitForRequestsAsync(3, TimeSpan.FromSeconds(20));

        (await Json(release)).GetProperty("state").GetString().Should().Be("ask_order_id");
        sent[2].Json.ToString().Should().Contain("A1001", "the order number was taken as the awaited input");
    }

    [Fact]
    public async Task Release_UnknownState_Is400AndTheHandoffStaysOpen()
    {
        var id = await HandedOffAsync();
        await PostAsync($"/api/handoffs/{id}/claim", ServerApp.AgentKey);

        var response = await PostAsync($"/api/handoffs/{id}/release", ServerApp.AgentKey, new JsonObject { ["state"] = "order-status/nowhere" });

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await Json(response)).GetProperty("reason").GetString().Should().Be("unknown_state");
        (await GetJsonAsync("/api/handoffs", ServerApp.AgentKey)).GetArrayLength().Should().Be(1);
    }

    [Fact]
    public async Task UnknownConversation_Is404()
    {
        (await _server.SendAsync(HttpMethod.Get, "/api/conversations/nope", ServerApp.AgentKey)).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await PostAsync("/api/handoffs/nope/claim", ServerApp.AgentKey)).StatusCode.Should().Be(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task OpenApi_DocumentsTheAgentApi()
    {
        var response = await _server.Http.GetAsync("/openapi/v1.json");
        var paths = (await Json(response)).GetProperty("paths");

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        paths.TryGetProperty("/api/handoffs", out _).Should().BeTrue();
        paths.TryGetProperty("/api/handoffs/{id}/claim", out _).Should().BeTrue();
        paths.TryGetProperty("/api/conversations/{id}/messages", out _).Should().BeTrue();
    }
}
