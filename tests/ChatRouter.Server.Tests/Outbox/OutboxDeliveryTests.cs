using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using ChatRouter.Profiles;
using ChatRouter.Outbox;
using ChatRouter.Server.Tests.Proactive;
using ChatRouter.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace ChatRouter.Server.Tests.Outbox;

/// <summary>The outbox against a fake Cloud API, with a fake clock driving pacing, backoff and the 24-hour window.</summary>
public sealed class OutboxDeliveryTests : IAsyncLifetime
{
    private readonly TempDirectory _directory = new();
    private readonly FakeTimeProvider _time = new(Some.Instant);
    private FakeWhatsAppApi _api = null!;
    private ServerApp? _server;

    public async Task InitializeAsync() => _api = await FakeWhatsAppApi.StartAsync(time: _time);

    public async Task DisposeAsync()
    {
        if (_server is not null) await _server.DisposeAsync();
        await _api.DisposeAsync();
        _directory.Dispose();
    }

    private async Task<ServerApp> StartAsync(Dictionary<string, string?>? settings = null) =>
        _server = await ServerApp.StartAsync(_directory.File("chatrouter.db"), _api, time: _time, settings: GuardrailSettings.Relaxed(settings));

    private static JsonObject Says(string text, string from = WhatsAppWebhooks.CustomerWaId) =>
        WhatsAppWebhooks.Messages(WhatsAppWebhooks.Contact(from, "Sheena Nelson"), WhatsAppWebhooks.Text(text, from: from));

    /// <summary>Once the server has nothing left to do now, exactly <paramref name="expected"/> requests reached the fake.</summary>
    private async Task NoMoreRequestsAsync(FakeWhatsAppApi api, int expected)
    {
        await _server!.SettledAsync();
        api.Requests.Count.Should().Be(expected);
    }

    [Fact]
    public async Task Send_PairBurstSpent_WaitsForTheIntervalBeforeTheNextMessage()
    {
        var server = await StartAsync(new() { ["Outbox:PairBurst"] = "2", ["Outbox:PairIntervalSeconds"] = "6" });

        await server.PostWhatsAppAsync(Says("hi"));
        await server.PostWhatsAppAsync(Says("1"));
        await server.PostWhatsAppAsync(Says("A1001"));
        await server.IdleAsync();
        await _api.WaitForRequestsAsync(2, TimeSpan.FromSeconds(20));
        await NoMoreRequestsAsync(_api, 2);
        _time.Advance(TimeSpan.FromSeconds(6));
        var sent = await _api.WaitForRequestsAsync(3, TimeSpan.FromSeconds(20));

        Text(sent[2].Json).Should().StartWith("Order *A1001*", "the third reply waited its turn and kept its place");
    }

    [Fact]
    public async Task Send_ThroughputLimit_RetriesWithBackoffThenSends()
    {
        _api.Script.Enqueue(FakeReply.ThroughputLimit());
        var server = await StartAsync();

        await server.PostWhatsAppAsync(Says("hi"));
        await _api.WaitForRequestsAsync(1, TimeSpan.FromSeconds(20));
        await NoMoreRequestsAsync(_api, 1);
        var waiting = (await server.OutboxEntriesAsync()).Single();
        _time.Advance(TimeSpan.FromSeconds(1));
        await _api.WaitForRequestsAsync(2, TimeSpan.FromSeconds(20));
        await WaitForStateAsync(server, waiting.Id, OutboxState.Sent);

        waiting.State.Should().Be(OutboxState.Pending);
        waiting.ErrorCode.Should().Be(130429);
        waiting.Attempts.Should().Be(1);
        (await server.Outbox.FindAsync(waiting.Id, CancellationToken.None))!.ProviderMessageId.Should().StartWith("wamid.");
    }

    [Fact]
    public async Task Send_PermanentError_RecordsCodeAndReason_AndDoesNotRetry()
    {
        _api.Script.Enqueue(FakeReply.MetaError(400, 131026, "Message undeliverable", "Recipient is not a WhatsApp user"));
        var server = await StartAsync();

        await server.PostWhatsAppAsync(Says("hi"));
        await _api.WaitForRequestsAsync(1, TimeSpan.FromSeconds(20));
        var entry = await WaitForStateAsync(server, (await server.OutboxEntriesAsync()).Single().Id, OutboxState.Failed);
        _time.Advance(TimeSpan.FromHours(1));
        await NoMoreRequestsAsync(_api, 1);

        entry.ErrorCode.Should().Be(131026);
        entry.ErrorReason.Should().Contain("undeliverable");
    }

