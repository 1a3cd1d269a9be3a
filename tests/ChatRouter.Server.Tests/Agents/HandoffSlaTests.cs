using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using ChatRouter.Testing;
using Microsoft.Extensions.Time.Testing;

namespace ChatRouter.Server.Tests.Agents;

/// <summary>GET /api/handoffs puts handoffs past their queue's SLA first, with how far over, on the server's clock.</summary>
public sealed class HandoffSlaTests : IAsyncLifetime
{
    private const string LateWaId = "16505550999";
    private readonly TempDirectory _directory = new();
    private readonly FakeTimeProvider _time = new(Some.Instant);
    private FakeWhatsAppApi _api = null!;
    private ServerApp _server = null!;

    public async Task InitializeAsync()
    {
        _api = await FakeWhatsAppApi.StartAsync(time: _time);
        _server = await ServerApp.StartAsync(_directory.File("chatrouter.db"), _api, time: _time, settings: new Dictionary<string, string?>
        {
            ["Handoff:CheckInterval"] = "01:00:00",
            ["Handoff:UnclaimedTimeout"] = "01:00:00",
            ["Handoff:DefaultSla"] = "00:05:00",
            ["Handoff:Sla:support"] = "00:05:00",
        });
    }

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        await _api.DisposeAsync();
        _directory.Dispose();
    }

    [Fact]
    public async Task List_OneHandoffPastItsSla_ComesFirstWithItsOvershoot_AnOlderOneClaimedInTimeAfter()
    {
        var early = await HandOffAsync(WhatsAppWebhooks.CustomerWaId);
        _time.Advance(TimeSpan.FromSeconds(30));
        (await _server.SendAsync(HttpMethod.Post, $"/api/handoffs/{early}/claim", ServerApp.AgentKey, new JsonObject())).StatusCode.Should().Be(HttpStatusCode.OK);
        _time.Advance(TimeSpan.FromSeconds(30));
        var late = await HandOffAsync(LateWaId);
        _time.Advance(TimeSpan.FromMinutes(7));

        var items = await ListAsync();

        items.Select(i => i.GetProperty("conversationId").GetString()).Should().Equal([late, early], "past the SLA first, although the other is older");
        items[0].GetProperty("slaSeconds").GetInt64().Should().Be(300);
        items[0].GetProperty("overSlaSeconds").GetInt64().Should().Be(120, "waited 7 min against a 5 min SLA");
        items[1].GetProperty("overSlaSeconds").GetInt64().Should().Be(0, "claimed 30 s after the request: the wait ended there");
        items[1].GetProperty("waitingSeconds").GetInt64().Should().Be(480);
    }

    [Fact]
    public async Task List_TwoPastTheirSla_MostOverFirst_WithinOldestFirst()
    {
        var first = await HandOffAsync(WhatsAppWebhooks.CustomerWaId);
        _time.Advance(TimeSpan.FromMinutes(1));
        var second = await HandOffAsync(LateWaId);

        _time.Advance(TimeSpan.FromMinutes(2));
        (await ListAsync()).Select(i => i.GetProperty("conversationId").GetString()).Should().Equal([first, second], "neither is over: oldest first");
        _time.Advance(TimeSpan.FromMinutes(4));
        var items = await ListAsync();

        items.Select(i => i.GetProperty("conversationId").GetString()).Should().Equal([first, second]);
        items.Select(i => i.GetProperty("overSlaSeconds").GetInt64()).Should().Equal(120, 60);
    }

    [Fact]
    public async Task SlaBreaches_CountsStoredAndOpenHandoffsPerQueue_AgainstTheQueuesSla()
    {
        var quick = await HandOffAsync(WhatsAppWebhooks.CustomerWaId);
        var queue = (await _server.Store.GetConversationAsync(quick, CancellationToken.None))!.Handoff!.Queue;
        await SendOkAsync($"/api/handoffs/{quick}/claim");
        await SendOkAsync($"/api/handoffs/{quick}/release");
        var slow = await HandOffAsync(LateWaId);
        _time.Advance(TimeSpan.FromMinutes(6));
        await SendOkAsync($"/api/handoffs/{slow}/claim");
        await SendOkAsync($"/api/handoffs/{slow}/release");
        await HandOffAsync("16505550888");
        _time.Advance(TimeSpan.FromMinutes(5) + TimeSpan.FromSeconds(1));

        using var response = await _server.SendAsync(HttpMethod.Get, "/api/reports/sla-breaches?since=2026-01-15&until=2026-01-15", ServerApp.AdminKey);
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        var row = body.GetProperty("rows").EnumerateArray().Should().ContainSingle().Subject;
        row.GetProperty("queue").GetString().Should().Be(queue);
        row.GetProperty("slaSeconds").GetInt64().Should().Be(300);
        row.GetProperty("handoffs").GetInt32().Should().Be(3);
        row.GetProperty("breached").GetInt32().Should().Be(2, "the one claimed after 6 min (stored) and the one still waiting 5 min 1 s; not the one claimed at once");
    }

    [Fact]
    public async Task SlaBreaches_SinceAfterUntil_Is400NamingSince()
    {
        using var response = await _server.SendAsync(HttpMethod.Get, "/api/reports/sla-breaches?since=2026-01-16&until=2026-01-15", ServerApp.AdminKey);

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("errors").GetProperty("since")[0].GetString().Should().Contain("must not be after until");
    }

    private async Task SendOkAsync(string path)
    {
        using var response = await _server.SendAsync(HttpMethod.Post, path, ServerApp.AgentKey, new JsonObject());
        response.StatusCode.Should().Be(HttpStatusCode.OK, path);
    }

    private async Task<string> HandOffAsync(string waId)
    {
        var before = (await _server.Store.OpenHandoffsAsync(CancellationToken.None)).Select(c => c.Id).ToHashSet();
        await _server.PostWhatsAppAsync(WhatsAppWebhooks.Message(WhatsAppWebhooks.Text("hi", waId), WhatsAppWebhooks.Contact(waId)));
        await _server.PostWhatsAppAsync(WhatsAppWebhooks.Message(WhatsAppWebhooks.Text("agent", waId), WhatsAppWebhooks.Contact(waId)));
        await _server.IdleAsync();
        return (await _server.Store.OpenHandoffsAsync(CancellationToken.None)).Single(c => !before.Contains(c.Id)).Id;
    }

    private async Task<JsonElement[]> ListAsync()
    {
        using var response = await _server.SendAsync(HttpMethod.Get, "/api/handoffs", ServerApp.AgentKey);
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        return [.. JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone().EnumerateArray()];
    }
}
