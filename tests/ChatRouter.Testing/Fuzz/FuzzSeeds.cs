using System.Globalization;
using System.Text.Json.Nodes;
using W = ChatRouter.Testing.WhatsAppWebhooks;

namespace ChatRouter.Testing.Fuzz;

/// <summary>
/// The real payload shapes fuzz cases start from: every golden fixture under
/// <c>tests/ChatRouter.Server.Tests/Channels/Fixtures</c>, the builders' deliveries, and events as the events API
/// documents them. Builders draw ids and customers from the case's <see cref="Random"/>: a case replays exactly,
/// and cases rarely share a customer (pacing per recipient would hold their replies back).
/// </summary>
public static class FuzzSeeds
{
    private static readonly Lazy<IReadOnlyList<(string Name, string Json)>> WhatsAppFixtures = new(() => Fixtures("whatsapp"));
    private static readonly Lazy<IReadOnlyList<(string Name, string Json)>> UltraMsgFixtures = new(() => Fixtures("ultramsg"));

    private static readonly (string Name, Func<Random, JsonNode> Build)[] WhatsApp =
    [
        ("text", From((c, id) => W.Message(W.Text("Where is my order A1001?", from: c, id: id), W.Contact(c, "Ana")))),
        ("button reply", From((c, id) => W.Message(W.ButtonReply("track", "Track order", from: c, id: id), W.Contact(c)))),
        ("list reply", From((c, id) => W.Message(W.ListReply("orders", "Order status", "Where it is", from: c, id: id), W.Contact(c)))),
        ("template button", From((c, id) => W.Message(W.TemplateButton("STOP", "Stop promotions", from: c, id: id), W.Contact(c)))),
        ("image", From((c, id) => W.Message(W.Media("image", "look 📦", from: c, id: id), W.Contact(c, "José")))),
        ("location", From((c, id) => W.Message(W.Location(from: c, id: id), W.Contact(c)))),
        ("shared contact", From((c, id) => W.Message(W.SharedContact(from: c, id: id), W.Contact(c)))),
        ("reaction", From((c, id) => W.Message(W.Reaction("👍", from: c, id: id), W.Contact(c)))),
        ("unsupported", From((c, id) => W.Message(W.Unsupported(from: c, id: id), W.Contact(c)))),
        ("bsuid", r => W.Message(W.Text("hola", from: null, id: Wamid(r)), W.Contact(null, "cool_user", "US." + r.NextInt64(1_000_000_000_000, 9_999_999_999_999)))),
        ("two customers", r => W.Envelope(W.Entry(W.Change("messages", W.MessagesValue(
            [W.Contact("15550000001", "Ana"), W.Contact("15550000002", "Bruno")],
            [W.Text("hi", from: "15550000001", id: Wamid(r)), W.Text("oi", from: "15550000002", id: Wamid(r))]))))),
        ("status failed", r => W.Status(Wamid(r), "failed", errors: [new(131047, "Re-engagement message", "More than 24 hours have passed")])),
        ("status read", r => W.Status(Wamid(r), "read")),
        ("template status", _ => W.TemplateStatus("order_shipped", "en_US", "APPROVED")),
        ("user preference", r => W.UserPreference(Customer(r), "stop")),
        ("system errors", _ => W.SystemErrors(new W.Error(131000, "Something went wrong"))),
    ];

    private static readonly (string Name, Func<Random, JsonNode> Build)[] UltraMsg =
    [
        ("received chat", r => UltraMsgWebhooks.Received("Where is my order?", from: Customer(r) + "@c.us", id: UltraMsgId(r))),
        ("received image", r => UltraMsgWebhooks.Received("look", type: "image", from: Customer(r) + "@c.us", id: UltraMsgId(r))),
        ("received ptt", r => UltraMsgWebhooks.Received("", type: "ptt", from: Customer(r) + "@c.us", id: UltraMsgId(r))),
        ("own echo", r => UltraMsgWebhooks.Echo("Hi! I'm the virtual assistant", referenceId: "01JFUZZ" + r.Next())),
        ("ack read", r => UltraMsgWebhooks.Ack("01JFUZZ" + r.Next(), "read", id: UltraMsgId(r))),
        ("ack number", r => UltraMsgWebhooks.Ack(null, 3, id: UltraMsgId(r))),
    ];

