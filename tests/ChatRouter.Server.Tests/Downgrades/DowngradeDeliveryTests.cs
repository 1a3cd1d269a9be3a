using System.Text.Json.Nodes;
using ChatRouter.Audit;
using ChatRouter.Outbox;
using ChatRouter.Server.Tests.Proactive;
using ChatRouter.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using W = ChatRouter.Testing.WhatsAppWebhooks;

namespace ChatRouter.Server.Tests.Downgrades;

/// <summary>
/// Downgrades that reach a person, end to end: the customer's WhatsApp message template is paused, the window has
/// lapsed, so an order update goes by email (loopback SMTP) or as a ticket (loopback helpdesk), durably and audited.
/// </summary>
public sealed class DowngradeDeliveryTests : IAsyncLifetime
{
    private readonly TempDirectory _directory = new();
    private readonly FakeTimeProvider _time = new(Some.Instant);
    private readonly LoopbackSmtp _smtp = new();
    private FakeWhatsAppApi _api = null!;
    private FakeTicketDesk _desk = null!;
    private ServerApp? _server;

    public async Task InitializeAsync()
    {
        _api = await FakeWhatsAppApi.StartAsync(time: _time);
        _desk = await FakeTicketDesk.StartAsync();
    }

    public async Task DisposeAsync()
    {
        if (_server is not null) await _server.DisposeAsync();
        await _api.DisposeAsync();
        await _desk.DisposeAsync();
        _smtp.Dispose();
        _directory.Dispose();
    }

    private async Task<ServerApp> StartAsync(string mode)
    {
        var settings = GuardrailSettings.Relaxed(_smtp.Settings());
        settings["Downgrade:Mode"] = mode;
        foreach (var (key, value) in _desk.Settings()) settings[key] = value;
        return _server = await ServerApp.StartAsync(_directory.File("chatrouter.db"), _api, time: _time, settings: settings);
    }

    /// <summary>The activation flow stores the email it captures on the profile (attribute <c>email</c>).</summary>
    private static async Task GiveEmailAsync(ServerApp server)
    {
        await server.PostWhatsAppAsync(W.Message(W.Text("updates")));
        await server.SettledAsync();
        await server.PostWhatsAppAsync(W.Message(W.ButtonReply("yes", "Yes, sign me up")));
        await server.SettledAsync();
        await server.PostWhatsAppAsync(W.Message(W.Text("Ada@Example.com")));
        await server.SettledAsync();
    }

    /// <summary>Pauses order_shipped, lets the window lapse and posts an order.shipped event: WhatsApp cannot carry it.</summary>
    private async Task ShipAfterTheWindowAsync(ServerApp server, string key = "ship-A1001")
    {
        await server.PostWhatsAppAsync(W.TemplateStatus("order_shipped", "en", "PAUSED", at: _time.GetUtcNow()));
        await server.IdleAsync();
        _time.Advance(TimeSpan.FromHours(25));
        await server.SendAsync(HttpMethod.Post, "/api/events", ServerApp.EventsKey, new JsonObject
        {
            ["type"] = "order.shipped",
            ["customer"] = new JsonObject { ["phone"] = "+" + W.CustomerWaId },
            ["data"] = new JsonObject { ["orderId"] = "A1001", ["carrier"] = "DHL" },
            ["idempotencyKey"] = key,
        });
        await server.DowngradesSettledAsync();
    }

    private static async Task<DowngradeRecord> OnlyDowngradeAsync(ServerApp server) =>
        (await server.Downgrades().LatestAsync(10, CancellationToken.None)).Should().ContainSingle().Subject;

    [Fact]
    public async Task EmailMode_CustomerWithEmail_GetsTheLocalizedEmail_AuditedAsADowngrade()
    {
        var server = await StartAsync("email");
        await GiveEmailAsync(server);

        await ShipAfterTheWindowAsync(server);

        var downgrade = await OnlyDowngradeAsync(server);
        var email = _smtp.Received.Should().ContainSingle().Subject;
        email.To.Mailboxes.Single().Address.Should().Be("ada@example.com");
        email.From.Mailboxes.Single().Address.Should().Be("support@shop.example");
        email.Subject.Should().Be("A message we couldn't send you on WhatsApp");
        email.TextBody.Should().StartWith("Hi Sheena,").And.Contain("A1001");
        email.MessageId.Should().Be(downgrade.Id + "@chatrouter");
        (downgrade.State, downgrade.Deliveries.Single().Connector, downgrade.Deliveries.Single().Attempts).Should().Be((DowngradeState.Delivered, "email", 1));
        var entry = (await server.OutboxEntriesAsync()).Single(e => e.Origin == OutboxOrigin.BusinessEvent);
        var audit = server.Services.GetRequiredService<IAuditStore>();
        var record = await audit.FindAsync(downgrade.Id + ":email", CancellationToken.None);
        (record!.Kind, record.Channel, record.Decision, record.Status, record.ProviderMessageId).Should().Be((AuditKinds.Downgrade, "email", "downgraded", "sent", email.MessageId));
        record.Purpose.Should().Be((await audit.FindAsync(entry.Id, CancellationToken.None))!.Purpose);
        _desk.Requests.Should().BeEmpty();
    }

