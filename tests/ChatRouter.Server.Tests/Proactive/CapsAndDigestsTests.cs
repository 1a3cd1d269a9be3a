using System.Text.Json.Nodes;
using ChatRouter.Testing;

namespace ChatRouter.Server.Tests.Proactive;

/// <summary>Issue 10, item 4: frequency caps per category and digests of low-urgency messages, end to end on a fake clock.</summary>
public sealed class CapsAndDigestsTests
{
    // 13:00 in Berlin: far from quiet hours for a while.
    private static readonly DateTimeOffset Noon = new(2026, 1, 15, 12, 0, 0, TimeSpan.Zero);
    private const string Berlin = "+4915123456789";
    private static async Task<ProactiveApp> StartAsync(Dictionary<string, string?>? settings = null)
    {
        var app = await ProactiveApp.StartAsync(Noon, settings);
        await app.CustomerAsync(Berlin, "Europe/Berlin", marketing: true);
        return app;
    }

    private static JsonObject Cart(int n) => new() { ["cartUrl"] = $"https://shop.example.com/cart/{n}" };

    private static JsonObject Points(int points) => new() { ["points"] = points, ["expiresOn"] = "2026-03-31" };

    [Fact]
    public async Task Marketing_ThirdWithinSevenDays_IsCapped()
    {
        await using var app = await StartAsync();
        var first = await app.EventAsync("cart.abandoned", Berlin, "cart-1", Cart(1));
        await app.AdvanceAsync(TimeSpan.FromDays(2));
        var second = await app.EventAsync("cart.abandoned", Berlin, "cart-2", Cart(2));
        await app.AdvanceAsync(TimeSpan.FromDays(2));
        var third = await app.EventAsync("cart.abandoned", Berlin, "cart-3", Cart(3));
        await app.SettledAsync();
        var records = await app.AuditAsync(Berlin);

        (first.Body.GetProperty("decision").GetString(), second.Body.GetProperty("decision").GetString(), third.Body.GetProperty("decision").GetString())
            .Should().Be(("sent", "sent", "capped"));
        records.Select(r => r.Decision).Should().Equal("sent", "sent", "capped");
        records[2].Reason.Should().Be("2 marketing sends within 7.00:00:00 (cap 2)");
        app.SentTo(Berlin).Should().HaveCount(2);
    }

    [Fact]
    public async Task Marketing_OverTheCapAtLowUrgency_GoesInADigestWhenTheCapFrees()
    {
        await using var app = await StartAsync(new() { ["Events:Ttl:nps.due"] = "10.00:00:00" });
        await app.EventAsync("cart.abandoned", Berlin, "cart-1", Cart(1));
        await app.AdvanceAsync(TimeSpan.FromHours(1));
        await app.EventAsync("cart.abandoned", Berlin, "cart-2", Cart(2));
        await app.SettledAsync();

        var (_, low) = await app.EventAsync("nps.due", Berlin, "nps-1");
        await app.SettledAsync();
        low.GetProperty("decision").GetString().Should().Be("digested", "over the cap a low message waits for the digest, it is not dropped ({0})", low);
        var due = low.GetProperty("dueAt").GetDateTimeOffset();
        await app.AdvanceToAsync(due);

        due.Should().BeOnOrAfter(Noon + TimeSpan.FromDays(7), "the first marketing send leaves the 7-day window then");
        app.SentTo(Berlin).Should().HaveCount(3);
        ProactiveApp.Said(app.SentTo(Berlin)[2]).Should().StartWith("template updates_digest: We'd love your feedback");
        (await app.AuditAsync(Berlin)).Select(r => (r.Kind, r.Decision)).Should().BeEquivalentTo([("proactive", "sent"), ("proactive", "sent"), ("proactive", "digested"), ("digest", "sent")]);
    }

