using ChatRouter.Flows;
using ChatRouter.Guardrails;
using ChatRouter.Messaging;
using ChatRouter.Routing;
using ChatRouter.Testing;

namespace ChatRouter.Core.Tests.Routing;

/// <summary>A digest over the bundled flows: one message listing each item's <c>digest</c> line, the conversation left where it was.</summary>
public sealed class DigestTurnTests
{
    private static TestEngine Engine() =>
        new(FlowCatalog.Load(RepoPaths.Flows, ChatRouterCoreServiceCollectionExtensions.BuiltInHandlers(RepoPaths.Flows)));

    private static DigestRequest Digest(TestEngine engine, params BusinessEvent[] items) =>
        new(TestEngine.Channel, TestEngine.Business, engine.Customer, ContentCategory.Marketing, items, "updates_digest") { Phone = engine.Phone };

    private static BusinessEvent Item(string type, Dictionary<string, object?> data) =>
        new() { Type = type, Data = data, BusinessNumber = TestEngine.Business };

    [Fact]
    public async Task HandleDigest_ThreeItems_SaysOneMessageListingEachItemsLine()
    {
        using var engine = Engine();

        var turn = await engine.Engine.HandleDigestAsync(Digest(engine,
            Item("nps.due", []),
            Item("loyalty.points_expiring", new() { ["points"] = 1200L, ["expiresOn"] = "2026-03-31" }),
            Item("loyalty.points_expiring", new() { ["points"] = 50L })), null, CancellationToken.None);

        turn.Replies.Should().ContainSingle();
        turn.Replies[0].Text.Should().Be(
            "Here's a quick roundup for you:\n" +
            "• We'd love your feedback: type *survey* to rate us from 0 to 10.\n" +
            "• *1,200* of your loyalty points expire on March 31: type *points* to see your balance.\n" +
            "• *50* of your loyalty points expire: type *points* to see your balance.\n\n" +
            "Reply *stop promotions* to stop offers and surveys.");
        turn.Replies[0].WindowTemplate.Should().BeEquivalentTo(new WhatsAppTemplateMessage("updates_digest", "en", [
            "We'd love your feedback: type *survey* to rate us from 0 to 10.; *1,200* of your loyalty points expire on March 31: type *points* to see your balance.; *50* of your loyalty points expire: type *points* to see your balance."]));
    }

    [Fact]
    public async Task HandleDigest_InTheMiddleOfAFlow_LeavesTheFlowWhereItWas()
    {
        using var engine = Engine();
        await engine.SayAsync("where is my order", "order_status");

        var turn = await engine.Engine.HandleDigestAsync(Digest(engine, Item("nps.due", [])), null, CancellationToken.None);

        turn.Conversation.FlowId.Should().Be("order-status");
        turn.Conversation.State.Should().Be("ask_order_id");
        (await engine.SayAsync("A1001")).Replies.Select(r => r.Key).Should().Equal("order_found");
    }

    [Fact]
    public async Task HandleDigest_InSpanish_UsesTheLocalesTexts()
    {
        using var engine = Engine();
        await engine.Engine.SetLocaleAsync(TestEngine.Channel, engine.Customer, "es", CancellationToken.None);

        var turn = await engine.Engine.HandleDigestAsync(Digest(engine, Item("loyalty.points_expiring", new() { ["points"] = 1200L, ["expiresOn"] = "2026-03-31" })), null, CancellationToken.None);

        turn.Replies[0].Text.Should().StartWith("Aquí tienes un resumen de tus novedades:\n• *1.200* de tus puntos de fidelidad vencen el 31 de marzo");
        turn.Replies[0].Locale.Should().Be("es");
    }
}
