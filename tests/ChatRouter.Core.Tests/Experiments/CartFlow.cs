using System.Text.Json.Nodes;
using ChatRouter.Testing;

namespace ChatRouter.Core.Tests.Experiments;

/// <summary>A cart-recovery flow (started by <c>cart.abandoned</c>, with two quick replies and a WhatsApp message template) and an experiment file on it.</summary>
internal static class CartFlow
{
    public static FlowFolder Create()
    {
        var folder = new FlowFolder();
        folder.Flow("cart", new
        {
            triggers = new { events = new[] { new { type = "cart.abandoned", category = "transactional", urgency = "normal" } } },
            initial = "remind",
            states = new Dictionary<string, object>
            {
                ["remind"] = new
                {
                    reply = "reminder",
                    whatsappTemplate = new { name = "cart_reminder" },
                    quickReplies = new[] { new { id = "buy", title = "qr_buy", target = "bought" }, new { id = "later", title = "qr_later", target = "later" } },
                },
                ["bought"] = new { reply = "thanks", actions = new[] { new { @do = "emit", @event = "order.placed" } }, end = true },
                ["later"] = new { reply = "ok", end = true },
            },
        }, new Dictionary<string, string> { ["reminder"] = "You left items in your cart.", ["qr_buy"] = "Buy now", ["qr_later"] = "Later", ["thanks"] = "Thanks!", ["ok"] = "OK" });
        folder.Write("whatsapp-templates.json", """
            [
              {"name": "cart_reminder", "language": "en", "category": "MARKETING", "status": "APPROVED", "components": [{"type": "BODY", "text": "Your cart misses you."}]},
              {"name": "cart_reminder_short", "language": "en", "category": "MARKETING", "status": "APPROVED", "components": [{"type": "BODY", "text": "Still want it?"}]}
            ]
            """);
        return folder;
    }

    /// <summary>A valid running experiment on the reminder: control, and "urgent" with new copy and the quick replies swapped.</summary>
    public static JsonObject Experiment(string status = "running", int controlWeight = 50) => new()
    {
        ["name"] = "cart-copy",
        ["status"] = status,
        ["target"] = new JsonObject { ["flow"] = "cart", ["reply"] = "reminder" },
        ["goal"] = "order.placed",
        ["attributionWindow"] = "3d",
        ["variants"] = new JsonArray(
            new JsonObject { ["name"] = "control", ["control"] = true, ["weight"] = controlWeight },
            new JsonObject
            {
                ["name"] = "urgent",
                ["weight"] = 100 - controlWeight,
                ["reply"] = new JsonObject { ["en"] = "Only a few left, {{ customer.name ?? 'friend' }}!" },
                ["quickReplies"] = new JsonArray("later", "buy"),
                ["whatsappTemplate"] = "cart_reminder_short",
                ["sendDelay"] = "2h",
            }),
    };

    public static void Write(FlowFolder folder, JsonObject experiment, string file = "cart-copy.json") =>
        folder.Write("experiments/" + file, experiment.ToJsonString(new System.Text.Json.JsonSerializerOptions { WriteIndented = true }));
}
