using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using ChatRouter.Server.Tests.Security;
using ChatRouter.Server.Tests.Proactive;
using ChatRouter.Testing;
using Xunit.Abstractions;

namespace ChatRouter.Server.Tests.Experiments;

/// <summary>
/// <c>GET /api/experiments</c> end to end on Kestrel and a LiteDB file: the bundled flows plus an experiment on the
/// order-delay notice (transactional, high urgency, so it goes at once), <c>order.delayed</c> to 60 customers
/// through <c>POST /api/events</c>, answers on WhatsApp from some, then the goal (<c>order.shipped</c>) for them, then the report.
/// </summary>
public sealed class ExperimentApiTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const int Customers = 60;
    private const string Experiment = "delay-copy";
    private readonly TempDirectory _directory = new();
    private FakeWhatsAppApi _whatsApp = null!;
    private ServerApp _server = null!;

    public async Task InitializeAsync()
    {
        var flows = _directory.File("flows");
        CopyFolder(RepoPaths.Flows, flows);
        await File.WriteAllTextAsync(Path.Combine(flows, "experiments", Experiment + ".json"), """
            {
              "name": "delay-copy",
              "status": "running",
              "target": { "flow": "order-delay", "reply": "order_delayed" },
              "goal": "order.shipped",
              "attributionWindow": "3d",
              "variants": [
                { "name": "control", "control": true, "weight": 50 },
                { "name": "apology-first", "weight": 50, "reply": { "en": "We're sorry: order *{{ slots.orderId }}* is late." }, "quickReplies": ["person", "ok"] }
              ]
            }
            """);

        _whatsApp = await FakeWhatsAppApi.StartAsync();
        // On the real clock: without relaxed guardrails the goal events would wait out quiet hours at night (UTC).
        var settings = GuardrailSettings.Relaxed(RolesTests.Keys());
        // Small minimums so 60 customers can reach a verdict; the defaults (100 and 10) are unit-tested.
        settings["Experiments:MinExposed"] = "5";
        settings["Experiments:MinConversions"] = "2";
        _server = await ServerApp.StartAsync(_directory.File("chatrouter.db"), _whatsApp, settings: settings, flowsPath: flows);
    }

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        await _whatsApp.DisposeAsync();
        _directory.Dispose();
    }

    private static string Phone(int i) => $"1555010{i:0000}";

    [Fact]
    public async Task Report_AfterSeededExposuresAndConversions_CountsEachArmAndNamesTheWinner()
    {
        for (var i = 0; i < Customers; i++) await PostEventAsync("order.delayed", Phone(i), "delay-" + i);
        await _server.SettledAsync();
        var exposures = (await _server.OutboxEntriesAsync()).Where(e => e.ReplyKey == "order_delayed").ToList();
        exposures.Should().HaveCount(Customers).And.OnlyContain(e => e.Experiment == Experiment);
        exposures.Where(e => e.Variant == "apology-first").Should().OnlyContain(e => e.Text.StartsWith("We're sorry: order *A-", StringComparison.Ordinal));
        exposures.Where(e => e.Variant == "control").Should().OnlyContain(e => e.Text.StartsWith("Sorry", StringComparison.Ordinal));
        var apology = exposures.Where(e => e.Variant == "apology-first").Select(e => e.To).ToList();
        var control = exposures.Where(e => e.Variant == "control").Select(e => e.To).ToList();

        // All but two of apology-first answer and convert; two of the control do.
        var converting = apology.Skip(2).Concat(control.Take(2)).ToList();
        foreach (var waId in converting) await SayAsync(waId, "OK, thanks");
        await _server.SettledAsync();
        foreach (var waId in converting) await PostEventAsync("order.shipped", waId, "shipped-" + waId);
        await _server.SettledAsync();

        var report = await JsonAsync("/api/experiments/" + Experiment, RolesTests.AnalystKey);
        output.WriteLine(report.ToString());

        report.GetProperty("status").GetString().Should().Be("running");
        var rows = report.GetProperty("variants").EnumerateArray().ToDictionary(v => v.GetProperty("variant").GetString()!);
        var controlRow = rows["control"];
        var apologyRow = rows["apology-first"];
        foreach (var field in new[] { "variant", "weight", "assigned", "sent", "delivered", "read", "replied", "converted", "optedOut", "conversionRate", "lift", "pValue" })
            apologyRow.TryGetProperty(field, out _).Should().BeTrue(field);
        (controlRow.GetProperty("assigned").GetInt32(), controlRow.GetProperty("converted").GetInt32(), controlRow.GetProperty("replied").GetInt32())
            .Should().Be((control.Count, 2, 2));
        (apologyRow.GetProperty("assigned").GetInt32(), apologyRow.GetProperty("converted").GetInt32(), apologyRow.GetProperty("sent").GetInt32())
            .Should().Be((apology.Count, apology.Count - 2, apology.Count));
        var expected = ChatRouter.Experiments.TwoProportionTest.Compare(2, control.Count, apology.Count - 2, apology.Count);
        apologyRow.GetProperty("lift").GetProperty("value").GetDouble().Should().BeApproximately(expected.Lift, 1e-12);
        apologyRow.GetProperty("lift").GetProperty("ci95")[0].GetDouble().Should().BeApproximately(expected.Low, 1e-12);
        apologyRow.GetProperty("pValue").GetDouble().Should().BeApproximately(expected.PValue, 1e-12);
        controlRow.GetProperty("lift").ValueKind.Should().Be(JsonValueKind.Null);
        report.GetProperty("verdict").GetString().Should().Be("winner:apology-first");

        var all = await JsonAsync("/api/experiments", ServerApp.AdminKey);
        all.EnumerateArray().Select(e => e.GetProperty("name").GetString()).Should().Equal(Experiment, "nps-question-copy");
        var audit = await JsonAsync("/api/audit/outbound?limit=1000", ServerApp.AdminKey);
        audit.GetProperty("records").EnumerateArray().Where(r => r.GetProperty("experiment").GetString() == Experiment).Should().HaveCount(Customers);
    }

    [Theory]
    [InlineData(ServerApp.AgentKey, HttpStatusCode.Forbidden)]
    [InlineData(null, HttpStatusCode.Unauthorized)]
    public async Task Report_WithoutAnAnalystOrAdminKey_IsRefused(string? key, HttpStatusCode status)
    {
        (await _server.SendAsync(HttpMethod.Get, "/api/experiments/" + Experiment, key)).StatusCode.Should().Be(status);
        (await _server.SendAsync(HttpMethod.Get, "/api/experiments", key)).StatusCode.Should().Be(status);
    }

    [Fact]
    public async Task Report_BeforeAnyExposure_IsInsufficientData_AndAnUnknownName404sWithTheKnownOnes()
    {
        var report = await JsonAsync("/api/experiments/" + Experiment, RolesTests.AnalystKey);
        var response = await _server.SendAsync(HttpMethod.Get, "/api/experiments/nps-copy", RolesTests.AnalystKey);

        report.GetProperty("verdict").GetString().Should().Be("insufficient_data");
        report.GetProperty("variants").EnumerateArray().Should().OnlyContain(v => v.GetProperty("assigned").GetInt32() == 0);
        response.StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await response.Content.ReadAsStringAsync()).Should().Contain("No experiment 'nps-copy' is loaded; known: delay-copy, nps-question-copy");
    }

    private async Task PostEventAsync(string type, string waId, string key)
    {
        var body = new JsonObject { ["type"] = type, ["customer"] = new JsonObject { ["phone"] = "+" + waId }, ["data"] = new JsonObject { ["orderId"] = "A-" + waId }, ["idempotencyKey"] = key };
        var response = await _server.SendAsync(HttpMethod.Post, "/api/events", ServerApp.EventsKey, body);
        response.StatusCode.Should().Be(HttpStatusCode.Accepted, await response.Content.ReadAsStringAsync());
    }

    private async Task SayAsync(string waId, string text) =>
        (await _server.PostWhatsAppAsync(WhatsAppWebhooks.Messages(WhatsAppWebhooks.Contact(waId: waId), WhatsAppWebhooks.Text(text, from: waId)))).EnsureSuccessStatusCode();

    private async Task<JsonElement> JsonAsync(string path, string key)
    {
        var response = await _server.SendAsync(HttpMethod.Get, path, key);
        response.StatusCode.Should().Be(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
    }

    private static void CopyFolder(string from, string to)
    {
        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(to, Path.GetRelativePath(from, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }
}
