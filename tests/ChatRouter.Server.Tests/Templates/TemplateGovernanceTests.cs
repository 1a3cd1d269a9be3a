using System.Net;
using System.Text.Json.Nodes;
using ChatRouter.Audit;
using ChatRouter.Outbox;
using ChatRouter.Server.Channels.WhatsApp;
using ChatRouter.Server.Templates;
using ChatRouter.Server.Tests.Proactive;
using ChatRouter.Testing;
using ChatRouter.WhatsAppTemplates;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace ChatRouter.Server.Tests.Templates;

/// <summary>WhatsApp message template governance in the running server: periodic sync, status webhooks, the audited version.</summary>
public sealed class TemplateGovernanceTests : IAsyncLifetime
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);
    private readonly TempDirectory _directory = new();
    private readonly FakeTimeProvider _time = new(Some.Instant);
    private FakeWhatsAppApi _api = null!;
    private FakeGraphApi _graph = null!;
    private ServerApp? _server;

    public async Task InitializeAsync()
    {
        _api = await FakeWhatsAppApi.StartAsync(time: _time);
        _graph = await FakeGraphApi.StartAsync();
    }

    public async Task DisposeAsync()
    {
        if (_server is not null) await _server.DisposeAsync();
        await _api.DisposeAsync();
        await _graph.DisposeAsync();
        _directory.Dispose();
    }

    private WhatsAppTemplateRegistry Registry => _server!.Services.GetRequiredService<WhatsAppTemplateRegistry>();

    [Fact]
    public async Task PeriodicSync_FailedTickKeepsWhatWasKnown_NextTickPicksUpThePause()
    {
        _graph.Set(FakeGraphApi.Template("order_shipped", "en", body: "Hi {{1}}, your order {{2}} is on its way."), FakeGraphApi.Template("winback", "en", category: "MARKETING"));
        _server = await ServerApp.StartAsync(_directory.File("chatrouter.db"), time: _time, settings: new Dictionary<string, string?>
        {
            ["WhatsApp:ApiBaseUrl"] = _graph.BaseUrl,
            ["WhatsApp:BusinessAccountId"] = FakeGraphApi.WabaId,
            ["WhatsApp:TemplateSyncInterval"] = "01:00:00",
        });
        var sync = _server.Services.GetRequiredService<PeriodicTemplateSync>();
        await sync.WhenRunsAsync(1).WaitAsync(Patience);
        var synced = (Registry.Find("winback", "en")?.Status, Registry.Find("order_shipped", "es")?.Status);

        _graph.Set(FakeGraphApi.Template("order_shipped", "en", "PAUSED", body: "Hi {{1}}, your order {{2}} is on its way."), FakeGraphApi.Template("winback", "en", category: "MARKETING"));
        _graph.Failures.Enqueue(FakeReply.ServerError(503));
        _time.Advance(TimeSpan.FromHours(1));
        await sync.WhenRunsAsync(2).WaitAsync(Patience);
        var afterFailure = Registry.IsApproved("order_shipped", "en", out _);
        var health = await _server.Http.GetAsync("/healthz");
        _time.Advance(TimeSpan.FromHours(1));
        await sync.WhenRunsAsync(3).WaitAsync(Patience);

        synced.Should().Be(("APPROVED", WhatsAppTemplateRecord.Deleted));
        afterFailure.Should().BeTrue("a failed sync changes nothing");
        health.StatusCode.Should().Be(HttpStatusCode.OK);
        Registry.IsApproved("order_shipped", "en", out _).Should().BeFalse();
        _graph.Requests.Should().HaveCount(3);
    }

    [Fact]
    public async Task PausedWebhook_NextSendOfTheTemplate_GoesToTheDowngradeInstead()
    {
        _server = await ServerApp.StartAsync(_directory.File("chatrouter.db"), _api, time: _time, settings: GuardrailSettings.Relaxed());
        await _server.PostWhatsAppAsync(WhatsAppWebhooks.Message(WhatsAppWebhooks.Text("hi")));
        await _server.SettledAsync();
        _time.Advance(TimeSpan.FromHours(25));

        var paused = await _server.PostWhatsAppAsync(WhatsAppWebhooks.TemplateStatus("order_shipped", "en", "PAUSED", at: _time.GetUtcNow()));
        await _server.IdleAsync();
        await PostShippedAsync("ship-paused");
        await _server.SettledAsync();

        paused.StatusCode.Should().Be(HttpStatusCode.OK);
        var entry = (await _server.OutboxEntriesAsync()).Should().ContainSingle(e => e.Origin == OutboxOrigin.BusinessEvent).Subject;
        entry.State.Should().Be(OutboxState.Downgraded);
        entry.ErrorReason.Should().Contain("order_shipped is not approved");
        _api.Requests.Count.Should().Be(1, "only the greeting went; the paused template did not");
    }

    [Fact]
    public async Task TemplateSend_AuditRecord_NamesTemplateMetaLanguageAndVersionInForce()
    {
        _server = await ServerApp.StartAsync(_directory.File("chatrouter.db"), _api, time: _time, settings: GuardrailSettings.Relaxed());
        await _server.PostWhatsAppAsync(WhatsAppWebhooks.Message(WhatsAppWebhooks.Text("hi")));
        await _server.SettledAsync();
        WhatsAppTemplateComponent[] reworded = [new() { Type = "BODY", Text = "Hi {{1}}, order {{2}} left our warehouse." }];
        await Registry.SyncAsync([new ListedTemplate("order_shipped", "en", "APPROVED", "1", "UTILITY", null, null, reworded)], _time.GetUtcNow(), CancellationToken.None);
        _time.Advance(TimeSpan.FromHours(25));

        await PostShippedAsync("ship-audited");
        await _server.SettledAsync();

        var entry = (await _server.OutboxEntriesAsync()).Single(e => e.Origin == OutboxOrigin.BusinessEvent);
        (entry.State, entry.TemplateName, entry.TemplateLanguage, entry.TemplateVersion).Should().Be((OutboxState.Sent, "order_shipped", "en", "2"));
        var audit = await _server.Services.GetRequiredService<IAuditStore>().FindAsync(entry.Id, CancellationToken.None);
        audit!.Template.Should().BeEquivalentTo(new AuditTemplate { Name = "order_shipped", Locale = "en", Version = "2" }, "the sync's new wording made it version 2");
    }

    private Task<HttpResponseMessage> PostShippedAsync(string key) =>
        _server!.SendAsync(HttpMethod.Post, "/api/events", ServerApp.EventsKey, new JsonObject
        {
            ["type"] = "order.shipped",
            ["customer"] = new JsonObject { ["phone"] = "+" + WhatsAppWebhooks.CustomerWaId },
            ["data"] = new JsonObject { ["orderId"] = "A1001", ["carrier"] = "DHL" },
            ["idempotencyKey"] = key,
        });
}
