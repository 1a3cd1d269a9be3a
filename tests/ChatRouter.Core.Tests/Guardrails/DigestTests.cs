using ChatRouter.Guardrails;
using static ChatRouter.Core.Tests.Guardrails.Proactive;

namespace ChatRouter.Core.Tests.Guardrails;

public sealed class DigestTests
{
    private const string Low = "loyalty.points_expiring";
    private static readonly DateTimeOffset Noon = Utc(2026, 1, 15, 12);

    [Fact]
    public void Decide_Low_IsDigestedUntilTheWindowsEnd()
    {
        var decision = Policy().Decide(Message(Low, Noon), Customer(), Noon);

        decision.Decision.Should().Be(Decision.Digested);
        decision.DueAt.Should().Be(Utc(2026, 1, 15, 18));
        decision.DigestKey.Should().Be("marketing:20260115T120000Z");
    }

    [Fact]
    public void Decide_LowWithinTheWindowOfAPendingOne_JoinsItsDigest()
    {
        var customer = Customer() with { PendingLow = [Message(Low, Noon, id: "first")] };

        var decision = Policy().Decide(Message("nps.due", Noon.AddHours(3), id: "second"), customer, Noon.AddHours(3));

        (decision.DigestKey, decision.DueAt).Should().Be(("marketing:20260115T120000Z", Utc(2026, 1, 15, 18)));
    }

    [Fact]
    public void Decide_LowAfterTheWindow_OpensANewDigest_ThatWaitsOutQuietHours()
    {
        var customer = Customer() with { PendingLow = [Message(Low, Noon, id: "first")] };
        var evening = Utc(2026, 1, 15, 19);

        var decision = ExactPolicy().Decide(Message(Low, evening, id: "second"), customer, evening);

        decision.DigestKey.Should().Be("marketing:20260115T190000Z");
        decision.DueAt.Should().Be(Utc(2026, 1, 16, 8), "01:00 is inside quiet hours");
    }

    [Fact]
    public void PlanDigests_AtTheDueInstant_SendsEveryItemOfTheWindowOnce()
    {
        var customer = Customer() with { PendingLow = [Message(Low, Noon, id: "a"), Message("nps.due", Noon.AddHours(5), id: "b"), Message(Low, Noon.AddHours(7), id: "c")] };

        var plans = Policy().PlanDigests(customer, Utc(2026, 1, 15, 18));

        plans.Should().HaveCount(2);
        plans[0].Decision.Decision.Should().Be(Decision.Sent);
        plans[0].MessageIds.Should().Equal("a", "b");
        plans[1].Decision.Decision.Should().Be(Decision.Digested);
        plans[1].MessageIds.Should().Equal("c");
    }

    [Fact]
    public void PlanDigests_ItemWhoseTtlEndsFirst_IsExpiredNotSent()
    {
        var events = new EventOptions { Ttl = { ["nps.due"] = TimeSpan.FromHours(2) } };
        var customer = Customer() with { PendingLow = [Message(Low, Noon, id: "a"), Message("nps.due", Noon.AddHours(1), id: "b")] };

        var plan = Policy(events: events).PlanDigests(customer, Utc(2026, 1, 15, 18)).Single();

        plan.MessageIds.Should().Equal("a");
        plan.ExpiredMessageIds.Should().Equal("b");
    }

    [Fact]
    public void Decide_LowOverTheCap_WaitsForTheCapsNextFreeSlot()
    {
        var customer = Customer("Europe/London", new PastSend(ContentCategory.Marketing, Utc(2026, 1, 9, 13)), new PastSend(ContentCategory.Marketing, Utc(2026, 1, 13, 12)));

        var decision = ExactPolicy().Decide(Message(Low, Noon), customer, Noon);

        decision.Decision.Should().Be(Decision.Digested, "over the cap, low is digested rather than capped");
        decision.DueAt.Should().Be(Utc(2026, 1, 16, 13), "the older send leaves the 7-day window then");
    }

    [Fact]
    public void Decide_LowWhoseDigestGoesAfterItsTtl_IsExpired()
    {
        var customer = Customer("Europe/London", new PastSend(ContentCategory.Marketing, Utc(2026, 1, 14, 12)), new PastSend(ContentCategory.Marketing, Utc(2026, 1, 15, 11)));

        var decision = Policy().Decide(Message(Low, Noon), customer, Noon);

        decision.Decision.Should().Be(Decision.Expired);
    }

    [Fact]
    public void PlanDigests_WithoutConsent_SuppressesEveryItem()
    {
        var customer = Customer() with { Consent = [], PendingLow = [Message(Low, Noon, id: "a")] };

        var plan = Policy().PlanDigests(customer, Utc(2026, 1, 15, 18)).Single();

        plan.Decision.Decision.Should().Be(Decision.Suppressed);
        plan.ExpiredMessageIds.Should().Equal("a");
    }

    [Fact]
    public void PlanDigests_NeverMixesCategories()
    {
        var transactionalLow = Message(Low, Noon, id: "t") with { EventType = "statement.ready", Content = new ContentClass(ContentCategory.Transactional, Urgency.Low) };
        var customer = Customer() with { PendingLow = [Message(Low, Noon, id: "m"), transactionalLow] };

        var plans = Policy().PlanDigests(customer, Noon);

        plans.Select(p => (p.Category, p.MessageIds.Single())).Should().Equal((ContentCategory.Transactional, "t"), (ContentCategory.Marketing, "m"));
    }
}
