using ChatRouter.Guardrails;
using static ChatRouter.Core.Tests.Guardrails.Proactive;

namespace ChatRouter.Core.Tests.Guardrails;

/// <summary>Sliding-window caps per customer and category, as <see cref="GuardrailPolicy.Decide"/> applies them.</summary>
public sealed class CapTests
{
    private static readonly DateTimeOffset Noon = Utc(2026, 1, 15, 12);

    [Fact]
    public void Decide_MarketingOverItsCap_IsCapped()
    {
        var customer = Customer("Europe/London", new PastSend(ContentCategory.Marketing, Noon.AddDays(-6)), new PastSend(ContentCategory.Marketing, Noon.AddDays(-1)));

        var decision = Policy().Decide(Message("cart.abandoned", Noon), customer, Noon);

        decision.Decision.Should().Be(Decision.Capped);
        decision.Reason.Should().Be("2 marketing sends within 7.00:00:00 (cap 2)");
    }

    [Fact]
    public void Decide_CapIsASlidingWindow_OldSendsLeaveIt()
    {
        var customer = Customer("Europe/London", new PastSend(ContentCategory.Marketing, Noon.AddDays(-7)), new PastSend(ContentCategory.Marketing, Noon.AddDays(-1)));

        Policy().Decide(Message("cart.abandoned", Noon), customer, Noon).Decision.Should().Be(Decision.Sent);
    }

    [Fact]
    public void Decide_OtherCategorysSends_DoNotCount()
    {
        var sends = Enumerable.Range(1, 5).Select(i => new PastSend(ContentCategory.Transactional, Noon.AddHours(-i))).ToArray();

        Policy().Decide(Message("cart.abandoned", Noon), Customer("Europe/London", sends), Noon).Decision.Should().Be(Decision.Sent);
    }

    [Fact]
    public void Decide_HighTransactionalOverItsCap_IsNeverCapped()
    {
        var sends = Enumerable.Range(1, 10).Select(i => new PastSend(ContentCategory.Transactional, Noon.AddHours(-i))).ToArray();
        var policy = Policy();

        var high = policy.Decide(Message("order.delayed", Noon), Customer("Europe/London", sends), Noon);
        var normal = policy.Decide(Message("order.shipped", Noon), Customer("Europe/London", sends), Noon);

        (high.Decision, high.Reason).Should().Be((Decision.Sent, "high transactional is never capped"));
        normal.Decision.Should().Be(Decision.Capped);
    }

    [Fact]
    public void Decide_HighMarketingOverItsCap_IsCapped()
    {
        var message = Message("cart.abandoned", Noon) with { Content = new ContentClass(ContentCategory.Marketing, Urgency.High) };
        var customer = Customer("Europe/London", new PastSend(ContentCategory.Marketing, Noon.AddDays(-1)), new PastSend(ContentCategory.Marketing, Noon.AddDays(-2)));

        Policy().Decide(message, customer, Noon).Decision.Should().Be(Decision.Capped);
    }

    [Fact]
    public void Decide_CapIsCheckedAtTheDeferredInstant()
    {
        // Full tonight, free by 08:00 tomorrow: the message waits for quiet hours to end and then fits.
        var evening = Utc(2026, 1, 15, 22);
        var customer = Customer("Europe/London", new PastSend(ContentCategory.Marketing, Utc(2026, 1, 9, 7)), new PastSend(ContentCategory.Marketing, Utc(2026, 1, 12, 7)));

        var decision = ExactPolicy().Decide(Message("cart.abandoned", evening), customer, evening);

        (decision.Decision, decision.DueAt).Should().Be((Decision.Deferred, Utc(2026, 1, 16, 8)));
    }
}
