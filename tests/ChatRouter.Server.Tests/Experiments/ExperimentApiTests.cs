using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using ChatRouter.Server.Tests.Security;
using ChatRouter.Testing;
using Xunit.Abstractions;

namespace ChatRouter.Server.Tests.Experiments;

/// <summary>
/// <c>GET /api/experiments</c> end to end on Kestrel and a LiteDB file: the bundled NPS flow with the bundled
/// example experiment set running, NPS requests to 60 customers through <c>POST /api/events</c>, answers on
/// WhatsApp from some (each completed survey emits the goal, <c>nps.recorded</c>), then the report.
/// </summary>
public sealed class ExperimentApiTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const int Customers = 60;
    private const string Experiment = "nps-question-copy";
    private readonly TempDirectory _directory = new();
    private FakeWhatsAppApi _whatsApp = null!;
    private ServerApp _server = null!;

    public async Task InitializeAsync()
    {
        var flows = _directory.File("flows");
        CopyFolder(RepoPaths.Flows, flows);
        var file = Path.Combine(flows, "experiments", Experiment + ".json");
        var experiment = JsonNode.Parse(await File.ReadAllTextAsync(file))!;
        experiment["status"] = "running";
        await File.WriteAllTextAsync(file, experiment.ToJsonString());

        _whatsApp = await FakeWhatsAppApi.StartAsync();
        var settings = RolesTests.Keys();
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
    public async Task Report_AfterSeededExposuresAndAnswers_CountsEachArmAndNamesTheWinner()
    {
        for (var i = 0; i < Customers; i++)
        {
            var body = new JsonObject { ["type"] = "nps.requested", ["customer"] = new JsonObject { ["phone"] = "+" + Phone(i) }, ["data"] = new JsonObject(), ["idempotencyKey"] = "nps-" + i };
            (await _server.SendAsync(HttpMethod.Post, "/api/events", ServerApp.EventsKey, body)).StatusCode.Should().Be(HttpStatusCode.Accepted);
        }

        await _server.SettledAsync();
        var exposures = (await _server.OutboxEntriesAsync()).Where(e => e.ReplyKey == "nps_question").ToList();
        exposures.Should().HaveCount(Customers).And.OnlyContain(e => e.Experiment == Experiment);
        exposures.Where(e => e.Variant == "one-tap").Should().OnlyContain(e => e.Text.Contains("One quick question", StringComparison.Ordinal));
        exposures.Where(e => e.Variant == "control").Should().OnlyContain(e => e.Text.Contains("On a scale from 0 to 10", StringComparison.Ordinal));
        var oneTap = exposures.Where(e => e.Variant == "one-tap").Select(e => e.To).ToList();
        var control = exposures.Where(e => e.Variant == "control").Select(e => e.To).ToList();

        // All but two of one-tap answer the survey (a score, then feedback); two of the control do.
        var answering = oneTap.Skip(2).Concat(control.Take(2)).ToList();
        foreach (var waId in answering) await SayAsync(waId, "8");
        foreach (var waId in answering) await SayAsync(waId, "Faster delivery");
        await _server.SettledAsync();

        var report = await JsonAsync("/api/experiments/" + Experiment, RolesTests.AnalystKey);
        output.WriteLine(report.ToString());

        report.GetProperty("status").GetString().Should().Be("running");
        var rows = report.GetProperty("variants").EnumerateArray().ToDictionary(v => v.GetProperty("variant").GetString()!);
        var controlRow = rows["control"];
        var oneTapRow = rows["one-tap"];
        foreach (var field in new[] { "variant", "weight", "assigned", "sent", "delivered", "read", "replied", "converted", "optedOut", "conversionRate", "lift", "pValue" })
            oneTapRow.TryGetProperty(field, out _).Should().BeTrue(field);
        (controlRow.GetProperty("assigned").GetInt32(), controlRow.GetProperty("converted").GetInt32(), controlRow.GetProperty("replied").GetInt32())
            .Should().Be((control.Count, 2, 2));
        (oneTapRow.GetProperty("assigned").GetInt32(), oneTapRow.GetProperty("converted").GetInt32(), oneTapRow.GetProperty("sent").GetInt32())
            .Should().Be((oneTap.Count, oneTap.Count - 2, oneTap.Count));
        var expected = ChatRouter.Experiments.TwoProportionTest.Compare(2, control.Count, oneTap.Count - 2, oneTap.Count);
        oneTapRow.GetProperty("lift").GetProperty("value").GetDouble().Should().BeApproximately(expected.Lift, 1e-12);
        oneTapRow.GetProperty("lift").GetProperty("ci95")[0].GetDouble().Should().BeApproximately(expected.Low, 1e-12);
        oneTapRow.GetProperty("pValue").GetDouble().Should().BeApproximately(expected.PValue, 1e-12);
        controlRow.GetProperty("lift").ValueKind.Should().Be(JsonValueKind.Null);
        report.GetProperty("verdict").GetString().Should().Be("winner:one-tap");

        var all = await JsonAsync("/api/experiments", ServerApp.AdminKey);
        all.EnumerateArray().Select(e => e.GetProperty("name").GetString()).Should().Equal(Experiment);
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
        (await response.Content.ReadAsStringAsync()).Should().Contain("No experiment 'nps-copy' is loaded; known: nps-question-copy");
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
