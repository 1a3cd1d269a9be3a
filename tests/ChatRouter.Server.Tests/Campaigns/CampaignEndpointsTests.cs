using System.Net;
using System.Text.Json.Nodes;
using ChatRouter.Audit;
using ChatRouter.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace ChatRouter.Server.Tests.Campaigns;

/// <summary><c>POST /api/campaigns</c> and <c>GET /api/campaigns/{id}</c> on the real server, with a fake Cloud API.</summary>
public sealed class CampaignEndpointsTests : IAsyncLifetime
{
    private readonly TempDirectory _directory = new();
    private readonly FakeTimeProvider _time = new(Some.Instant);
    private FakeWhatsAppApi _api = null!;
    private ServerApp _server = null!;

    public async Task InitializeAsync()
    {
        _api = await FakeWhatsAppApi.StartAsync(time: _time);
        _server = await ServerApp.StartAsync(_directory.File("chatrouter.db"), _api, time: _time, settings: SomeCampaign.Settings());
    }

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        await _api.DisposeAsync();
        _directory.Dispose();
    }

    [Theory]
    [InlineData(null, HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized)]
    [InlineData(ServerApp.AgentKey, HttpStatusCode.Forbidden, HttpStatusCode.Forbidden)]
    [InlineData(ServerApp.EventsKey, HttpStatusCode.Forbidden, HttpStatusCode.Forbidden)]
    [InlineData(SomeCampaign.AnalystKey, HttpStatusCode.Forbidden, HttpStatusCode.OK)]
    [InlineData(SomeCampaign.CrmKey, HttpStatusCode.Accepted, HttpStatusCode.OK)]
    [InlineData(ServerApp.AdminKey, HttpStatusCode.Accepted, HttpStatusCode.OK)]
    public async Task Campaigns_CrmAndAdminPost_AnalystsAlsoRead(string? key, HttpStatusCode post, HttpStatusCode get)
    {
        var seeded = await (await _server.PostAsync(SomeCampaign.Body("seed", SomeCampaign.Phones("+15550101001")), ServerApp.AdminKey)).JsonAsync();

        var posted = await _server.PostAsync(SomeCampaign.Body("k-" + key, SomeCampaign.Phones("+15550101002")), key!);
        var read = await _server.SendAsync(HttpMethod.Get, $"/api/campaigns/{seeded.GetProperty("campaignId").GetString()}", key);

        (posted.StatusCode, read.StatusCode).Should().Be((post, get));
    }

    [Fact]
    public async Task Post_PhonesInAnyFormat_EachPersonGetsOneEventAndOneMessage()
    {
        var audience = SomeCampaign.Phones("+1 555 010 1001", "(555) 010-1002", "+15550101001", "+1 (555) 010-1003");

        var response = await _server.PostAsync(SomeCampaign.Body("shipped-1", audience));
        var accepted = await response.JsonAsync();
        await _server.ExpandedAsync();
        var id = accepted.GetProperty("campaignId").GetString()!;
        var report = await (await _server.SendAsync(HttpMethod.Get, $"/api/campaigns/{id}", SomeCampaign.AnalystKey)).JsonAsync();

        response.StatusCode.Should().Be(HttpStatusCode.Accepted);
        response.Headers.Location!.ToString().Should().Be($"/api/campaigns/{id}");
        (accepted.GetProperty("audience").GetInt32(), accepted.GetProperty("status").GetString()).Should().Be((3, "accepted"));
        _api.Requests.Snapshot().Select(r => r.To!.TrimStart('+')).Should().BeEquivalentTo(["15550101001", "15550101002", "15550101003"]);
        (await _server.Inbox.FindAsync($"event:campaign:{id}:+15550101002", CancellationToken.None)).Should().NotBeNull("each member is one event keyed by campaign and phone");
        (report.GetProperty("audience").GetInt32(), report.GetProperty("expanded").GetInt32(), report.GetProperty("state").GetString()).Should().Be((3, 3, "expanded"));
        report.GetProperty("decisions").EnumerateObject().Select(p => p.Name).Should().Contain(["sent", "deferred", "digested", "capped", "suppressed", "expired", "downgraded", "failed"]);
    }

    [Fact]
    public async Task Post_SameKeyTwice_AnswersWithTheFirstCampaign_AndSendsOnce()
    {
        var first = await (await _server.PostAsync(SomeCampaign.Body("same", SomeCampaign.Phones("+15550101001")))).JsonAsync();
        var second = await (await _server.PostAsync(SomeCampaign.Body("same", SomeCampaign.Phones("+15550101001", "+15550101002")))).JsonAsync();
        await _server.ExpandedAsync();

        second.GetProperty("campaignId").GetString().Should().Be(first.GetProperty("campaignId").GetString());
        (second.GetProperty("status").GetString(), second.GetProperty("audience").GetInt32()).Should().Be(("duplicate", 1));
        _api.Requests.Count.Should().Be(1);
    }

    [Fact]
    public async Task Post_AttributeAudience_ReachesTheProfilesThatMatch()
    {
        await Profile("+15550102001", "gold");
        await Profile("+15550102002", "silver");
        await Profile("+15550102003", "gold");

        var accepted = await (await _server.PostAsync(SomeCampaign.Body("gold", new JsonObject { ["attributes"] = new JsonObject { ["tier"] = "gold" } }))).JsonAsync();
        await _server.ExpandedAsync();

        accepted.GetProperty("audience").GetInt32().Should().Be(2);
        _api.Requests.Snapshot().Select(r => r.To!.TrimStart('+')).Should().BeEquivalentTo(["15550102001", "15550102003"]);
    }

    [Theory]
    [InlineData("""{"name":"x","event":"order.shipped","idempotencyKey":"k"}""", "audience", "phones")]
    [InlineData("""{"name":"x","event":"order.shipped","idempotencyKey":"k","audience":{"phones":["+15550101001","call me"]}}""", "audience.phones[1]", "call me")]
    [InlineData("""{"name":"x","event":"order.shiped","idempotencyKey":"k","audience":{"phones":["+15550101001"]}}""", "event", "order.shipped")]
    [InlineData("""{"name":"x","event":"order.shipped","idempotencyKey":"k","audience":{"phones":["+15550101001"]},"sendAt":{"at":"2026-01-15T11:00:00Z"}}""", "sendAt.at", "in the past")]
    [InlineData("""{"name":"x","event":"order.shipped","idempotencyKey":"k","audience":{"phones":["+15550101001"]},"sendAt":{"localTime":"25:00"}}""", "sendAt.localTime", "HH:mm")]
    [InlineData("""{"name":"x","event":"order.shipped","idempotencyKey":"k","audience":{"phones":[]}}""", "audience.phones", "non-empty")]
    [InlineData("""{"name":"x","event":"order.shipped","idempotencyKey":"k","audience":{"attributes":{"tier":"platinum"}}}""", "audience.attributes", "no profile has tier = 'platinum'")]
    [InlineData("""{"event":"order.shipped","audience":{"phones":["+15550101001"]}}""", "idempotencyKey", "required")]
    public async Task Post_BadInput_400NamesTheFieldAndTheFix(string body, string field, string fix)
    {
        using var content = new StringContent(body, System.Text.Encoding.UTF8, "application/json");
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/campaigns") { Content = content };
        request.Headers.Authorization = new("Bearer", SomeCampaign.CrmKey);

        var response = await _server.Http.SendAsync(request);
        var errors = (await response.JsonAsync()).GetProperty("errors");

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        errors.GetProperty(field)[0].GetString().Should().Contain(fix);
        _api.Requests.Count.Should().Be(0);
    }

    [Fact]
    public async Task Get_UnknownCampaign_Is404()
    {
        var response = await _server.SendAsync(HttpMethod.Get, "/api/campaigns/nope", SomeCampaign.CrmKey);

        response.StatusCode.Should().Be(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Get_CountsTheCampaignsAuditRecordsByDecisionDeliveryAndRead()
    {
        var id = (await (await _server.PostAsync(SomeCampaign.Body("counted", SomeCampaign.Phones("+15550101001")))).JsonAsync()).GetProperty("campaignId").GetString()!;
        await _server.ExpandedAsync();
        // The member's own record (the gate's "sent", not yet delivered) plus records as the gate writes them for others.
        var audit = _server.Services.GetRequiredService<IAuditStore>();
        await audit.AddAsync(
        [
            Record("r1", id, "sent", "read"), Record("r2", id, "sent", "delivered"), Record("r3", id, "deferred", "queued"),
            Record("r4", id, "capped", null), Record("r5", id, "failed", "failed"), Record("r6", "other", "sent", "read"),
        ], CancellationToken.None);

        var report = await (await _server.SendAsync(HttpMethod.Get, $"/api/campaigns/{id}", SomeCampaign.CrmKey)).JsonAsync();
        var decisions = report.GetProperty("decisions");

        (decisions.GetProperty("sent").GetInt32(), decisions.GetProperty("deferred").GetInt32(), decisions.GetProperty("capped").GetInt32(), decisions.GetProperty("expired").GetInt32()).Should().Be((3, 1, 1, 0));
        (report.GetProperty("delivered").GetInt32(), report.GetProperty("read").GetInt32(), report.GetProperty("failed").GetInt32()).Should().Be((2, 1, 1));
    }

    [Fact]
    public async Task Get_AfterTheGate_EveryMemberHasOneDecision()
    {
        var id = (await (await _server.PostAsync(SomeCampaign.Body("gated", SomeCampaign.Phones("+15550101001", "+15550101002")))).JsonAsync()).GetProperty("campaignId").GetString()!;
        await _server.ExpandedAsync();

        var report = await (await _server.SendAsync(HttpMethod.Get, $"/api/campaigns/{id}", SomeCampaign.CrmKey)).JsonAsync();

        report.GetProperty("decisions").EnumerateObject().Sum(p => p.Value.GetInt32()).Should().Be(2);
    }

    private static AuditRecord Record(string id, string campaign, string decision, string? status) => new()
    {
        Id = id, At = Some.Instant, CustomerId = "p-" + id, Channel = "whatsapp", BusinessNumber = WhatsAppWebhooks.PhoneNumberId,
        Kind = AuditKinds.Proactive, Purpose = "transactional:order.shipped", CampaignId = campaign, Decision = decision, Status = status,
    };

    private Task Profile(string phone, string tier)
    {
        var profile = new Profiles.CustomerProfile { Id = "p" + phone[^4..], Phone = phone, Identities = ["whatsapp:" + phone[1..]], CreatedAt = Some.Instant.AddDays(-1) };
        profile.Attributes["tier"] = tier;
        return _server.Store.SaveProfileAsync(profile, [], CancellationToken.None);
    }
}
