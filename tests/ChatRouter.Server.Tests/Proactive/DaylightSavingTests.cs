using System.Text.Json.Nodes;

namespace ChatRouter.Server.Tests.Proactive;

/// <summary>
/// Issue 10, item 4: a sendAt local time on the nights the clocks change, through the durable scheduler. The Core's
/// tests pin the arithmetic; these show the stored send neither skips nor doubles. Europe/Berlin changes at 01:00 UTC:
/// 02:00 → 03:00 on 2026-03-29, 03:00 → 02:00 on 2026-10-25.
/// </summary>
public sealed class DaylightSavingTests
{
    private const string Berlin = "+4915123456789";

    private static async Task<ProactiveApp> StartAsync(DateTimeOffset now)
    {
        var app = await ProactiveApp.StartAsync(now);
        await app.CustomerAsync(Berlin, "Europe/Berlin");
        return app;
    }

    private static DateTimeOffset Utc(int month, int day, int hour, int minute = 0, int second = 0) => new(2026, month, day, hour, minute, second, TimeSpan.Zero);

    // order.delayed is high urgency, so quiet hours do not move it: only sendAt decides when it goes.
    private static Task<(int Status, System.Text.Json.JsonElement Body)> DelayedAtHalfPastTwoAsync(ProactiveApp app) =>
        app.EventAsync("order.delayed", Berlin, "late-1", new JsonObject { ["orderId"] = "A1002" }, new JsonObject { ["localTime"] = "02:30" });

    [Fact]
    public async Task SendAtLocalTime_SkippedBySpringForward_GoesOnceAtThreeLocal()
    {
        await using var app = await StartAsync(Utc(3, 28, 20));

        var (_, body) = await DelayedAtHalfPastTwoAsync(app);
        await app.SettledAsync();
        await app.AdvanceToAsync(Utc(3, 29, 0, 59, 59));
        var before = app.SentTo(Berlin).Count;
        await app.AdvanceToAsync(Utc(3, 29, 1));
        var at = app.SentTo(Berlin).Count;
        await app.AdvanceToAsync(Utc(3, 29, 6));

        body.GetProperty("dueAt").GetDateTimeOffset().Should().Be(Utc(3, 29, 1), "02:30 does not exist that night; the first instant after the gap is 03:00 CEST");
        (before, at).Should().Be((0, 1));
        app.SentTo(Berlin).Should().ContainSingle();
        (await app.AuditAsync(Berlin)).Single().Decision.Should().Be("sent");
    }

    [Fact]
    public async Task SendAtLocalTime_RepeatedByFallBack_GoesOnceAtTheFirstHalfPastTwo()
    {
        await using var app = await StartAsync(Utc(10, 24, 20));

        var (_, body) = await DelayedAtHalfPastTwoAsync(app);
        await app.SettledAsync();
        await app.AdvanceToAsync(Utc(10, 25, 0, 30));
        var first = app.SentTo(Berlin).Count;
        await app.AdvanceToAsync(Utc(10, 25, 1, 30));
        await app.AdvanceToAsync(Utc(10, 25, 6));

        body.GetProperty("dueAt").GetDateTimeOffset().Should().Be(Utc(10, 25, 0, 30), "02:30 happens twice that night; the earlier, 02:30 CEST, counts");
        first.Should().Be(1);
        app.SentTo(Berlin).Should().ContainSingle("the second 02:30 (01:30 UTC) sends nothing again");
        (await app.ScheduledAsync(Berlin)).Should().BeEmpty();
    }
}
