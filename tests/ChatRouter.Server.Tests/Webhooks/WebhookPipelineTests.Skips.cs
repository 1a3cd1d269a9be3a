using System.Net;
using ChatRouter.Testing;
using W = ChatRouter.Testing.WhatsAppWebhooks;

namespace ChatRouter.Server.Tests.Webhooks;

/// <summary>
/// Issue 9: odd senders were answered and items of other numbers or instances vanished without a word. Each is
/// now skipped: answered 200 (the provider must not retry it), never replied to, logged with why and the
/// setting that changes it, and counted by reason.
/// </summary>
public sealed partial class WebhookPipelineTests
{
    [Fact]
    public async Task WhatsApp_OddSenders_AreSkippedWithAReasonAndNeverAnswered()
    {
        var body = W.Messages(
            W.Contact(),
            W.Text("a path with one contact", from: "../../etc/passwd"),
            W.Text("from our own number id", from: W.PhoneNumberId),
            W.Text("from our own display number", from: "+" + W.DisplayPhoneNumber),
            W.Text("a script", from: "<script>alert(1)</script>"));

        var response = await _server.PostWhatsAppAsync(body);
        await _server.SettledAsync();

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        _whatsApp.Requests.Count.Should().Be(0);
        (await MetricsAsync()).Should().Contain("chatrouter_webhook_items_skipped_total{channel=\"whatsapp\",reason=\"odd_sender\"} 4");
        _logs.WithEventId(5004).Select(l => l.Message).Should().HaveCount(4).And.OnlyContain(m => m.Contains("odd_sender", StringComparison.Ordinal));
    }

    [Fact]
    public async Task WhatsApp_NotificationForANumberNotServed_IsSkippedAndTheServedOneAnswered()
    {
        var other = W.Envelope(W.Entry(W.Change("messages", W.MessagesValue([W.Contact()], [W.Text("to another number")], phoneNumberId: "999000111222333"))));

        var skipped = await _server.PostWhatsAppAsync(other);
        await _server.PostWhatsAppAsync(W.Message(W.Text("hi")));
        await _server.SettledAsync();

        skipped.StatusCode.Should().Be(HttpStatusCode.OK);
        _whatsApp.Requests.Snapshot().Should().ContainSingle().Which.Account.Should().Be(W.PhoneNumberId);
        (await MetricsAsync()).Should().Contain("chatrouter_webhook_items_skipped_total{channel=\"whatsapp\",reason=\"other_number\"} 1");
        _logs.WithEventId(5004).Should().ContainSingle().Which.Message.Should().Contain("999000111222333").And.Contain("WhatsApp:BusinessNumbers");
    }

    [Fact]
    public async Task WhatsApp_IdsTooLongForTheInboxKey_Are200AndSkippedNot503()
    {
        // Found by the fuzzer (WhatsApp case 62): LiteDB refused the 4,000-character id as a key, the store
        // failed, and the 503 would have made Meta deliver the notification again for days.
        var longId = "wamid." + new string('A', 4_000);
        var body = WhatsAppWebhooks.Envelope(WhatsAppWebhooks.Entry(
            WhatsAppWebhooks.Change("messages", WhatsAppWebhooks.MessagesValue([W.Contact()], [W.Text("too long", id: longId), W.Text("fine", id: "wamid.fine")])),
            WhatsAppWebhooks.Change("messages", WhatsAppWebhooks.MessagesValue(statuses: [W.StatusItem(longId, "read")]))));

        var response = await _server.PostWhatsAppAsync(body);
        await _server.SettledAsync();

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        (await CustomerTextAsync("wamid.fine")).Should().Be("fine");
        (await MetricsAsync()).Should().Contain("chatrouter_webhook_items_skipped_total{channel=\"whatsapp\",reason=\"malformed_item\"} 2");
        _logs.WithEventId(5004).Should().OnlyContain(l => l.Message.Contains("at most 768", StringComparison.Ordinal));
    }

    [Fact]
    public async Task UltraMsg_IdTooLongForTheInboxKey_Is200AndSkippedNot503()
    {
        var response = await PostUltraMsgAsync(UltraMsgWebhooks.Received("hi", id: "false_14155552671@c.us_" + new string('é', 2_000)));
        await _server.SettledAsync();

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        _ultraMsg.Requests.Count.Should().Be(0);
        (await MetricsAsync()).Should().Contain("chatrouter_webhook_items_skipped_total{channel=\"ultramsg\",reason=\"malformed_item\"} 1");
    }

    [Fact]
    public async Task UltraMsg_SenderThatIsNoChatId_IsSkippedAndNeverAnswered()
    {
        var response = await PostUltraMsgAsync(UltraMsgWebhooks.Received("hi", from: "../../etc/passwd"));
        await _server.SettledAsync();

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        _ultraMsg.Requests.Count.Should().Be(0);
        (await MetricsAsync()).Should().Contain("chatrouter_webhook_items_skipped_total{channel=\"ultramsg\",reason=\"odd_sender\"} 1");
    }

    [Fact]
    public async Task UltraMsg_OtherInstances_AreReportedOncePerInstanceWithTheSettingThatFixesIt()
    {
        static System.Text.Json.Nodes.JsonObject Of(string instance)
        {
            var body = UltraMsgWebhooks.Received("hi");
            body["instanceId"] = instance;
            return body;
        }

        var answers = new List<HttpStatusCode>();
        foreach (var instance in new[] { "9999", "9999", "instance7777", "9999" })
            answers.Add((await PostUltraMsgAsync(Of(instance))).StatusCode);
        await _server.SettledAsync();

        answers.Should().OnlyContain(s => s == HttpStatusCode.OK, "the events are not for us: retrying them would not change that");
        _ultraMsg.Requests.Count.Should().Be(0);
        var reports = _logs.WithEventId(5102).Select(l => l.Message).ToList();
        reports.Should().HaveCount(2).And.OnlyContain(m => m.Contains("UltraMsg:InstanceId", StringComparison.Ordinal) && m.Contains("'1150'", StringComparison.Ordinal));
        reports.Should().ContainSingle(m => m.Contains("'9999'", StringComparison.Ordinal));
        reports.Should().ContainSingle(m => m.Contains("'7777'", StringComparison.Ordinal));
        (await MetricsAsync()).Should().Contain("chatrouter_webhook_items_skipped_total{channel=\"ultramsg\",reason=\"other_instance\"} 4");
    }

    [Fact]
    public async Task UltraMsg_OtherInstance_IsReportedByEveryServerInTheProcess()
    {
        var body = UltraMsgWebhooks.Received("hi");
        body["instanceId"] = "4242";
        using var directory = new TempDirectory();
        var secondLogs = new CapturedLogs();
        await using var second = await StartServerAsync(directory.File("second.db"), secondLogs);

        await PostUltraMsgAsync(body);
        await PostUltraMsgAsync(body, second);

        _logs.WithEventId(5102).Should().ContainSingle();
        secondLogs.WithEventId(5102).Should().ContainSingle("each server reports what it skipped; a process-wide memory hid it from the second");
    }
}
