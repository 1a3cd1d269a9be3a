using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using ChatRouter.Audit;
using ChatRouter.Outbox;
using ChatRouter.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace ChatRouter.Server.Tests.Outbox;

/// <summary>
/// <c>POST /api/outbox/replay</c> after a provider outage: the fake Cloud API answers 503 to everything, each send
/// gives up at once (<c>Outbox:MaxAttempts</c> 1), then the provider comes back and the failures are replayed.
/// </summary>
public sealed class ReplayTests : IAsyncLifetime
{
    private const string Ada = "+15550103001";
    private const string Bob = "+15550103002";

    private readonly TempDirectory _directory = new();
    // 20:00 UTC: daytime in every US zone, so quiet hours defer nothing the replay requeues.
    private readonly FakeTimeProvider _time = new(Some.Instant.AddHours(8));
    private FakeWhatsAppApi _api = null!;
    private ServerApp _server = null!;

    public async Task InitializeAsync()
    {
        _api = await FakeWhatsAppApi.StartAsync(time: _time);
        _server = await ServerApp.StartAsync(_directory.File("chatrouter.db"), _api, time: _time, settings: new Dictionary<string, string?> { ["Outbox:MaxAttempts"] = "1" });
    }

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        await _api.DisposeAsync();
        _directory.Dispose();
    }

    private Task<HttpResponseMessage> ShippedAsync(string phone, string order) => _server.SendAsync(HttpMethod.Post, "/api/events", ServerApp.EventsKey, new JsonObject
    {
        ["type"] = "order.shipped",
        ["customer"] = new JsonObject { ["phone"] = phone },
        ["data"] = new JsonObject { ["orderId"] = order, ["carrier"] = "DHL" },
        ["idempotencyKey"] = $"ship-{phone}-{order}",
    });

    /// <summary>Posts the events while the provider is down; returns once each has failed.</summary>
    private async Task OutageAsync(params (string Phone, string Order)[] events)
    {
        _api.Script.Default = FakeReply.ServerError(503);
        foreach (var (phone, order) in events)
        {
            await ShippedAsync(phone, order);
            _time.Advance(TimeSpan.FromMilliseconds(1)); // a standing clock would accept them all at one instant
        }

        await _server.SettledAsync();
        _api.Script.Default = FakeReply.Success;
    }

    private async Task<JsonElement> ReplayAsync(DateTimeOffset? since = null, DateTimeOffset? until = null)
    {
        var response = await _server.SendAsync(HttpMethod.Post, "/api/outbox/replay", ServerApp.AdminKey, new JsonObject
        {
            ["since"] = (since ?? _time.GetUtcNow().AddHours(-1)).ToString("O"),
            ["until"] = (until ?? _time.GetUtcNow().AddMinutes(1)).ToString("O"),
        });
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
    }

    private static (int, int, int) Counts(JsonElement answer) =>
        (answer.GetProperty("requeued").GetInt32(), answer.GetProperty("expired").GetInt32(), answer.GetProperty("skipped").GetInt32());

    /// <summary>The sends the provider took, in order: recipient and the order id the message names.</summary>
    private IEnumerable<(string To, string Order)> Delivered() => _api.Requests.Snapshot()
        .Where(r => r.StatusCode == 200)
        .Select(r => (r.To!.TrimStart('+'), Regex.Match(r.BodyText, "A1[0-9]{2}").Value));

    [Fact]
    public async Task Replay_AfterAnOutage_SendsEachFailedMessageOnce_InItsCustomersOrder()
    {
        await OutageAsync((Ada, "A101"), (Bob, "A102"), (Ada, "A103"), (Bob, "A104"), (Ada, "A105"));
        var failed = await _server.OutboxEntriesAsync();

        var answer = await ReplayAsync();
        await _server.SettledAsync();
        var again = await ReplayAsync();
        await _server.SettledAsync();
        var entries = await _server.OutboxEntriesAsync();
        var audit = _server.Services.GetRequiredService<IAuditStore>();

        failed.Should().HaveCount(5).And.OnlyContain(e => e.State == OutboxState.Failed && e.RetryableFailure == "Provider");
        Counts(answer).Should().Be((5, 0, 0));
        Counts(again).Should().Be((0, 0, 0), "each message is replayed at most once");
        Delivered().Where(d => d.To == Ada[1..]).Select(d => d.Order).Should().Equal("A101", "A103", "A105");
        Delivered().Where(d => d.To == Bob[1..]).Select(d => d.Order).Should().Equal("A102", "A104");
        entries.Should().HaveCount(5, "a replay sends the same entry again, not a copy").And.OnlyContain(e => e.State == OutboxState.Sent && e.ReplayedAt != null);
        foreach (var entry in entries) (await audit.FindAsync(entry.Id, CancellationToken.None))!.Decision.Should().Be("sent");
    }

    [Fact]
    public async Task Replay_TwoAtOnce_TakeEachMessageOnce()
    {
        await OutageAsync((Ada, "A101"), (Ada, "A102"), (Bob, "A103"), (Bob, "A104"));

        var answers = await Task.WhenAll(ReplayAsync(), ReplayAsync());
        await _server.SettledAsync();

        answers.Sum(a => Counts(a).Item1).Should().Be(4);
        Delivered().Should().HaveCount(4);
    }

    [Fact]
    public async Task Replay_PastItsTtlOrOptedOutMeanwhile_IsCountedAndNotSent()
    {
        await OutageAsync((Ada, "A101"), (Bob, "A102"));
        await _server.PostWhatsAppAsync(WhatsAppWebhooks.Messages(WhatsAppWebhooks.Contact(Bob[1..], "Bob"), WhatsAppWebhooks.Text("STOP", from: Bob[1..])));
        await _server.SettledAsync();
        var before = _api.Requests.Count;

        // Events:DefaultTtl is 2 days: Ada's message has expired; Bob's would have too, but his opt-out comes first.
        _time.Advance(TimeSpan.FromDays(3));
        var answer = await ReplayAsync(since: _time.GetUtcNow().AddDays(-4));
        await _server.SettledAsync();
        var entries = (await _server.OutboxEntriesAsync()).Where(e => e.Origin == OutboxOrigin.BusinessEvent).ToList();

        Counts(answer).Should().Be((0, 1, 1));
        _api.Requests.Count.Should().Be(before);
        entries.Select(e => e.State).Should().BeEquivalentTo([OutboxState.Failed, OutboxState.Suppressed]);
    }

    [Fact]
    public async Task Events_RepostedAfterAnOutageWithTheSameKeys_AreDuplicates_AndNothingIsSentTwice()
    {
        await OutageAsync((Ada, "A101"), (Bob, "A102"));

        var reposted = new[] { await ShippedAsync(Ada, "A101"), await ShippedAsync(Bob, "A102") };
        await _server.SettledAsync();
        var afterRepost = Delivered().Count();
        await ReplayAsync();
        await _server.SettledAsync();

        foreach (var response in reposted)
            JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("status").GetString().Should().Be("duplicate");
        afterRepost.Should().Be(0);
        Delivered().Select(d => d.Order).Should().BeEquivalentTo(["A101", "A102"]);
    }

    [Theory]
    [InlineData("""{"until":"2026-01-15T10:00:00Z"}""", "since")]
    [InlineData("""{"since":"2026-01-15T10:00:00Z","until":"2026-01-15T09:00:00Z"}""", "until")]
    [InlineData("""{"since":"yesterday"}""", "since")]
    public async Task Replay_BadRange_400NamesTheField(string body, string field)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/outbox/replay") { Content = new StringContent(body, System.Text.Encoding.UTF8, "application/json") };
        request.Headers.Authorization = new("Bearer", ServerApp.AdminKey);

        var response = await _server.Http.SendAsync(request);

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("errors").TryGetProperty(field, out _).Should().BeTrue();
    }

    [Fact]
    public async Task Replay_IsForAdminsOnly()
    {
        var response = await _server.SendAsync(HttpMethod.Post, "/api/outbox/replay", ServerApp.AgentKey, new JsonObject { ["since"] = "2026-01-15T10:00:00Z" });

        response.StatusCode.Should().Be(HttpStatusCode.Forbidden);
    }
}
