using System.Text.Json;
using ChatRouter.Server.Channels;
using ChatRouter.Server.Inbox;
using ChatRouter.Server.Webhooks;
using ChatRouter.Server.Channels.UltraMsg;
using ChatRouter.Server.Channels.WhatsApp;
using ChatRouter.Testing;

namespace ChatRouter.Server.Tests.Channels;

/// <summary>
/// Each Fixtures/&lt;channel&gt;/*.json is a webhook body in a shape the providers send (whatsapp.md); beside it,
/// *.expected.txt holds what the parser makes of it, one line per notification or skipped part. Adding a case
/// is adding a file. Set UPDATE_GOLDEN=1 to rewrite the expected files after a deliberate change, then review
/// the diff.
/// </summary>
public sealed class WebhookFixtureTests
{
    private static readonly string FixturesRoot = Path.Combine(RepoPaths.Root, "tests", "ChatRouter.Server.Tests", "Channels", "Fixtures");

    public static TheoryData<string> WhatsAppCases() => Cases("whatsapp");

    public static TheoryData<string> UltraMsgCases() => Cases("ultramsg");

    [Theory]
    [MemberData(nameof(WhatsAppCases))]
    public void WhatsAppParse_Fixture_PrintsExpectedNotifications(string name) =>
        Check("whatsapp", name, root => WhatsAppWebhookParser.Parse(root));

    [Theory]
    [MemberData(nameof(UltraMsgCases))]
    public void UltraMsgParse_Fixture_PrintsExpectedNotifications(string name) =>
        Check("ultramsg", name, root => UltraMsgWebhookParser.Parse(root, "instance1150"));

    private static void Check(string channel, string name, Func<JsonElement, WebhookParse> parse)
    {
        var folder = Path.Combine(FixturesRoot, channel);
        using var document = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(folder, name + ".json")));

        var lines = InboundItemText.Lines(parse(document.RootElement));

        var expectedPath = Path.Combine(folder, name + ".expected.txt");
        if (Environment.GetEnvironmentVariable("UPDATE_GOLDEN") == "1") File.WriteAllLines(expectedPath, lines);
        File.Exists(expectedPath).Should().BeTrue($"{name}.expected.txt should sit beside {name}.json (run with UPDATE_GOLDEN=1 to create it)");
        lines.Should().Equal(File.ReadAllLines(expectedPath));
    }

    private static TheoryData<string> Cases(string channel) =>
        new(Directory.EnumerateFiles(Path.Combine(FixturesRoot, channel), "*.json")
            .Select(f => Path.GetFileNameWithoutExtension(f))
            .Order(StringComparer.Ordinal));
}