    [Fact]
    public async Task Low_ThreeWithinTheWindow_GoAsOneDigestAtTheWindowsEnd()
    {
        await using var app = await StartAsync();
        await app.Server.PostWhatsAppAsync(WhatsAppWebhooks.Messages(WhatsAppWebhooks.Contact("4915123456789", "Lena Vogel"), WhatsAppWebhooks.Text("hi", from: "4915123456789")));
        await app.SettledAsync();

        var (_, nps) = await app.EventAsync("nps.due", Berlin, "nps-1");
        await app.AdvanceAsync(TimeSpan.FromHours(1));
        await app.EventAsync("loyalty.points_expiring", Berlin, "points-1", Points(1200));
        await app.AdvanceAsync(TimeSpan.FromHours(2));
        await app.EventAsync("loyalty.points_expiring", Berlin, "points-2", Points(300));
        await app.AdvanceToAsync(Noon + TimeSpan.FromHours(6) - TimeSpan.FromSeconds(1));
        var beforeTheWindowEnds = app.SentTo(Berlin).Count;
        await app.AdvanceToAsync(Noon + TimeSpan.FromHours(6));
        await app.AdvanceAsync(TimeSpan.FromDays(1));
        var sent = app.SentTo(Berlin);
        var records = await app.AuditAsync(Berlin);

        nps.GetProperty("decision").GetString().Should().Be("digested");
        nps.GetProperty("dueAt").GetDateTimeOffset().Should().Be(Noon + TimeSpan.FromHours(6), "Guardrails:DigestWindow after the first item, 19:00 in Berlin");
        beforeTheWindowEnds.Should().Be(1, "only the welcome went while the window was open");
        sent.Should().HaveCount(2);
        ProactiveApp.Said(sent[1]).Should().Be(
            "Here's a quick roundup for you:\n" +
            "• We'd love your feedback: type *survey* to rate us from 0 to 10.\n" +
            "• *1,200* of your loyalty points expire on March 31: type *points* to see your balance.\n" +
            "• *300* of your loyalty points expire on March 31: type *points* to see your balance.\n\n" +
            "Reply *stop promotions* to stop offers and surveys.");
        records.Where(r => r.Kind == "proactive").Select(r => r.Decision).Should().Equal("digested", "digested", "digested");
        records.Should().ContainSingle(r => r.Kind == "digest").Which.Purpose.Should().Be("marketing:digest");
        (await app.ScheduledAsync(Berlin)).Should().BeEmpty();
    }

    [Fact]
    public async Task Low_WindowEndsInQuietHours_TheDigestWaitsForTheMorning()
    {
        await using var app = await StartAsync();
        await app.AdvanceAsync(TimeSpan.FromHours(5));

        var (_, body) = await app.EventAsync("nps.due", Berlin, "nps-late");
        await app.SettledAsync();
        var due = body.GetProperty("dueAt").GetDateTimeOffset();
        await app.AdvanceToAsync(due);

        due.Should().BeOnOrAfter(new DateTimeOffset(2026, 1, 16, 7, 0, 0, TimeSpan.Zero)).And.BeBefore(new DateTimeOffset(2026, 1, 16, 7, 10, 0, TimeSpan.Zero),
            "the window ends at 00:00 in Berlin, in quiet hours, so the digest goes at 08:00 plus jitter");
        app.SentTo(Berlin).Should().ContainSingle();
    }

    [Fact]
    public async Task Low_ConsentWithdrawnBeforeTheDigest_IsSuppressedWhenDue()
    {
        await using var app = await StartAsync();
        var (_, body) = await app.EventAsync("nps.due", Berlin, "nps-1");
        await app.Server.PostWhatsAppAsync(WhatsAppWebhooks.Messages(WhatsAppWebhooks.Contact("4915123456789", "Lena Vogel"), WhatsAppWebhooks.Text("stop promotions", from: "4915123456789")));
        await app.SettledAsync();

        await app.AdvanceToAsync(body.GetProperty("dueAt").GetDateTimeOffset());
        var record = (await app.AuditAsync(Berlin)).Single(r => r.Kind == "proactive");

        record.Decision.Should().Be("suppressed", "consent is decided again when the digest is due");
        app.SentTo(Berlin).Should().ContainSingle("only the confirmation of 'stop promotions' went");
    }
}
