using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using ChatRouter.Server.Tests.Security;
using ChatRouter.Testing;

namespace ChatRouter.Server.Tests.Insight;

/// <summary><c>GET /api/reports/kpis</c>: figures from the stored records, through a restart, and bad input.</summary>
public sealed class KpiApiTests : IAsyncLifetime
{
    private const string Customer = "+16505550101";
    private readonly TempDirectory _directory = new();
    private FakeWhatsAppApi _api = null!;
    private ServerApp _server = null!;

    private static Dictionary<string, string?> Settings()
    {
        var settings = RolesTests.Keys();
        settings["Reports:Goals:0"] = "order.delayed";
        settings["Reports:AttributionWindow"] = "3.00:00:00";
        settings["Reports:MaxRange"] = "31.00:00:00";
        // Today is never settled: every request computes it again.
        settings["Reports:RefreshInterval"] = "00:00:00";
        return settings;
    }

    public async Task InitializeAsync()
    {
        _api = await FakeWhatsAppApi.StartAsync();
        _server = await ServerApp.StartAsync(_directory.File("chatrouter.db"), _api, settings: Settings());
        // A proactive template (order.shipped), the customer's answer, then the goal event (order.delayed, which
        // POST /api/events accepts because a flow starts on it; its own message comes after it): one conversion.
        await PostEventAsync("order.shipped", "ship-1", new JsonObject { ["orderId"] = "A1001", ["carrier"] = "DHL" });
        await _server.PostWhatsAppAsync(WhatsAppWebhooks.Messages(WhatsAppWebhooks.Contact(waId: "16505550101"), WhatsAppWebhooks.Text("hi", from: "16505550101")));
        await _server.SettledAsync();
        await PostEventAsync("order.delayed", "delay-1", new JsonObject { ["orderId"] = "A1001", ["newEta"] = "2026-12-24" });
    }

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        await _api.DisposeAsync();
        _directory.Dispose();
    }

    private async Task PostEventAsync(string type, string key, JsonObject data)
    {
        var body = new JsonObject { ["type"] = type, ["customer"] = new JsonObject { ["phone"] = Customer }, ["data"] = data, ["idempotencyKey"] = key };
        var response = await _server.SendAsync(HttpMethod.Post, "/api/events", ServerApp.EventsKey, body);
        response.StatusCode.Should().Be(HttpStatusCode.Accepted, await response.Content.ReadAsStringAsync());
        await _server.SettledAsync();
    }

    private async Task<(HttpStatusCode Status, JsonElement Body)> GetAsync(string query, string key = RolesTests.AnalystKey)
    {
        var response = await _server.SendAsync(HttpMethod.Get, "/api/reports/kpis" + query, key);
        var text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone());
    }

    private static JsonElement Row(JsonElement answer, string key) =>
        answer.GetProperty("rows").EnumerateArray().Single(r => r.GetProperty("key").GetString() == key);

    private static string Today => TimeProvider.System.GetUtcNow().UtcDateTime.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    [Fact]
    public async Task ByDay_CountsTheProactiveSend_TheReply_AndTheConversion_WithEveryContractField()
    {
        var (status, answer) = await GetAsync("?groupBy=day");

        status.Should().Be(HttpStatusCode.OK);
        var row = Row(answer, Today);
        foreach (var field in new[] { "key", "sent", "delivered", "read", "replied", "failed", "optedOut", "conversions", "handoffs", "conversations", "deliveryRate", "readRate", "replyRate", "optOutRate", "conversionRate", "containmentRate", "intentResolutionRate", "firstResponseSeconds", "resolutionSeconds" })
            row.TryGetProperty(field, out _).Should().BeTrue(field);
        row.GetProperty("firstResponseSeconds").TryGetProperty("p90", out _).Should().BeTrue();
        row.GetProperty("sent").GetInt64().Should().BeGreaterThanOrEqualTo(2, "the template and the bot's reply to 'hi'");
        row.GetProperty("replied").GetInt64().Should().BeGreaterThanOrEqualTo(1, "the customer answered the template");
        row.GetProperty("conversions").GetInt64().Should().Be(1);
        var proactive = row.GetProperty("proactiveSent").GetInt64();
        proactive.Should().BeGreaterThanOrEqualTo(1);
        row.GetProperty("conversionRate").GetDouble().Should().BeApproximately(1.0 / proactive, 0.0001);
        row.GetProperty("conversations").GetInt64().Should().Be(1);
        row.GetProperty("containmentRate").GetDouble().Should().Be(1.0, "no handoff");
    }

    [Fact]
    public async Task ByTemplate_CreditsTheConversionToTheTemplate_AndAnAdHocWindowCountsItToo()
    {
        var (_, stored) = await GetAsync("?groupBy=template");
        var (_, adHoc) = await GetAsync("?groupBy=template&goal=order.delayed&window=1h");
        var (_, otherGoal) = await GetAsync("?groupBy=template&goal=order.cancelled");

        Row(stored, "order_shipped").GetProperty("conversions").GetInt64().Should().Be(1);
        Row(adHoc, "order_shipped").GetProperty("conversions").GetInt64().Should().Be(1);
        adHoc.GetProperty("windowHours").GetDouble().Should().Be(1);
        Row(otherGoal, "order_shipped").GetProperty("conversions").GetInt64().Should().Be(0);
    }

    [Fact]
    public async Task ALaterFact_OnAnUnsettledDay_IsCountedByTheNextRequest()
    {
        var (_, before) = await GetAsync("?groupBy=day");
        await _server.PostWhatsAppAsync(WhatsAppWebhooks.Messages(WhatsAppWebhooks.Contact(waId: "16505550199"), WhatsAppWebhooks.Text("hi", from: "16505550199")));
        await _server.SettledAsync();

        var (_, after) = await GetAsync("?groupBy=day");

        Row(after, Today).GetProperty("conversations").GetInt64().Should().Be(Row(before, Today).GetProperty("conversations").GetInt64() + 1);
    }

    [Fact]
    public async Task AfterARestart_TheSameFigures_FromTheStoredRecords()
    {
        var (_, before) = await GetAsync("?groupBy=flow");
        await _server.DisposeAsync();
        _server = await ServerApp.StartAsync(_directory.File("chatrouter.db"), _api, settings: Settings());

        var (_, after) = await GetAsync("?groupBy=flow");

        after.GetProperty("rows").GetRawText().Should().Be(before.GetProperty("rows").GetRawText());
        before.GetProperty("rows").GetArrayLength().Should().BeGreaterThan(0);
    }

    [Theory]
    [InlineData("?groupBy=week", "groupBy", "day, flow, template, variant, locale, category")]
    [InlineData("?since=2026-02-10&until=2026-02-01", "since", "after until")]
    [InlineData("?since=2026-01-01&until=2026-03-01", "until", "Reports:MaxRange")]
    [InlineData("?since=yesterday", "since", "2026-01-15")]
    [InlineData("?goal=order.delayed&window=forever", "window", "3d")]
    public async Task BadInput_400NamesTheParameterAndTheFix(string query, string field, string hint)
    {
        var (status, problem) = await GetAsync(query);

        status.Should().Be(HttpStatusCode.BadRequest);
        problem.GetProperty("errors").GetProperty(field)[0].GetString().Should().Contain(hint);
    }

    [Theory]
    [InlineData(ServerApp.AdminKey, HttpStatusCode.OK)]
    [InlineData(ServerApp.AgentKey, HttpStatusCode.Forbidden)]
    [InlineData(RolesTests.CrmKey, HttpStatusCode.Forbidden)]
    public async Task OnlyAnalystsAndAdmins_ReadReports(string key, HttpStatusCode expected)
    {
        (await GetAsync("", key)).Status.Should().Be(expected);
    }
}