    private static readonly (string Name, Func<Random, JsonNode> Build)[] Events =
    [
        ("order shipped", r => Event(r, "order.shipped", new JsonObject { ["orderId"] = "A1001", ["carrier"] = "DHL" })),
        ("nested data", r => Event(r, "order.shipped", new JsonObject
        {
            ["orderId"] = "A1002",
            ["carrier"] = "UPS",
            ["items"] = new JsonArray(new JsonObject { ["sku"] = "X1", ["qty"] = 2, ["price"] = 9.99 }, new JsonObject { ["sku"] = "Y2", ["qty"] = 1, ["gift"] = true }),
            ["address"] = new JsonObject { ["city"] = "São Paulo", ["lines"] = new JsonArray("Rua 1", "Apto 2") },
        })),
        ("customer id", r =>
        {
            var body = Event(r, "order.shipped", new JsonObject { ["orderId"] = "A1003", ["carrier"] = "DHL" });
            body["customer"] = new JsonObject { ["id"] = Customer(r) };
            body["channel"] = "whatsapp";
            body["businessNumber"] = W.PhoneNumberId;
            return body;
        }),
        ("unknown type", r => Event(r, "nps.due", new JsonObject { ["score"] = 9 })),
    ];

    /// <summary>How many seeds <paramref name="target"/> has.</summary>
    public static int Count(FuzzTarget target) => Builders(target).Count + FixturesOf(target).Count;

    /// <summary>Seed <paramref name="index"/> of <paramref name="target"/>: its name and a fresh copy of its JSON.</summary>
    public static (string Name, JsonNode Json) Get(FuzzTarget target, int index, Random random)
    {
        ArgumentNullException.ThrowIfNull(random);
        var builders = Builders(target);
        if (index < builders.Count) return (builders[index].Name, builders[index].Build(random));
        var fixture = FixturesOf(target)[index - builders.Count];
        return ("fixture " + fixture.Name, JsonNode.Parse(fixture.Json)!);
    }

    private static IReadOnlyList<(string Name, Func<Random, JsonNode> Build)> Builders(FuzzTarget target) => target switch
    {
        FuzzTarget.WhatsApp => WhatsApp,
        FuzzTarget.UltraMsg => UltraMsg,
        _ => Events,
    };

    private static IReadOnlyList<(string Name, string Json)> FixturesOf(FuzzTarget target) => target switch
    {
        FuzzTarget.WhatsApp => WhatsAppFixtures.Value,
        FuzzTarget.UltraMsg => UltraMsgFixtures.Value,
        _ => [],
    };

    /// <summary>A builder that answers one fresh customer with one fresh message id.</summary>
    private static Func<Random, JsonNode> From(Func<string, string, JsonNode> build) => random => build(Customer(random), Wamid(random));

    private static string Customer(Random random) => "1555" + random.Next(1_000_000, 9_999_999).ToString(CultureInfo.InvariantCulture);

    private static string Wamid(Random random) => "wamid.FZ" + random.NextInt64().ToString("X16", CultureInfo.InvariantCulture);

    private static string UltraMsgId(Random random) => "false_" + Customer(random) + "@c.us_FZ" + random.NextInt64().ToString("X16", CultureInfo.InvariantCulture);

    private static JsonObject Event(Random random, string type, JsonObject data) => new()
    {
        ["type"] = type,
        ["customer"] = new JsonObject { ["phone"] = "+" + Customer(random) },
        ["data"] = data,
        ["idempotencyKey"] = "fuzz-" + random.NextInt64().ToString("x16", CultureInfo.InvariantCulture),
    };

    private static IReadOnlyList<(string Name, string Json)> Fixtures(string channel)
    {
        var folder = Path.Combine(RepoPaths.Root, "tests", "ChatRouter.Server.Tests", "Channels", "Fixtures", channel);
        return [.. Directory.EnumerateFiles(folder, "*.json").Order(StringComparer.Ordinal).Select(f => (Path.GetFileNameWithoutExtension(f), File.ReadAllText(f)))];
    }
}