    [Fact]
    public async Task Send_WindowLapsed_SendsTheApprovedWhatsAppTemplateInstead()
    {
        var server = await StartAsync();
        await server.PostWhatsAppAsync(Says("hi"));
        await _api.WaitForRequestsAsync(1, TimeSpan.FromSeconds(20));
        _time.Advance(TimeSpan.FromHours(25));

        var response = await PostEventAsync(server, "order.shipped", "+" + WhatsAppWebhooks.CustomerWaId, new JsonObject { ["orderId"] = "A1001", ["carrier"] = "DHL" }, "ship-A1001");
        var sent = await _api.WaitForRequestsAsync(2, TimeSpan.FromSeconds(20));

        response.StatusCode.Should().Be(HttpStatusCode.Accepted);
        var template = sent[1].Json;
        template.GetProperty("type").GetString().Should().Be("template");
        template.GetProperty("template").GetProperty("name").GetString().Should().Be("order_shipped");
        template.GetProperty("template").GetProperty("language").GetProperty("code").GetString().Should().Be("en");
        template.GetRawText().Should().Contain("A1001");
    }

    [Fact]
    public async Task Send_WindowLapsedWithoutApprovedTemplate_DowngradesToTheHook()
    {
        var server = await StartAsync();
        await server.PostWhatsAppAsync(Says("مرحبا", from: "966500000009"));
        await _api.WaitForRequestsAsync(1, TimeSpan.FromSeconds(20));
        _time.Advance(TimeSpan.FromHours(30));

        await PostEventAsync(server, "order.shipped", "+966500000009", new JsonObject { ["orderId"] = "A1001" }, "ship-ar");
        await server.IdleAsync();
        var entry = await WaitForAsync(async () => (await server.OutboxEntriesAsync()).SingleOrDefault(e => e.State == OutboxState.Downgraded));

        entry.ErrorReason.Should().Contain("not approved in ar");
        var downgrades = await server.Services.GetRequiredService<IDowngradeStore>().ForConversationAsync(entry.ConversationId, CancellationToken.None);
        downgrades.Should().ContainSingle().Which.Text.Should().Contain("A1001");
        await NoMoreRequestsAsync(_api, 1);
    }

    [Fact]
    public async Task Send_ProviderSays131047_FallsBackToTheTemplate()
    {
        var server = await StartAsync();
        await server.PostWhatsAppAsync(Says("hi"));
        await _api.WaitForRequestsAsync(1, TimeSpan.FromSeconds(20));
        _api.Script.Enqueue(FakeReply.WindowClosed());

        await PostEventAsync(server, "order.shipped", "+" + WhatsAppWebhooks.CustomerWaId, new JsonObject { ["orderId"] = "A1001" }, "ship-2");
        var sent = await _api.WaitForRequestsAsync(3, TimeSpan.FromSeconds(20));

        sent[1].Json.GetProperty("type").GetString().Should().Be("interactive", "our clock said the window was open");
        sent[2].Json.GetProperty("type").GetString().Should().Be("template");
    }

    [Fact]
    public async Task Statuses_OutOfOrder_EndAsReadWithDeliveredTimeSet_AndShowInTheReport()
    {
        var server = await StartAsync();
        await server.PostWhatsAppAsync(Says("hi"));
        var sent = await _api.WaitForRequestsAsync(1, TimeSpan.FromSeconds(20));
        var entry = await WaitForStateAsync(server, (await server.OutboxEntriesAsync()).Single().Id, OutboxState.Sent);

        (await _api.SendStatusAsync(server.WhatsAppWebhookUrl, ServerApp.AppSecret, sent[0].ProviderMessageId!, "read")).Should().Be(HttpStatusCode.OK);
        (await _api.SendStatusAsync(server.WhatsAppWebhookUrl, ServerApp.AppSecret, sent[0].ProviderMessageId!, "delivered")).Should().Be(HttpStatusCode.OK);
        await server.IdleAsync();
        var read = (await server.Outbox.FindAsync(entry.Id, CancellationToken.None))!;
        var report = await server.SendAsync(HttpMethod.Get, "/api/reports/delivery", ServerApp.AdminKey);
        var rows = JsonDocument.Parse(await report.Content.ReadAsStringAsync()).RootElement;

        read.State.Should().Be(OutboxState.Read);
        read.DeliveredAt.Should().NotBeNull();
        read.ReadAt.Should().NotBeNull();
        var welcome = rows.EnumerateArray().Single(r => r.GetProperty("flow").GetString() == "welcome");
        welcome.GetProperty("readRate").GetDouble().Should().Be(1.0);
        welcome.GetProperty("deliveryRate").GetDouble().Should().Be(1.0);
    }

