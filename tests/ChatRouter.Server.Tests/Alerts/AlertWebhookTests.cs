using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using ChatRouter.Server.Alerts;
using ChatRouter.Server.Tests.Proactive;
using ChatRouter.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using W = ChatRouter.Testing.WhatsAppWebhooks;

namespace ChatRouter.Server.Tests.Alerts;

/// <summary>
/// <c>Alerts:WebhookUrl</c> end to end: a real server posts chat-ops JSON to a loopback receiver on a template
/// rejection and when the send-failure rate crosses <c>Alerts:SendFailureRate</c>; a dead receiver or no URL
/// changes nothing else. Alerts arrive in the order they were raised, so a later alert proves an earlier one was
/// not repeated.
/// </summary>
public sealed class AlertWebhookTests : IAsyncLifetime
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(20);
    private readonly TempDirectory _directory = new();
    private readonly FakeTimeProvider _time = new(Some.Instant);
    private FakeWhatsAppApi _api = null!;
    private FakeChatOps _chat = null!;
    private ServerApp? _server;

    public async Task InitializeAsync()
    {
        _api = await FakeWhatsAppApi.StartAsync(time: _time);
        _chat = await FakeChatOps.StartAsync();
    }

    public async Task DisposeAsync()
    {
        if (_server is not null) await _server.DisposeAsync();
        await _api.DisposeAsync();
        await _chat.DisposeAsync();
        _directory.Dispose();
    }

    private async Task<ServerApp> StartAsync(string? webhookUrl, Dictionary<string, string?>? more = null, CapturedLogs? logs = null)
    {
        var settings = GuardrailSettings.Relaxed(more);
        if (webhookUrl is not null) settings["Alerts:WebhookUrl"] = webhookUrl;
        return _server = await ServerApp.StartAsync(_directory.File("chatrouter.db"), _api, time: _time, settings: settings, configure: logs is null ? null : logs.AddTo);
    }

    private static JsonObject Says(string text, string from) =>
        W.Messages(W.Contact(from, "Sheena Nelson"), W.Text(text, from: from));

    // One customer message (each from a new customer, so no per-customer limit applies) and its reply's send.
    private static async Task ConverseAsync(ServerApp server, int customer)
    {
        (await server.PostWhatsAppAsync(Says("hi", $"1555000{customer:0000}"))).StatusCode.Should().Be(HttpStatusCode.OK);
        await server.SettledAsync();
    }

    private async Task RejectAsync(ServerApp server, string name, string reason)
    {
        (await server.PostWhatsAppAsync(W.TemplateStatus(name, "en", "REJECTED", reason: reason, at: _time.GetUtcNow()))).StatusCode.Should().Be(HttpStatusCode.OK);
        await server.IdleAsync();
    }

    [Fact]
    public async Task TemplateRejected_PostsOneAlert_WithNameLanguageAndReason()
    {
        var server = await StartAsync(_chat.Url);

        await RejectAsync(server, "order_shipped", "INVALID_FORMAT");
        await RejectAsync(server, "order_shipped", "INVALID_FORMAT");
        await server.PostWhatsAppAsync(W.TemplateStatus("cart_reminder", "en", "PAUSED", at: _time.GetUtcNow()));
        await server.IdleAsync();

        var alert = await _chat.NextAsync(Wait);
        alert.GetProperty("alert").GetString().Should().Be("template_rejected");
        alert.GetProperty("template").GetString().Should().Be("order_shipped");
        alert.GetProperty("language").GetString().Should().Be("en");
        alert.GetProperty("status").GetString().Should().Be("REJECTED");
        alert.GetProperty("reason").GetString().Should().Be("INVALID_FORMAT");
        alert.GetProperty("text").GetString().Should().Contain("order_shipped (en) is REJECTED: INVALID_FORMAT");
        // The repeated REJECTED is no change: the next alert is the pause.
        var next = await _chat.NextAsync(Wait);
        next.GetProperty("template").GetString().Should().Be("cart_reminder");
        next.GetProperty("status").GetString().Should().Be("PAUSED");
        next.GetProperty("reason").ValueKind.Should().Be(JsonValueKind.Null, "Meta's NONE is no reason");
    }

    [Fact]
    public async Task FailureRate_CrossingTheThreshold_PostsOnce_AndAgainOnlyAfterFallingBelow()
    {
        var server = await StartAsync(_chat.Url, new() { ["Alerts:SendFailureRate"] = "0.5", ["Alerts:MinSends"] = "4", ["Alerts:Window"] = "00:05:00" });
        var permanent = FakeReply.MetaError(400, 131026, "Message undeliverable", "Recipient is not a WhatsApp user");

        await ConverseAsync(server, 1);                       // sent
        for (var i = 2; i <= 6; i++)
        {
            _api.Script.Enqueue(permanent);
            await ConverseAsync(server, i);                   // failed: 2/3 is under MinSends, 3/4 alerts, 4/5 and 5/6 do not repeat
        }

        _time.Advance(TimeSpan.FromMinutes(6));               // the window empties
        await ConverseAsync(server, 7);                       // sent: 0/1, back below
        for (var i = 8; i <= 10; i++)
        {
            _api.Script.Enqueue(permanent);
            await ConverseAsync(server, i);                   // failed: 3/4 alerts again
        }

        var first = await _chat.NextAsync(Wait);
        first.GetProperty("alert").GetString().Should().Be("send_failure_rate");
        first.GetProperty("failed").GetInt32().Should().Be(3);
        first.GetProperty("sends").GetInt32().Should().Be(4);
        first.GetProperty("text").GetString().Should().Contain("75.0 %").And.Contain("3 of 4 sends");
        var second = await _chat.NextAsync(Wait);
        second.GetProperty("alert").GetString().Should().Be("send_failure_rate");
        second.GetProperty("failed").GetInt32().Should().Be(3);
        second.GetProperty("sends").GetInt32().Should().Be(4);

        await RejectAsync(server, "order_shipped", "INCORRECT_CATEGORY");
        (await _chat.NextAsync(Wait)).GetProperty("alert").GetString().Should().Be("template_rejected", "the rate alert was posted once per crossing");
    }

    [Fact]
    public async Task ReceiverDown_ServerKeepsAnswering_AndLogsTheAlertItCouldNotPost()
    {
        var logs = new CapturedLogs();
        var server = await StartAsync("http://127.0.0.1:9/hooks/alerts", new() { ["Alerts:Attempts"] = "2" }, logs);

        await RejectAsync(server, "order_shipped", "INVALID_FORMAT");
        await ConverseAsync(server, 1);

        _api.Requests.Count.Should().Be(1, "the reply was sent while the alert could not be");
        // The retry waits a second on the server's clock; move it on until the poster gives up.
        for (var i = 0; i < 200 && logs.WithEventId(4701).Count == 0; i++)
        {
            _time.Advance(TimeSpan.FromSeconds(1));
            await Task.Delay(50);
        }

        logs.WithEventId(4701).Should().ContainSingle().Which.Message.Should().Contain("template_rejected").And.Contain("127.0.0.1").And.NotContain("/hooks/alerts");
    }

    [Fact]
    public async Task NoWebhookUrl_PostsNothing()
    {
        var server = await StartAsync(webhookUrl: null);

        await RejectAsync(server, "order_shipped", "INVALID_FORMAT");
        _api.Script.Enqueue(FakeReply.MetaError(400, 131026, "Message undeliverable", "Recipient is not a WhatsApp user"));
        await ConverseAsync(server, 1);

        server.Services.GetRequiredService<AlertPoster>().Queued.Should().Be(0);
        _chat.Count.Should().Be(0);
    }

    [Theory]
    [InlineData("hooks.slack.com/services/T0")]
    [InlineData("ftp://127.0.0.1/hooks")]
    public async Task Start_WebhookUrlNotAbsoluteHttp_FailsNamingTheKey(string url)
    {
        var failure = await Record.ExceptionAsync(() => StartAsync(url));

        var messages = failure is AggregateException aggregate
            ? aggregate.InnerExceptions.OfType<OptionsValidationException>().SelectMany(e => e.Failures).ToList()
            : ((OptionsValidationException)failure!).Failures.ToList();
        messages.Should().ContainSingle(m => m.Contains($"Alerts:WebhookUrl: '{url}' is not an absolute http or https URL"));
    }
}
