using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using ChatRouter.Server.Tests.Proactive;
using ChatRouter.Testing;

namespace ChatRouter.Server.Tests.Events;

public sealed partial class EventEndpointsTests : IAsyncLifetime
{
    private readonly TempDirectory _directory = new();
    private FakeWhatsAppApi _api = null!;
    private ServerApp _server = null!;

    public async Task InitializeAsync()
    {
        _api = await FakeWhatsAppApi.StartAsync();
        _server = await ServerApp.StartAsync(_directory.File("chatrouter.db"), _api, settings: GuardrailSettings.Relaxed());
    }

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        await _api.DisposeAsync();
        _directory.Dispose();
    }

    private static JsonObject Shipped(string key) => new()
    {
        ["type"] = "order.shipped",
        ["customer"] = new JsonObject { ["phone"] = "+16505550101" },
        ["data"] = new JsonObject { ["orderId"] = "A1001", ["carrier"] = "DHL" },
        ["idempotencyKey"] = key,
    };

    [Theory]
    [InlineData(null, HttpStatusCode.Unauthorized)]
    [InlineData("not-a-configured-key-at-all", HttpStatusCode.Unauthorized)]
    [InlineData(ServerApp.AgentKey, HttpStatusCode.Forbidden)]
    [InlineData(ServerApp.EventsKey, HttpStatusCode.Accepted)]
    [InlineData(ServerApp.AdminKey, HttpStatusCode.Accepted)]
    public async Task Post_OnlyEventsAndAdminKeysMayPost(string? key, HttpStatusCode expected)
    {
        var response = await _server.SendAsync(HttpMethod.Post, "/api/events", key, Shipped("k-" + key));

        response.StatusCode.Should().Be(expected);
    }

    [Fact]
    public async Task Post_SameKeyTwice_IsAcceptedOnceAndSentOnce()
    {
        var first = await _server.SendAsync(HttpMethod.Post, "/api/events", ServerApp.EventsKey, Shipped("ship-1"));
        var second = await _server.SendAsync(HttpMethod.Post, "/api/events", ServerApp.EventsKey, Shipped("ship-1"));
        await _server.SettledAsync();
        var sent = _api.Requests.Snapshot();

        JsonDocument.Parse(await first.Content.ReadAsStringAsync()).RootElement.GetProperty("status").GetString().Should().Be("accepted");
        JsonDocument.Parse(await second.Content.ReadAsStringAsync()).RootElement.GetProperty("status").GetString().Should().Be("duplicate");
        _api.Requests.Count.Should().Be(1);
        sent[0].Json.GetProperty("type").GetString().Should().Be("template", "the customer never wrote, so only a WhatsApp message template may go");
        sent[0].Json.GetRawText().Should().Contain("A1001");
    }

    [Fact]
    public async Task Post_InvalidBody_ListsEveryProblem()
    {
        var response = await _server.SendAsync(HttpMethod.Post, "/api/events", ServerApp.EventsKey, new JsonObject
        {
            ["type"] = "Order Shipped!",
            ["customer"] = new JsonObject { ["phone"] = "555-0101" },
            ["data"] = "not an object",
        });
        var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("errors");

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        problem.EnumerateObject().Select(p => p.Name).Should().BeEquivalentTo("type", "idempotencyKey", "customer.phone", "data");
    }

    [Fact]
    public async Task OpenApi_DescribesTheEventsEndpoint()
    {
        var response = await _server.Http.GetAsync("/openapi/v1.json");
        var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        document.GetProperty("paths").TryGetProperty("/api/events", out _).Should().BeTrue();
    }

    [Fact]
    public async Task Healthz_And_Metrics_AreServed()
    {
        await _server.PostWhatsAppAsync(WhatsAppWebhooks.Message(WhatsAppWebhooks.Text("hi")));
        await _api.WaitForRequestsAsync(1, TimeSpan.FromSeconds(20));

        var health = await _server.Http.GetAsync("/healthz");
        var metrics = await _server.Http.GetStringAsync("/metrics");

        health.StatusCode.Should().Be(HttpStatusCode.OK);
        JsonDocument.Parse(await health.Content.ReadAsStringAsync()).RootElement.GetProperty("status").GetString().Should().Be("ok");
        metrics.Should().Contain("chatrouter_inbound_messages_total{channel=\"whatsapp\"} 1");
        metrics.Should().Contain("chatrouter_webhook_requests_total");
    }
}
