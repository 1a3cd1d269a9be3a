using System.Text.Json.Nodes;
using ChatRouter.Outbox;
using ChatRouter.Testing;

namespace ChatRouter.Server.Tests.Proactive;

/// <summary>
/// Issue 10, item 4: every business event passes the guardrails before its turn. Consent, quiet hours in the
/// customer's zone, urgency and sendAt, on a real server, a real LiteDB file and a fake clock.
/// </summary>
public sealed class ProactiveGateTests : IAsyncLifetime
{
    // 19:30 in São Paulo, 07:30 the next morning in Tokyo.
    private static readonly DateTimeOffset Evening = new(2026, 1, 15, 22, 30, 0, TimeSpan.Zero);
    private const string SaoPaulo = "+5511987654321";
    private const string Tokyo = "+81312345678";
    private ProactiveApp _app = null!;

    public async Task InitializeAsync()
    {
        _app = await ProactiveApp.StartAsync(Evening);
        await _app.CustomerAsync(SaoPaulo, "America/Sao_Paulo");
        await _app.CustomerAsync(Tokyo, "Asia/Tokyo");
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task Event_MarketingWithUnknownConsent_IsSuppressedAndNothingIsSent()
    {
        var (status, body) = await _app.EventAsync("nps.due", SaoPaulo, "nps-1");
        await _app.SettledAsync();
        var record = (await _app.AuditAsync(SaoPaulo)).Single();

        status.Should().Be(202);
        body.GetProperty("decision").GetString().Should().Be("suppressed");
        record.Decision.Should().Be("suppressed");
        record.Kind.Should().Be("proactive");
        record.Purpose.Should().Be("marketing:nps.due");
        record.Reason.Should().Be("no marketing consent on record");
        _app.Api.Requests.Count.Should().Be(0, "a customer whose consent is unknown gets no marketing, not even the survey's template");
        (await _app.Server.OutboxEntriesAsync()).Should().BeEmpty();
    }

    [Fact]
    public async Task Event_TransactionalWithNoConsentEntry_IsSentAndAudited()
    {
        var (_, body) = await _app.EventAsync("order.shipped", SaoPaulo, "ship-1", new JsonObject { ["orderId"] = "A1001" });
        await _app.SettledAsync();
        var entry = (await _app.Server.OutboxEntriesAsync()).Single();
        var record = (await _app.AuditAsync(SaoPaulo)).Single();

        body.GetProperty("decision").GetString().Should().Be("sent");
        ProactiveApp.Said(_app.SentTo(SaoPaulo).Single()).Should().Be("template order_shipped: cliente | A1001", "the template's name parameter falls back to the author's word, never '-'");
        (entry.Category, entry.Urgency, entry.EventType).Should().Be((Consents.ConsentPurpose.Transactional, Guardrails.Urgency.Normal, "order.shipped"));
        entry.ExpiresAt.Should().Be(Evening + TimeSpan.FromDays(2));
        record.Id.Should().Be(entry.Id);
        (record.Kind, record.Purpose, record.LawfulBasis, record.Decision).Should().Be(("proactive", "transactional:order.shipped", "contract", "sent"));
        record.Consent.Should().Be("transactional on the basis of contract");
        record.Flow!.Id.Should().Be("order-status");
        record.Status.Should().Be("sent");
    }

    [Fact]
    public async Task Event_TransactionalAfterStop_IsSuppressed()
    {
        await _app.Server.PostWhatsAppAsync(WhatsAppWebhooks.Messages(WhatsAppWebhooks.Contact("5511987654321", "Ana"), WhatsAppWebhooks.Text("STOP", from: "5511987654321")));
        await _app.SettledAsync();

        var (_, body) = await _app.EventAsync("order.shipped", SaoPaulo, "ship-2", new JsonObject { ["orderId"] = "A1001" });
        await _app.SettledAsync();
        var record = (await _app.AuditAsync(SaoPaulo)).Single(r => r.Kind == "proactive");

        body.GetProperty("decision").GetString().Should().Be("suppressed");
        record.Decision.Should().Be("suppressed");
        record.Reason.Should().StartWith("transactional consent withdrawn (keyword)");
        _app.SentTo(SaoPaulo).Should().ContainSingle("only the opt-out confirmation went");
    }

    [Fact]
    public async Task Event_SameInstantInTwoZones_OneGoesNowTheOtherAtEightLocalPlusJitter()
    {
        var (_, inSaoPaulo) = await _app.EventAsync("order.shipped", SaoPaulo, "ship-sp", new JsonObject { ["orderId"] = "A1001" });
        var (_, inTokyo) = await _app.EventAsync("order.shipped", Tokyo, "ship-tk", new JsonObject { ["orderId"] = "A1002" });
        await _app.SettledAsync();
        var due = (await _app.ScheduledAsync(Tokyo)).Single().DueAt;
        var sentTonight = (_app.SentTo(SaoPaulo).Count, _app.SentTo(Tokyo).Count);

        await _app.AdvanceToAsync(due - TimeSpan.FromSeconds(1));
        var justBefore = _app.SentTo(Tokyo).Count;
        await _app.AdvanceToAsync(due);
        var tokyo = (await _app.AuditAsync(Tokyo)).Single();

        inSaoPaulo.GetProperty("decision").GetString().Should().Be("sent");
        inTokyo.GetProperty("decision").GetString().Should().Be("deferred");
        inTokyo.GetProperty("reason").GetString().Should().Be("quiet hours 21:00-08:00 in Asia/Tokyo");
        sentTonight.Should().Be((1, 0));
        due.Should().BeOnOrAfter(new DateTimeOffset(2026, 1, 15, 23, 0, 0, TimeSpan.Zero)).And.BeBefore(new DateTimeOffset(2026, 1, 15, 23, 10, 0, TimeSpan.Zero), "08:00 in Tokyo plus up to 10 minutes of jitter");
        due.Should().Be(new DateTimeOffset(2026, 1, 15, 23, 6, 21, TimeSpan.Zero), "the jitter is fixed by the message (docs/guardrails.md's worked example)");
        inTokyo.GetProperty("dueAt").GetDateTimeOffset().Should().Be(due, "the 202 tells when it will go");
        justBefore.Should().Be(0);
        ProactiveApp.Said(_app.SentTo(Tokyo).Single()).Should().Be("template order_shipped: there | A1002");
        (tokyo.Decision, tokyo.DueAt, tokyo.Status).Should().Be(("sent", due, "sent"), "the deferred message's one record follows it to its send");
        (await _app.ScheduledAsync(Tokyo)).Should().BeEmpty();
    }

    [Fact]
    public async Task WorkedExample_LowInTwoZones_EachDigestGoesAtTheWindowsEndOutsideQuietHours()
    {
        await _app.CustomerAsync(SaoPaulo, "America/Sao_Paulo", marketing: true);
        await _app.CustomerAsync(Tokyo, "Asia/Tokyo", marketing: true);

        var (_, inSaoPaulo) = await _app.EventAsync("nps.due", SaoPaulo, "nps-sp");
        var (_, inTokyo) = await _app.EventAsync("nps.due", Tokyo, "nps-tk");
        await _app.AdvanceToAsync(new DateTimeOffset(2026, 1, 16, 11, 30, 0, TimeSpan.Zero));

        inTokyo.GetProperty("dueAt").GetDateTimeOffset().Should().Be(new DateTimeOffset(2026, 1, 16, 4, 30, 0, TimeSpan.Zero), "six hours later it is 13:30 in Tokyo");
        inSaoPaulo.GetProperty("dueAt").GetDateTimeOffset().Should().Be(new DateTimeOffset(2026, 1, 16, 11, 9, 39, TimeSpan.Zero), "six hours later it is 01:30 in São Paulo, so 08:00 plus jitter");
        (_app.SentTo(SaoPaulo).Count, _app.SentTo(Tokyo).Count).Should().Be((1, 1));
        ProactiveApp.Said(_app.SentTo(Tokyo).Single()).Should().StartWith("template updates_digest: We'd love your feedback");
    }

    [Fact]
    public async Task Event_HighUrgencyAtNight_GoesAtOnce()
    {
        var (_, body) = await _app.EventAsync("order.delayed", Tokyo, "late-1", new JsonObject { ["orderId"] = "A1002", ["newEta"] = "2026-01-20" });
        await _app.SettledAsync();

        body.GetProperty("decision").GetString().Should().Be("sent");
        body.GetProperty("reason").GetString().Should().Be("high urgency: at once");
        ProactiveApp.Said(_app.SentTo(Tokyo).Single()).Should().Be("template order_delayed: there | A1002 | 20 January");
    }

    [Fact]
    public async Task Event_SendAtLocalTime_GoesAtTheCustomersNextLocalTime()
    {
        var (_, body) = await _app.EventAsync("order.shipped", SaoPaulo, "ship-10", new JsonObject { ["orderId"] = "A1001" }, new JsonObject { ["localTime"] = "10:00" });
        await _app.SettledAsync();
        await _app.AdvanceToAsync(new DateTimeOffset(2026, 1, 16, 12, 59, 59, TimeSpan.Zero));
        var before = _app.SentTo(SaoPaulo).Count;
        await _app.AdvanceToAsync(new DateTimeOffset(2026, 1, 16, 13, 0, 0, TimeSpan.Zero));
        await _app.AdvanceAsync(TimeSpan.FromHours(1));

        body.GetProperty("decision").GetString().Should().Be("deferred");
        body.GetProperty("dueAt").GetDateTimeOffset().Should().Be(new DateTimeOffset(2026, 1, 16, 13, 0, 0, TimeSpan.Zero), "10:00 in São Paulo is 13:00 UTC");
        before.Should().Be(0);
        _app.SentTo(SaoPaulo).Should().ContainSingle();
    }

    [Fact]
    public async Task Event_UnknownType_Is400NamingTheKnownTypes()
    {
        var (status, body) = await _app.EventAsync("order.exploded", SaoPaulo, "x-1");

        status.Should().Be(400);
        body.GetProperty("errors").GetProperty("type")[0].GetString().Should().Contain("known types: cart.abandoned, loyalty.points_expiring, nps.due, order.delayed, order.shipped");
    }
}
