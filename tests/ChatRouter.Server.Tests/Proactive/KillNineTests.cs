using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using ChatRouter.Testing;

namespace ChatRouter.Server.Tests.Proactive;

/// <summary>
/// Issue 10, item 4: deferred sends are durable. A real <c>chatrouter serve</c> accepts events for a few seconds
/// ahead, is killed with SIGKILL before they are due, and the restarted one sends each exactly once, not early. A
/// separate process cannot share a fake clock, so the delays are real and short.
/// </summary>
public sealed class KillNineTests : IAsyncLifetime
{
    private const string Key = "events-key-0123456789abcdef";
    private static readonly string[] Customers = ["+16505550101", "+16505550102", "+16505550103"];
    private readonly TempDirectory _directory = new();
    private FakeWhatsAppApi _api = null!;

    public async Task InitializeAsync() => _api = await FakeWhatsAppApi.StartAsync();

    public async Task DisposeAsync()
    {
        await _api.DisposeAsync();
        _directory.Dispose();
    }

    private static Dictionary<string, string?> Settings() => new()
    {
        ["Agents:ApiKeys:0:Key"] = Key,
        ["Agents:ApiKeys:0:Role"] = "events",
        ["Agents:ApiKeys:0:Name"] = "Order system",
    };

    [Fact]
    public async Task DeferredSends_ProcessKilledBeforeTheyAreDue_EachGoesExactlyOnceAfterRestart()
    {
        var database = _directory.File("chatrouter.db");
        var port = ServerProcess.FreePort();
        var due = new Dictionary<string, DateTimeOffset>();
        await using (var first = await ServerProcess.StartAsync(database, _api, port, Settings()))
        {
            using var http = Client(first.Address);
            for (var i = 0; i < Customers.Length; i++)
            {
                // order.delayed is high urgency: whatever the hour here, only sendAt holds it back.
                var at = DateTimeOffset.UtcNow + TimeSpan.FromSeconds(12 + (4 * i));
                due[Customers[i].TrimStart('+')] = at;
                var answer = await PostAsync(http, Customers[i], at);
                answer.GetProperty("decision").GetString().Should().Be("deferred");
            }

            await IdleAsync(http, TimeSpan.FromSeconds(30));
            _api.Requests.Count.Should().Be(0, "nothing is due yet");
            first.Kill();
        }

        await using var second = await ServerProcess.StartAsync(database, _api, port, Settings());
        using var client = Client(second.Address);
        await _api.WaitForRequestsAsync(Customers.Length, TimeSpan.FromSeconds(90));
        await IdleAsync(client, TimeSpan.FromSeconds(30));
        var sent = _api.Requests.Snapshot();

        sent.GroupBy(r => r.To!.TrimStart('+')).Select(g => (g.Key, g.Count())).Should().BeEquivalentTo(due.Keys.Select(c => (c, 1)), "each deferred send survives the kill and goes once");
        foreach (var request in sent)
            request.At.Should().BeOnOrAfter(due[request.To!.TrimStart('+')] - TimeSpan.FromMilliseconds(50), "a deferred send never goes before its time");
        sent.Should().OnlyContain(r => r.Json.GetProperty("template").GetProperty("name").GetString() == "order_delayed");
    }

    private static HttpClient Client(string address) => new() { BaseAddress = new Uri(address), Timeout = TimeSpan.FromSeconds(20) };

    private static async Task<JsonElement> PostAsync(HttpClient http, string phone, DateTimeOffset at)
    {
        var body = new JsonObject
        {
            ["type"] = "order.delayed",
            ["customer"] = new JsonObject { ["phone"] = phone },
            ["data"] = new JsonObject { ["orderId"] = "A1002", ["newEta"] = "2026-01-20" },
            ["idempotencyKey"] = "late-" + phone,
            ["sendAt"] = new JsonObject { ["at"] = at.UtcDateTime.ToString("O", System.Globalization.CultureInfo.InvariantCulture) },
        };
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/events") { Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json") };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", Key);
        using var response = await http.SendAsync(request);
        response.StatusCode.Should().Be(HttpStatusCode.Accepted);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
    }

    /// <summary>Waits until the server says its inbox and outbox are empty (the process offers no other signal).</summary>
    private static async Task IdleAsync(HttpClient http, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            var health = JsonDocument.Parse(await http.GetStringAsync("/healthz")).RootElement;
            if (health.GetProperty("inboxPending").GetInt32() == 0 && health.GetProperty("outboxQueued").GetInt32() == 0) return;
            await Task.Delay(100);
        }

        throw new TimeoutException($"The server was still busy after {timeout.TotalSeconds:0} s.");
    }
}