    [Fact]
    public async Task EmailMode_NoEmailOnTheProfile_FallsBackToATicketOfTheDocumentedShape()
    {
        var server = await StartAsync("email");
        await server.PostWhatsAppAsync(W.Message(W.Text("hi")));
        await server.SettledAsync();

        await ShipAfterTheWindowAsync(server);

        var downgrade = await OnlyDowngradeAsync(server);
        downgrade.Note.Should().Contain("no email");
        _smtp.Received.Should().BeEmpty();
        var (ticket, headers) = _desk.Requests.Should().ContainSingle().Subject;
        headers["Authorization"].Should().Be("Bearer " + FakeTicketDesk.Token);
        headers["Idempotency-Key"].Should().Be(downgrade.Id);
        ticket.GetProperty("id").GetString().Should().Be(downgrade.Id);
        ticket.GetProperty("conversationId").GetString().Should().Be(downgrade.ConversationId);
        ticket.GetProperty("customer").GetProperty("phone").GetString().Should().Be("+" + W.CustomerWaId);
        ticket.GetProperty("customer").GetProperty("name").GetString().Should().Be(W.CustomerName);
        ticket.GetProperty("reason").GetString().Should().Be("window_lapsed");
        ticket.GetProperty("text").GetString().Should().Contain("A1001");
        ticket.GetProperty("locale").GetString().Should().Be("en");
        ticket.GetProperty("createdAt").GetDateTimeOffset().Should().Be(downgrade.At);
        (downgrade.State, downgrade.Deliveries.Single().ProviderId).Should().Be((DowngradeState.Delivered, "T-1"));
    }

    [Fact]
    public async Task TicketMode_HelpdeskDown_RetriedWithBackoffUntilItTakesTheTicket()
    {
        _desk.Failures.Enqueue(FakeReply.ServerError(503));
        var server = await StartAsync("ticket");
        await server.PostWhatsAppAsync(W.Message(W.Text("hi")));
        await server.SettledAsync();

        await ShipAfterTheWindowAsync(server);
        var waiting = await OnlyDowngradeAsync(server);
        var queued = await server.Services.GetRequiredService<IAuditStore>().FindAsync(waiting.Id + ":ticket", CancellationToken.None);
        _time.Advance(TimeSpan.FromSeconds(5));
        await server.DowngradesSettledAsync();

        (waiting.State, waiting.Deliveries.Single().Attempts).Should().Be((DowngradeState.Pending, 1));
        waiting.Deliveries.Single().Error.Should().Contain("503");
        queued!.Status.Should().Be("queued");
        var delivered = await OnlyDowngradeAsync(server);
        (delivered.State, delivered.Deliveries.Single().Attempts).Should().Be((DowngradeState.Delivered, 2));
        _desk.Requests.Select(r => r.Headers["Idempotency-Key"]).Should().Equal(waiting.Id, waiting.Id);
        (await server.Services.GetRequiredService<IAuditStore>().FindAsync(waiting.Id + ":ticket", CancellationToken.None))!.Status.Should().Be("sent");
    }

    [Fact]
    public async Task TicketMode_StoppedBeforeDelivery_TheNextStartDeliversIt()
    {
        _desk.Failures.Enqueue(FakeReply.ServerError(503));
        var first = await StartAsync("ticket");
        await first.PostWhatsAppAsync(W.Message(W.Text("hi")));
        await first.SettledAsync();
        await ShipAfterTheWindowAsync(first);
        var pending = await OnlyDowngradeAsync(first);
        await first.DisposeAsync();
        _server = null;

        var second = await StartAsync("ticket");
        await second.DowngradesSettledAsync();
        _time.Advance(TimeSpan.FromSeconds(5));
        await second.DowngradesSettledAsync();

        pending.State.Should().Be(DowngradeState.Pending);
        (await OnlyDowngradeAsync(second)).State.Should().Be(DowngradeState.Delivered);
        _desk.Requests.Should().HaveCount(2);
    }

    [Fact]
    public async Task RecordMode_TheDefault_StoresAndAuditsButSendsNothing()
    {
        var server = await StartAsync("record");
        await GiveEmailAsync(server);

        await ShipAfterTheWindowAsync(server);

        var downgrade = await OnlyDowngradeAsync(server);
        (downgrade.State, downgrade.Deliveries.Count).Should().Be((DowngradeState.Recorded, 0));
        var record = await server.Services.GetRequiredService<IAuditStore>().FindAsync(downgrade.Id + ":record", CancellationToken.None);
        (record!.Kind, record.Channel, record.Decision, record.Status).Should().Be((AuditKinds.Downgrade, "record", "downgraded", null));
        _smtp.Received.Should().BeEmpty();
        _desk.Requests.Should().BeEmpty();
    }

    [Fact]
    public async Task EmailMode_WithoutSmtpHost_TheServerRefusesToStartNamingTheSetting()
    {
        var start = () => ServerApp.StartAsync(_directory.File("chatrouter.db"), _api, time: _time, settings: GuardrailSettings.Relaxed(new Dictionary<string, string?> { ["Downgrade:Mode"] = "email" }));

        var failure = await start.Should().ThrowAsync<OptionsValidationException>();

        failure.Which.Failures.Should().Contain(f => f.Contains("Downgrade:Email:Host")).And.Contain(f => f.Contains("Downgrade:Email:From"));
    }
}
