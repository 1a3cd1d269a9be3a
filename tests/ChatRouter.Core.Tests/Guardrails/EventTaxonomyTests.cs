using ChatRouter.Guardrails;
using ChatRouter.Wire;

namespace ChatRouter.Core.Tests.Guardrails;

public sealed class EventTaxonomyTests
{
    [Theory]
    [InlineData("order.shipped", ContentCategory.Transactional, Urgency.Normal)]
    [InlineData("order.delayed", ContentCategory.Transactional, Urgency.High)]
    [InlineData("cart.abandoned", ContentCategory.Marketing, Urgency.Normal)]
    [InlineData("loyalty.points_expiring", ContentCategory.Marketing, Urgency.Low)]
    [InlineData("nps.due", ContentCategory.Marketing, Urgency.Low)]
    public void Bundled_HoldsTheContractsTable(string eventType, ContentCategory category, Urgency urgency)
    {
        EventTaxonomy.Bundled.TryGet(eventType, out var content).Should().BeTrue();

        content.Should().Be(new ContentClass(category, urgency));
    }

    [Fact]
    public void With_AFlowsDeclaration_AddsOrReplaces_WithoutTouchingTheOriginal()
    {
        var taxonomy = EventTaxonomy.Bundled
            .With("subscription.renewing", new ContentClass(ContentCategory.Transactional, Urgency.Low))
            .With("nps.due", new ContentClass(ContentCategory.Marketing, Urgency.Normal));

        taxonomy.Types.Should().HaveCount(6);
        taxonomy.TryGet("nps.due", out var nps).Should().BeTrue();
        nps!.Urgency.Should().Be(Urgency.Normal);
        EventTaxonomy.Bundled.Types.Should().HaveCount(5);
        EventTaxonomy.Bundled.TryGet("Order.Shipped", out _).Should().BeFalse("event types are machine strings, matched ordinally");
    }

    [Fact]
    public void ContentClass_TryParse_WireStrings()
    {
        ContentClass.TryParse("marketing", "low", out var content, out var errors).Should().BeTrue();

        content.Should().Be(new ContentClass(ContentCategory.Marketing, Urgency.Low));
        content!.ToString().Should().Be("marketing/low");
        errors.Should().BeEmpty();
    }

    [Fact]
    public void ContentClass_TryParse_ReportsBothFields()
    {
        ContentClass.TryParse("promo", null, out var content, out var errors).Should().BeFalse();

        content.Should().BeNull();
        errors.Should().Equal(
            new WireError("category", "must be one of transactional, marketing; got 'promo'."),
            new WireError("urgency", "is required; one of high, normal, low."));
    }
}
