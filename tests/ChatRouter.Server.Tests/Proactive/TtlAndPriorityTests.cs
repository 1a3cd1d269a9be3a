using System.Text.Json.Nodes;
using ChatRouter.Outbox;
using ChatRouter.Testing;

namespace ChatRouter.Server.Tests.Proactive;

/// <summary>Issue 10, item 4: TTL expiry (at decision, when a deferred message comes due, at send time) and the send order under pacing pressure.</summary>
public sealed class TtlAndPriorityTests
{
    // 19:30 in São Paulo, 07:30 the next morning in Tokyo.
    private static readonly DateTimeOffset Evening = new(2026, 1, 15, 22, 30, 0, TimeSpan.Zero);
    private const string SaoPaulo = "+5511987654321";
    private const string Tokyo = "+81312345678";

    private static async Task<ProactiveApp> StartAsync(Dictionary<string, string?> settings)
    {
        var app = await ProactiveApp.StartAsync(Evening, settings);
        await app.CustomerAsync(SaoPaulo, "America/Sao_Paulo");
        await app.CustomerAsync(Tokyo, "Asia/Tokyo");
        return app;
    }

    private static JsonObject Order(string id) => new() { ["orderId"] = id };

    [Fact]
    public async Task Deferred_ServerAwayPastItsTtl_IsExpiredWhenItComesDue()
    {
        await using var app = await StartAsync(new() { ["Events:Ttl:order.shipped"] = "02:00:00" });

        var (_, body) = await app.EventAsync("order.shipped", Tokyo, "ship-1", Order("A1002"));
        await app.SettledAsync();
        await app.AdvanceAsync(TimeSpan.FromHours(5));
        var record = (await app.AuditAsync(Tokyo)).Single();

        body.GetProperty("decision").GetString().Should().Be("deferred");
        record.Decision.Should().Be("expired", "at 03:30 the message accepted at 22:30 with a TTL of 2 hours is no longer worth sending");
        record.Reason.Should().Be("TTL of order.shipped ran out at 2026-01-16T00:30:00Z");
        app.Api.Requests.Count.Should().Be(0);
        (await app.ScheduledAsync(Tokyo)).Should().BeEmpty();
    }

    [Fact]
    public async Task Deferral_LandingPastTheTtl_IsExpiredAtOnce()
    {
        await using var app = await StartAsync(new() { ["Events:Ttl:order.shipped"] = "00:20:00" });

        var (_, body) = await app.EventAsync("order.shipped", SaoPaulo, "ship-1", Order("A1001"), new JsonObject { ["localTime"] = "10:00" });
        await app.SettledAsync();

        body.GetProperty("decision").GetString().Should().Be("expired");
        (await app.AuditAsync(SaoPaulo)).Single().Decision.Should().Be("expired");
        (await app.ScheduledAsync(SaoPaulo)).Should().BeEmpty();
    }

    [Fact]
    public async Task Queued_PacedPastItsTtl_IsExpiredAtSendTime()
    {
        await using var app = await StartAsync(new()
        {
            ["Events:Ttl:order.shipped"] = "00:10:00",
            ["Outbox:PairBurst"] = "1",
            ["Outbox:PairIntervalSeconds"] = "3600",
        });
        await app.Server.PostWhatsAppAsync(WhatsAppWebhooks.Messages(WhatsAppWebhooks.Contact("5511987654321", "Ana"), WhatsAppWebhooks.Text("oi", from: "5511987654321")));
        await app.SettledAsync();

        await app.EventAsync("order.shipped", SaoPaulo, "ship-1", Order("A1001"));
        await app.SettledAsync();
        await app.AdvanceAsync(TimeSpan.FromMinutes(61));
        var entry = (await app.Server.OutboxEntriesAsync()).Single(e => e.Origin == OutboxOrigin.BusinessEvent);
        var record = (await app.AuditAsync(SaoPaulo)).Single(r => r.Id == entry.Id);

        entry.State.Should().Be(OutboxState.Failed);
        entry.ErrorReason.Should().Be("expired: its TTL ran out at 2026-01-15T22:40:00Z before it could be sent");
        record.Decision.Should().Be("expired");
        app.SentTo(SaoPaulo).Should().ContainSingle("only the answer to 'oi' went");
    }

    [Fact]
    public async Task PacingPressure_QueuedForOneRecipient_ReplyThenHighNormalLow()
    {
        await using var app = await StartAsync(new()
        {
            ["Outbox:PairBurst"] = "1",
            ["Outbox:PairIntervalSeconds"] = "60",
            ["Guardrails:DigestWindow"] = "00:00:00",
        });
        await app.Server.PostWhatsAppAsync(WhatsAppWebhooks.Messages(WhatsAppWebhooks.Contact("5511987654321", "Ana"), WhatsAppWebhooks.Text("START", from: "5511987654321")));
        await app.SettledAsync();

        await app.EventAsync("nps.due", SaoPaulo, "nps-1");
        await app.EventAsync("cart.abandoned", SaoPaulo, "cart-1", new JsonObject { ["cartUrl"] = "https://shop.example.com/cart/1" });
        await app.EventAsync("order.delayed", SaoPaulo, "late-1", Order("A1002"));
        await app.Server.PostWhatsAppAsync(WhatsAppWebhooks.Messages(WhatsAppWebhooks.Contact("5511987654321", "Ana"), WhatsAppWebhooks.Text("menu", id: "wamid.menu", from: "5511987654321")));
        await app.SettledAsync();
        var waiting = app.SentTo(SaoPaulo).Count;
        for (var i = 0; i < 4; i++) await app.AdvanceAsync(TimeSpan.FromSeconds(60));
        var entries = await app.Server.OutboxEntriesAsync();
        var order = app.SentTo(SaoPaulo).Skip(1)
            .Select(r => entries.Single(e => e.Id == r.Json.GetProperty("biz_opaque_callback_data").GetString()))
            .Select(e => e.Origin == OutboxOrigin.BusinessEvent ? e.Urgency.ToString() : "reply")
            .ToList();

        waiting.Should().Be(1, "the answer to START spent the recipient's burst; everything else waits for the pace");
        order.Should().Equal(["reply", "High", "Normal", "Low"], "conversation replies first, then high, normal and low (the digest)");
    }
}
