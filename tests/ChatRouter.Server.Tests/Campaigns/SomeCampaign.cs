using System.Text.Json;
using System.Text.Json.Nodes;
using ChatRouter.Server.Campaigns;
using ChatRouter.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace ChatRouter.Server.Tests.Campaigns;

/// <summary>Campaign bodies, the crm and analyst keys, and the wait for a campaign to be written and sent.</summary>
internal static class SomeCampaign
{
    public const string CrmKey = "crm-key-0123456789abcdef";
    public const string AnalystKey = "analyst-key-0123456789abcdef";

    /// <summary>The server's settings with a crm and an analyst key added, then <paramref name="more"/>.</summary>
    public static Dictionary<string, string?> Settings(params (string Key, string Value)[] more)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Agents:ApiKeys:3:Key"] = CrmKey,
            ["Agents:ApiKeys:3:Role"] = "crm",
            ["Agents:ApiKeys:3:Name"] = "Shop CRM",
            ["Agents:ApiKeys:4:Key"] = AnalystKey,
            ["Agents:ApiKeys:4:Role"] = "analyst",
            ["Agents:ApiKeys:4:Name"] = "Ana Analyst",
        };
        foreach (var (key, value) in more) settings[key] = value;
        return settings;
    }

    public static JsonObject Body(string key, JsonObject audience, string type = "order.shipped") => new()
    {
        ["name"] = "Shipped today",
        ["event"] = type,
        ["data"] = new JsonObject { ["orderId"] = "A1001", ["carrier"] = "DHL" },
        ["audience"] = audience,
        ["idempotencyKey"] = key,
    };

    public static JsonObject Phones(params string[] phones) => new() { ["phones"] = new JsonArray([.. phones.Select(p => (JsonNode)p)]) };

    public static Task<HttpResponseMessage> PostAsync(this ServerApp server, JsonObject body, string key = CrmKey) =>
        server.SendAsync(HttpMethod.Post, "/api/campaigns", key, body);

    public static async Task<JsonElement> JsonAsync(this HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

    /// <summary>Waits until every campaign is in the inbox and the server has nothing left to do now.</summary>
    public static async Task ExpandedAsync(this ServerApp server)
    {
        await server.Services.GetRequiredService<CampaignExpander>().WhenIdleAsync();
        await server.SettledAsync();
    }
}
