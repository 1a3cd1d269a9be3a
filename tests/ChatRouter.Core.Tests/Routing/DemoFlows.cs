using ChatRouter.Testing;

namespace ChatRouter.Core.Tests.Routing;

/// <summary>A small flows folder exercising every routing step, shared by the routing tests.</summary>
internal static class DemoFlows
{
    public static FlowFolder Create()
    {
        var folder = new FlowFolder("en", "es");
        folder.Flow("home", new
        {
            @default = true,
            triggers = new { intents = new[] { "greeting" } },
            initial = "menu",
            states = new Dictionary<string, object>
            {
                ["menu"] = Some.Menu("home_menu", ("orders", "to_orders"), ("other", "other")),
                ["to_orders"] = new { startFlow = "orders" },
                ["other"] = new { reply = "other_text", end = true },
            },
        }, Some.Texts("home_menu", "qr_orders", "qr_other", "other_text"), "en", "es");

        folder.Flow("orders", new
        {
            triggers = new { intents = new[] { "order_status" }, events = new[] { new { type = "order.shipped", category = "transactional", urgency = "normal" } }, keywords = new Dictionary<string, string[]> { ["en"] = ["track"], ["es"] = ["pedido"] } },
            initial = "start",
            states = new Dictionary<string, object>
            {
                ["start"] = new { transitions = new[] { new { on = "event:order.shipped", target = "shipped" } }, next = "ask" },
                ["ask"] = new
                {
                    reply = "ask_id",
                    input = new { slot = "order_id", type = "regex", pattern = "(?i)[a-z][0-9]{4}", retries = 1, invalid = "bad_id" },
                    transitions = new object[]
                    {
                        new { on = "input:valid", target = "lookup" },
                        new { on = "input:exhausted", target = "human" },
                        new { on = "intent:cancel_order", target = "cancelled" },
                    },
                },
                ["lookup"] = new
                {
                    actions = new[] { new { @do = "call", handler = "orders.lookup", args = new Dictionary<string, string> { ["orderId"] = "slots.order_id" }, into = "order" } },
                    transitions = new[]
                    {
                        new { on = "outcome:found", target = "found" },
                        new { on = "outcome:not_found", target = "not_found" },
                        new { on = "outcome:error", target = "human" },
                    },
                },
                ["found"] = new
                {
                    reply = "found_text",
                    quickReplies = new[]
                    {
                        new { id = "again", title = "qr_again", target = "ask" },
                        new { id = "done", title = "qr_done", target = "done" },
                    },
                    transitions = new[] { new { on = "media:image", target = "photo" } },
                },
                ["not_found"] = Some.Menu("not_found_text", ("again", "ask"), ("human", "human")),
                ["shipped"] = new { reply = "shipped_text", next = "done" },
                ["photo"] = new { reply = "photo_text", end = true },
                ["cancelled"] = new { reply = "cancelled_text", end = true },
                ["human"] = new { handoff = new { queue = "orders", reason = "flow" } },
                ["done"] = new { reply = "done_text", end = true },
            },
        }, new Dictionary<string, string>(Some.Texts("ask_id", "bad_id", "not_found_text", "photo_text", "cancelled_text", "done_text", "qr_again", "qr_done", "qr_human"))
        {
            ["found_text"] = "Order {{ slots.order.id }} is {{ slots.order.status }}",
            ["shipped_text"] = "Order {{ slots.orderId }} shipped with {{ slots.carrier }}",
        }, "en", "es");

        folder.Flow("survey", new
        {
            triggers = new { events = new[] { new { type = "nps.due", category = "marketing", urgency = "normal" } } },
            initial = "ask",
            states = new Dictionary<string, object>
            {
                ["ask"] = new
                {
                    reply = "ask_score",
                    input = new { slot = "score", type = "number", min = 0, max = 10, integer = true, retries = 0 },
                    transitions = new object[]
                    {
                        new { on = "input:valid", guard = "slots.score >= 9", target = "promoter" },
                        new { on = "input:valid", guard = "slots.score >= 7", target = "passive" },
                        new { on = "input:valid", target = "detractor" },
                        new { on = "input:exhausted", target = "detractor" },
                    },
                },
                ["promoter"] = new { reply = "promoter_text", end = true },
                ["passive"] = new { reply = "passive_text", end = true },
                ["detractor"] = new { reply = "detractor_text", end = true },
            },
        }, Some.Texts("ask_score", "promoter_text", "passive_text", "detractor_text"), "en", "es");
        folder.Write("data/orders.json", """[{ "id": "A1001", "status": "shipped" }]""");
        return folder;
    }
}
