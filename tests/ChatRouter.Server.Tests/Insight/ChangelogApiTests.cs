using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using ChatRouter.Server.Tests.Security;
using ChatRouter.Testing;

namespace ChatRouter.Server.Tests.Insight;

/// <summary><c>GET /api/changelog</c>: what serve loads is recorded once per content, with what changed named.</summary>
public sealed class ChangelogApiTests : IAsyncLifetime
{
    private readonly TempDirectory _directory = new();
    private readonly TempDirectory _flows = new();
    private FakeWhatsAppApi _api = null!;
    private ServerApp _server = null!;

    public async Task InitializeAsync()
    {
        CopyDirectory(RepoPaths.Flows, _flows.Path);
        _api = await FakeWhatsAppApi.StartAsync();
        _server = await StartAsync();
    }

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        await _api.DisposeAsync();
        _directory.Dispose();
        _flows.Dispose();
    }

    private Task<ServerApp> StartAsync() => ServerApp.StartAsync(_directory.File("chatrouter.db"), _api, settings: RolesTests.Keys(), flowsPath: _flows.Path);

    private async Task<JsonElement[]> ChangelogAsync(string query = "")
    {
        var response = await _server.SendAsync(HttpMethod.Get, "/api/changelog" + query, RolesTests.AnalystKey);
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        return [.. JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone().EnumerateArray()];
    }

    private static string Of(JsonElement entry, string field) => entry.GetProperty(field).GetString()!;

    [Fact]
    public async Task AtStart_EveryFlowRepliesAndTemplate_WithTheContractsFields()
    {
        var entries = await ChangelogAsync();

        entries.Select(e => (Of(e, "kind"), Of(e, "id"))).Should().Contain([("flow", "order-status"), ("replies", "order-status"), ("replies", "_shared"), ("whatsapp_template", "order_shipped|en")]);
        var flow = entries.First(e => Of(e, "kind") == "flow" && Of(e, "id") == "order-status");
        Of(flow, "version").Should().Be("1");
        Of(flow, "hash").Should().MatchRegex("^[0-9a-f]{64}$");
        Of(flow, "summary").Should().StartWith("first loaded");
        flow.TryGetProperty("at", out _).Should().BeTrue();
    }

    [Fact]
    public async Task ARestart_WithTheSameContent_RecordsNothing_AndAChange_NamesTheStateAndTheKey()
    {
        var before = await ChangelogAsync();
        await _server.DisposeAsync();
        _server = await StartAsync();
        (await ChangelogAsync()).Should().HaveCount(before.Length);

        var replies = Path.Combine(_flows.Path, "order-status", "en.json");
        var texts = JsonNode.Parse(await File.ReadAllTextAsync(replies))!.AsObject();
        texts["ask_order_id"] = "What is your order number?";
        await File.WriteAllTextAsync(replies, texts.ToJsonString());
        var flowFile = Path.Combine(_flows.Path, "order-status", "flow.json");
        var flow = JsonNode.Parse(await File.ReadAllTextAsync(flowFile))!.AsObject();
        flow["states"]!["ask_order_id"]!["description"] = "asks for the number, shorter copy";
        await File.WriteAllTextAsync(flowFile, flow.ToJsonString());
        await _server.DisposeAsync();
        var restartedAt = TimeProvider.System.GetUtcNow();
        _server = await StartAsync();

        var added = (await ChangelogAsync()).Skip(before.Length).ToList();
        added.Select(e => (Of(e, "kind"), Of(e, "id"))).Should().BeEquivalentTo([("flow", "order-status"), ("replies", "order-status")]);
        Of(added.Single(e => Of(e, "kind") == "replies"), "summary").Should().Be("changed: en:ask_order_id");
        Of(added.Single(e => Of(e, "kind") == "flow"), "summary").Should().Be("changed: state:ask_order_id");
        (await ChangelogAsync("?since=" + Uri.EscapeDataString(restartedAt.ToString("O")))).Should().HaveCount(2);
    }

    [Fact]
    public async Task AuditRecords_CarryTheReplyTemplateSetInForce()
    {
        await _server.PostWhatsAppAsync(WhatsAppWebhooks.Messages(WhatsAppWebhooks.Contact(waId: "15550101"), WhatsAppWebhooks.Text("hi", from: "15550101")));
        await _server.SettledAsync();
        var entries = await ChangelogAsync();

        var response = await _server.SendAsync(HttpMethod.Get, "/api/audit/outbound", ServerApp.AdminKey);
        var record = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("records")[0];

        var flow = record.GetProperty("flow").GetProperty("id").GetString();
        var replies = record.GetProperty("replies");
        Of(replies, "id").Should().Be(flow);
        Of(replies, "hash").Should().Be(Of(entries.Last(e => Of(e, "kind") == "replies" && Of(e, "id") == flow), "hash"));
    }

    [Fact]
    public async Task BadSince_400_AndOtherRoles_403()
    {
        (await _server.SendAsync(HttpMethod.Get, "/api/changelog?since=last-week", RolesTests.AnalystKey)).StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await _server.SendAsync(HttpMethod.Get, "/api/changelog", ServerApp.AgentKey)).StatusCode.Should().Be(HttpStatusCode.Forbidden);
    }

    private static void CopyDirectory(string from, string to)
    {
        foreach (var directory in Directory.GetDirectories(from, "*", SearchOption.AllDirectories)) Directory.CreateDirectory(directory.Replace(from, to, StringComparison.Ordinal));
        foreach (var file in Directory.GetFiles(from, "*", SearchOption.AllDirectories)) File.Copy(file, file.Replace(from, to, StringComparison.Ordinal), overwrite: true);
    }
}
