using System.Net;
using ChatRouter.Inbox;
using ChatRouter.Messaging;
using ChatRouter.Server.Inbox;
using ChatRouter.Testing;
using Microsoft.Extensions.DependencyInjection;
using W = ChatRouter.Testing.WhatsAppWebhooks;

namespace ChatRouter.Server.Tests.Storage;

/// <summary>
/// The server on PostgreSQL (real Kestrel, a throwaway PostgreSQL server of its own) while the database goes
/// away and comes back: nothing unstored is acknowledged, and service resumes without a restart.
/// </summary>
public sealed class PostgresOutageTests : IAsyncLifetime
{
    private readonly TempDirectory _directory = new();
    private readonly PostgresServer _postgres = new();
    private readonly CapturedLogs _logs = new();
    private FakeWhatsAppApi _whatsApp = null!;
    private ServerApp _server = null!;

    public async Task InitializeAsync()
    {
        _whatsApp = await FakeWhatsAppApi.StartAsync();
        _server = await ServerApp.StartAsync(_directory.File("unused.db"), _whatsApp, settings: new Dictionary<string, string?>
        {
            ["Storage:Provider"] = "PostgreSQL",
            ["Storage:ConnectionString"] = _postgres.CreateDatabase(),
            ["Inbox:RetryBackoff"] = "00:00:00.050",
            ["Inbox:MaxRetryBackoff"] = "00:00:00.200",
            ["Inbox:MaxAttempts"] = "2",
        }, configure: _logs.AddTo);
    }

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        await _whatsApp.DisposeAsync();
        _postgres.Dispose();
        _directory.Dispose();
    }

    [Fact]
    public async Task Ready_WhilePostgresIsDown_Is503_LiveStays200_ReadyAgainWhenItIsBack()
    {
        var before = await _server.Http.GetAsync("/healthz/ready");
        _postgres.Stop();
        var during = await _server.Http.GetAsync("/healthz/ready");
        var live = await _server.Http.GetAsync("/healthz/live");
        _postgres.Start();
        var after = await _server.Http.GetAsync("/healthz/ready");

        before.StatusCode.Should().Be(HttpStatusCode.OK);
        during.StatusCode.Should().Be(HttpStatusCode.ServiceUnavailable);
        (await during.Content.ReadAsStringAsync()).Should().Contain("store_unavailable");
        live.StatusCode.Should().Be(HttpStatusCode.OK, "the process is alive; restarting it would not bring the database back");
        after.StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Webhook_WhilePostgresIsDown_Answers503_ThenIsStoredAndAnsweredWhenItIsBack()
    {
        var before = await _server.PostWhatsAppAsync(W.Message(W.Text("hi", id: "wamid.before")));
        await _server.SettledAsync();
        var answeredBefore = _whatsApp.Requests.Count;

        _postgres.Stop();
        var during = await _server.PostWhatsAppAsync(W.Message(W.Text("where is my order", id: "wamid.during")));
        _postgres.Start();
        // Meta delivers the refused notification again; the same server, never restarted, takes it now.
        var redelivered = await _server.PostWhatsAppAsync(W.Message(W.Text("where is my order", id: "wamid.during")));
        await _server.SettledAsync();

        before.StatusCode.Should().Be(HttpStatusCode.OK);
        answeredBefore.Should().BeGreaterThan(0);
        during.StatusCode.Should().Be(HttpStatusCode.ServiceUnavailable);
        redelivered.StatusCode.Should().Be(HttpStatusCode.OK);
        _whatsApp.Requests.Count.Should().BeGreaterThan(answeredBefore, "the redelivered message is answered");
        var history = await _server.MessagesAsync("whatsapp", W.PhoneNumberId, W.CustomerWaId);
        history.Select(m => m.Text).Should().Contain(["hi", "where is my order"]);
    }

    [Fact]
    public async Task InboxEntry_TriedWhilePostgresIsDown_WaitsWithoutUsingItsAttempts_AndIsAnsweredWhenItIsBack()
    {
        // Accepted (durable) but not yet processed when the database goes away.
        var message = InboundMessage.FromText("whatsapp", W.PhoneNumberId, W.CustomerWaId, "hi") with { ProviderMessageId = "wamid.accepted", Phone = "+" + W.CustomerWaId };
        var entry = InboxCodec.ToEntry(new MessageItem(message), DateTimeOffset.UtcNow);
        await _server.Inbox.AcceptAsync([entry], CancellationToken.None);
        var processor = _server.Services.GetRequiredService<InboxProcessor>();

        _postgres.Stop();
        processor.Enqueue([entry]);
        // Tried more often than Inbox:MaxAttempts (2) allows: an outage must not park the entry as failed.
        using (var limit = new CancellationTokenSource(TimeSpan.FromSeconds(30)))
        {
            while (_logs.WithEventId(2004).Count <= 3) await Task.Delay(10, limit.Token);
        }

        processor.Pending.Should().Be(1, "the entry waits for the database");
        _postgres.Start();
        await _server.SettledAsync();

        var stored = await _server.Inbox.FindAsync(entry.Id, CancellationToken.None);
        stored!.State.Should().Be(InboxState.Done);
        stored.Attempts.Should().Be(0);
        _whatsApp.Requests.Snapshot().Should().Contain(r => r.To == "+" + W.CustomerWaId);
    }
}
