using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using ChatRouter.Server.Agents;
using ChatRouter.Outbox;
using ChatRouter.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace ChatRouter.Server.Tests.Agents;

/// <summary>The handoff's clocks on a fake time provider: SLA warnings, the unclaimed notice, the 24-hour window for agents.</summary>
public sealed class HandoffTimerTests : IAsyncLifetime
{
    private readonly TempDirectory _directory = new();
    private readonly FakeTimeProvider _time = new(Some.Instant);
    private FakeWhatsAppApi _api = null!;
    private ServerApp _server = null!;

    public async Task InitializeAsync()
    {
        _api = await FakeWhatsAppApi.StartAsync(time: _time);
        _server = await ServerApp.StartAsync(_directory.File("chatrouter.db"), _api, time: _time, settings: new Dictionary<string, string?>
        {
            // The tests run the checks themselves; the background tick stays out of the way.
            ["Handoff:CheckInterval"] = "01:00:00",
            ["Handoff:UnclaimedTimeout"] = "00:15:00",
            ["Handoff:Sla:support"] = "00:02:00",
            ["Handoff:DefaultSla"] = "00:05:00",
        });
    }

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        await _api.DisposeAsync();
        _directory.Dispose();
    }

    private HandoffMonitor Monitor => _server.Services.GetRequiredService<HandoffMonitor>();

    private async Task<string> HandedOffAsync()
    {
        await _server.PostWhatsAppAsync(WhatsAppWebhooks.Message(WhatsAppWebhooks.Text("hi")));
        await _server.PostWhatsAppAsync(WhatsAppWebhooks.Message(WhatsAppWebhooks.Text("agent")));
        await _server.IdleAsync();
        await _api.WaitForRequestsAsync(2, TimeSpan.FromSeconds(20));
        return (await _server.Store.OpenHandoffsAsync(CancellationToken.None)).Single().Id;
    }

    private async Task<string> MetricsAsync() => await _server.Http.GetStringAsync("/metrics");

    [Fact]
    public async Task Check_PastTheQueuesSla_RaisesOneWarningMetric_AndRecordsIt()
    {
        var id = await HandedOffAsync();
        var queue = (await _server.Store.OpenHandoffsAsync(CancellationToken.None)).Single().Handoff!.Queue;
        var sla = queue == "support" ? TimeSpan.FromMinutes(2) : TimeSpan.FromMinutes(5);

        _time.Advance(sla - TimeSpan.FromSeconds(1));
        await Monitor.CheckAsync(CancellationToken.None);
        var before = await MetricsAsync();
        _time.Advance(TimeSpan.FromSeconds(2));
        await Monitor.CheckAsync(CancellationToken.None);
        await Monitor.CheckAsync(CancellationToken.None);

        before.Should().NotContain("chatrouter_handoff_sla_breaches_total{");
        (await MetricsAsync()).Should().Contain($"chatrouter_handoff_sla_breaches_total{{queue=\"{queue}\"}} 1");
        (await _server.Store.GetConversationAsync(id, CancellationToken.None))!.Handoff!.SlaWarnedAt.Should().Be(_time.GetUtcNow());
    }

    [Fact]
    public async Task Check_UnclaimedPastTheTimeout_TellsTheCustomerOnce_AndDowngrades()
    {
        var id = await HandedOffAsync();

        _time.Advance(TimeSpan.FromMinutes(14));
        await Monitor.CheckAsync(CancellationToken.None);
        await _server.SettledAsync();
        _api.Requests.Count.Should().Be(2, "not yet past the timeout");
        _time.Advance(TimeSpan.FromMinutes(2));
        await Monitor.CheckAsync(CancellationToken.None);
        await Monitor.CheckAsync(CancellationToken.None);
        var sent = await _api.WaitForRequestsAsync(3, TimeSpan.FromSeconds(20));
        await _server.SettledAsync();

        _api.Requests.Count.Should().Be(3);
        sent[2].Json.GetProperty("text").GetProperty("body").GetString().Should().StartWith("Sorry for the wait");
        var downgrade = (await _server.Services.GetRequiredService<IDowngradeStore>().ForConversationAsync(id, CancellationToken.None)).Should().ContainSingle().Subject;
        downgrade.Reason.Should().Be("handoff_unclaimed");
        downgrade.Text.Should().Contain("agent", "the ticket carries what the customer wrote");
        (await _server.Store.OpenHandoffsAsync(CancellationToken.None)).Should().ContainSingle("the customer still waits for a person");
    }

    [Fact]
    public async Task Check_ClaimedHandoff_GetsNoUnclaimedNotice()
    {
        var id = await HandedOffAsync();
        await _server.SendAsync(HttpMethod.Post, $"/api/handoffs/{id}/claim", ServerApp.AgentKey, new JsonObject());

        _time.Advance(TimeSpan.FromMinutes(30));
        await Monitor.CheckAsync(CancellationToken.None);
        await _server.SettledAsync();

        _api.Requests.Count.Should().Be(2);
        (await _server.Services.GetRequiredService<IDowngradeStore>().ForConversationAsync(id, CancellationToken.None)).Should().BeEmpty();
    }

    [Fact]
    public async Task Send_AfterTheWindowLapsed_Is409WithTheReasonAndTheAlternatives()
    {
        var id = await HandedOffAsync();
        await _server.SendAsync(HttpMethod.Post, $"/api/handoffs/{id}/claim", ServerApp.AgentKey, new JsonObject());

        _time.Advance(TimeSpan.FromHours(24) + TimeSpan.FromMinutes(1));
        var response = await _server.SendAsync(HttpMethod.Post, $"/api/conversations/{id}/messages", ServerApp.AgentKey, new JsonObject { ["text"] = "Sorry for the delay!" });
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        await _server.SettledAsync();

        response.StatusCode.Should().Be(HttpStatusCode.Conflict);
        body.GetProperty("reason").GetString().Should().Be("window_lapsed");
        body.GetProperty("alternatives").EnumerateArray().Select(a => a.GetProperty("type").GetString())
            .Should().Equal("whatsapp_template", "email_or_ticket", "note");
        _api.Requests.Count.Should().Be(2, "WhatsApp would refuse free text outside the window");
        var detail = JsonDocument.Parse(await (await _server.SendAsync(HttpMethod.Get, $"/api/conversations/{id}", ServerApp.AgentKey)).Content.ReadAsStringAsync()).RootElement;
        detail.GetProperty("window").GetProperty("open").GetBoolean().Should().BeFalse();
    }

    [Fact]
    public async Task FirstResponseAndResolution_AreMeasuredPerQueue()
    {
        var id = await HandedOffAsync();
        await _server.SendAsync(HttpMethod.Post, $"/api/handoffs/{id}/claim", ServerApp.AgentKey, new JsonObject());

        _time.Advance(TimeSpan.FromSeconds(90));
        await _server.SendAsync(HttpMethod.Post, $"/api/conversations/{id}/messages", ServerApp.AgentKey, new JsonObject { ["text"] = "Hi, I'm here." });
        _time.Advance(TimeSpan.FromMinutes(10));
        await _server.SendAsync(HttpMethod.Post, $"/api/handoffs/{id}/release", ServerApp.AgentKey, new JsonObject());
        var metrics = await MetricsAsync();

        metrics.Should().MatchRegex("chatrouter_handoff_first_response_seconds_sum\\{queue=\"[^\"]+\"\\} 90\\b");
        metrics.Should().MatchRegex("chatrouter_handoff_resolution_seconds_sum\\{queue=\"[^\"]+\"\\} 690\\b");
    }
}