    [Fact]
    public async Task Status_Failed_RecordsTheErrorAndIsFinal()
    {
        var server = await StartAsync();
        await server.PostWhatsAppAsync(Says("hi"));
        var sent = await _api.WaitForRequestsAsync(1, TimeSpan.FromSeconds(20));
        var id = (await WaitForStateAsync(server, (await server.OutboxEntriesAsync()).Single().Id, OutboxState.Sent)).Id;

        await _api.SendStatusAsync(server.WhatsAppWebhookUrl, ServerApp.AppSecret, sent[0].ProviderMessageId!, "failed", [new WhatsAppWebhooks.Error(131049, "This message was not delivered to maintain healthy ecosystem engagement.")]);
        await _api.SendStatusAsync(server.WhatsAppWebhookUrl, ServerApp.AppSecret, sent[0].ProviderMessageId!, "delivered");
        await server.IdleAsync();

        var entry = (await server.Outbox.FindAsync(id, CancellationToken.None))!;
        entry.State.Should().Be(OutboxState.Failed);
        entry.ErrorCode.Should().Be(131049);
    }

    [Fact]
    public async Task BusinessEvent_QueuedThenTheCustomerOptsOut_IsSuppressedAtSendTime()
    {
        var server = await StartAsync(new() { ["Outbox:PairBurst"] = "1", ["Outbox:PairIntervalSeconds"] = "60" });
        await server.PostWhatsAppAsync(Says("hi"));
        await _api.WaitForRequestsAsync(1, TimeSpan.FromSeconds(20));

        await PostEventAsync(server, "order.shipped", "+" + WhatsAppWebhooks.CustomerWaId, new JsonObject { ["orderId"] = "A1001" }, "ship-3");
        await server.SettledAsync();
        await server.PostWhatsAppAsync(Says("STOP"));
        await server.SettledAsync();
        for (var minute = 0; minute < 3; minute++)
        {
            _time.Advance(TimeSpan.FromMinutes(1));
            await server.SettledAsync();
        }

        var entries = await server.OutboxEntriesAsync();

        entries.Single(e => e.Origin == OutboxOrigin.BusinessEvent).State.Should().Be(OutboxState.Suppressed, "consent is checked again when the queued message's turn comes");
        _api.Requests.Snapshot().Should().NotContain(r => r.Json.GetRawText().Contains("A1001"));
    }

    [Fact]
    public async Task UserPreferencesStop_OptsTheCustomerOut()
    {
        var server = await StartAsync();

        var response = await server.PostWhatsAppAsync(WhatsAppWebhooks.UserPreference(WhatsAppWebhooks.CustomerWaId, "stop"));
        await server.IdleAsync();
        var profile = await server.Store.FindProfileAsync(["whatsapp:" + WhatsAppWebhooks.CustomerWaId], null, CancellationToken.None);

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        profile!.Consent.Marketing!.Status.Should().Be(Consents.ConsentState.Withdrawn);
        profile.Consent.Marketing.Source.Should().Be(Consents.ConsentSource.WhatsAppPreferences);
        profile.Consent.Transactional.Should().BeNull("Meta's preference is about marketing messages only");
    }

    [Fact]
    public async Task Send_131050_OptsTheCustomerOutAndStops()
    {
        var server = await StartAsync();
        await server.PostWhatsAppAsync(Says("START"));
        await _api.WaitForRequestsAsync(1, TimeSpan.FromSeconds(20));
        _api.Script.Enqueue(FakeReply.OptedOut());

        await PostEventAsync(server, "cart.abandoned", "+" + WhatsAppWebhooks.CustomerWaId, new JsonObject { ["cartUrl"] = "https://shop.example.com/c/1" }, "cart-2");
        var failed = await WaitForAsync(async () => (await server.OutboxEntriesAsync()).SingleOrDefault(e => e.State == OutboxState.Failed));
        var profile = await server.Store.FindProfileAsync(["whatsapp:" + WhatsAppWebhooks.CustomerWaId], null, CancellationToken.None);

        failed.ErrorCode.Should().Be(131050);
        profile!.Consent.Marketing!.Status.Should().Be(Consents.ConsentState.Withdrawn);
    }

    private static Task<HttpResponseMessage> PostEventAsync(ServerApp server, string type, string phone, JsonObject data, string key) =>
        server.SendAsync(HttpMethod.Post, "/api/events", ServerApp.EventsKey, new JsonObject
        {
            ["type"] = type,
            ["customer"] = new JsonObject { ["phone"] = phone },
            ["data"] = data,
            ["idempotencyKey"] = key,
        });

    private static Task<OutboxEntry> WaitForStateAsync(ServerApp server, string id, OutboxState state) =>
        WaitForAsync(async () => await server.Outbox.FindAsync(id, CancellationToken.None) is { } e && e.State == state ? e : null);

    private static async Task<T> WaitForAsync<T>(Func<Task<T?>> probe)
        where T : class
    {
        for (var i = 0; i < 200; i++)
        {
            if (await probe() is { } found) return found;
            await Task.Delay(50);
        }

        throw new TimeoutException("The condition was not met within 10 s.");
    }

    private static string Text(JsonElement json) => json.GetProperty("type").GetString() == "text"
        ? json.GetProperty("text").GetProperty("body").GetString()!
        : json.GetProperty("interactive").GetProperty("body").GetProperty("text").GetString()!;
}
