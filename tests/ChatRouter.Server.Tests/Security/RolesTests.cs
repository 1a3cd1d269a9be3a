using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using ChatRouter.Testing;

namespace ChatRouter.Server.Tests.Security;

/// <summary>What each role may do (README, "Roles"): a route a role may not use answers 403.</summary>
public sealed class RolesTests : IAsyncLifetime
{
    public const string CrmKey = "crm-key-0123456789abcdef";
    public const string AnalystKey = "analyst-key-0123456789abcdef";
    public const string TrainerKey = "trainer-key-0123456789abcdef";

    private readonly TempDirectory _directory = new();
    private ServerApp _server = null!;

    /// <summary>The extra keys: a crm, an analyst and a trainer key beside ServerApp's admin, agent and events keys.</summary>
    public static Dictionary<string, string?> Keys() => new()
    {
        ["Agents:ApiKeys:3:Key"] = CrmKey,
        ["Agents:ApiKeys:3:Role"] = "crm",
        ["Agents:ApiKeys:3:Name"] = "Shop backend",
        ["Agents:ApiKeys:4:Key"] = AnalystKey,
        ["Agents:ApiKeys:4:Role"] = "analyst",
        ["Agents:ApiKeys:4:Name"] = "Ana Lyst",
        ["Agents:ApiKeys:5:Key"] = TrainerKey,
        ["Agents:ApiKeys:5:Role"] = "trainer",
        ["Agents:ApiKeys:5:Name"] = "Tom Trainer",
    };

    public async Task InitializeAsync() => _server = await ServerApp.StartAsync(_directory.File("chatrouter.db"), settings: Keys());

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        _directory.Dispose();
    }

    public static TheoryData<string, string, string, HttpStatusCode> Routes() => new()
    {
        { CrmKey, "POST", "/api/events", HttpStatusCode.Accepted },
        { CrmKey, "PUT", "/api/profiles/%2B15551234567", HttpStatusCode.Created },
        { CrmKey, "GET", "/api/profiles/%2B15557654321", HttpStatusCode.NotFound },
        { CrmKey, "GET", "/api/handoffs", HttpStatusCode.Forbidden },
        { CrmKey, "GET", "/api/conversations/x", HttpStatusCode.Forbidden },
        { CrmKey, "GET", "/api/audit/outbound", HttpStatusCode.Forbidden },
        { CrmKey, "DELETE", "/api/profiles/%2B15557654321", HttpStatusCode.Forbidden },
        { ServerApp.EventsKey, "POST", "/api/events", HttpStatusCode.Accepted },
        { ServerApp.EventsKey, "GET", "/api/profiles/%2B15557654321", HttpStatusCode.Forbidden },
        { ServerApp.EventsKey, "PUT", "/api/profiles/%2B15551234567", HttpStatusCode.Forbidden },
        { ServerApp.AgentKey, "GET", "/api/profiles/%2B15557654321", HttpStatusCode.NotFound },
        { ServerApp.AgentKey, "GET", "/api/profiles/%2B15557654321/consent", HttpStatusCode.NotFound },
        { ServerApp.AgentKey, "PUT", "/api/profiles/%2B15551234567", HttpStatusCode.Forbidden },
        { ServerApp.AgentKey, "POST", "/api/profiles/%2B15551234567/consent", HttpStatusCode.Forbidden },
        { ServerApp.AgentKey, "POST", "/api/events", HttpStatusCode.Forbidden },
        { AnalystKey, "GET", "/api/profiles/%2B15557654321", HttpStatusCode.Forbidden },
        { AnalystKey, "GET", "/api/handoffs", HttpStatusCode.Forbidden },
        { AnalystKey, "POST", "/api/events", HttpStatusCode.Forbidden },
        { TrainerKey, "GET", "/api/profiles/%2B15557654321", HttpStatusCode.Forbidden },
        { TrainerKey, "GET", "/api/reports/delivery", HttpStatusCode.Forbidden },
        { TrainerKey, "GET", "/api/review", HttpStatusCode.OK },
        { ServerApp.AdminKey, "GET", "/api/review", HttpStatusCode.OK },
        { ServerApp.AgentKey, "GET", "/api/review", HttpStatusCode.Forbidden },
        { AnalystKey, "GET", "/api/review", HttpStatusCode.Forbidden },
        { CrmKey, "POST", "/api/review/x/label", HttpStatusCode.Forbidden },
        { ServerApp.AdminKey, "GET", "/api/audit/outbound", HttpStatusCode.OK },
        { ServerApp.AdminKey, "DELETE", "/api/profiles/%2B15557654321", HttpStatusCode.NotFound },
    };

    [Theory]
    [MemberData(nameof(Routes))]
    public async Task Route_ByRole_AllowedOrForbidden(string key, string method, string path, HttpStatusCode expected)
    {
        JsonNode? body = (method, path) switch
        {
            ("POST", "/api/events") => new JsonObject { ["type"] = "order.shipped", ["customer"] = new JsonObject { ["phone"] = "+15551234567" }, ["idempotencyKey"] = "k-" + Guid.NewGuid() },
            ("POST", _) => new JsonObject { ["purpose"] = "marketing", ["status"] = "granted" },
            ("PUT", _) => new JsonObject(),
            _ => null,
        };

        var response = await _server.SendAsync(new HttpMethod(method), path, key, body);
        await _server.SettledAsync();

        response.StatusCode.Should().Be(expected);
    }

    [Theory]
    [InlineData(CrmKey, "crm")]
    [InlineData(AnalystKey, "analyst")]
    [InlineData(TrainerKey, "trainer")]
    public async Task Me_NewRoles_AreAcceptedKeys(string key, string role)
    {
        var me = await _server.SendAsync(HttpMethod.Get, "/api/me", key);

        (await me.Content.ReadFromJsonAsync<JsonObject>())!["role"]!.GetValue<string>().Should().Be(role);
    }
}
