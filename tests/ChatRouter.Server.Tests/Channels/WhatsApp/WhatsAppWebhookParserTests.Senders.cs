using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using ChatRouter.Server.Channels.WhatsApp;
using ChatRouter.Server.Inbox;
using ChatRouter.Server.Webhooks;
using W = ChatRouter.Testing.WhatsAppWebhooks;

namespace ChatRouter.Server.Tests.Channels.WhatsApp;

/// <summary>Issue 9: who is answered (odd senders, served numbers), and the size of one notification.</summary>
public sealed partial class WhatsAppWebhookParserTests
{
    [Theory]
    [InlineData("../../etc/passwd")]
    [InlineData("<script>alert(1)</script>")]
    [InlineData("16505551234; DROP TABLE")]
    [InlineData("1234")]
    public void Parse_FromThatIsNeitherPhoneIdNorBsuid_IsSkippedAsOddSenderEvenBesideOneContact(string from)
    {
        var parse = Parse(W.Message(W.Text("hi", from: from)));

        parse.Items.Should().BeEmpty("the one contact's wa_id must not stand in for a from that names no one");
        parse.Skipped.Should().ContainSingle().Which.Reason.Should().Be(SkipReason.OddSender);
    }

    [Theory]
    [InlineData(W.PhoneNumberId)]
    [InlineData(W.DisplayPhoneNumber)]
    [InlineData("+" + W.DisplayPhoneNumber)]
    public void Parse_FromTheBusinessNumberItself_IsSkippedAsOddSender(string from)
    {
        var parse = Parse(W.Message(W.Text("hi", from: from), W.Contact(waId: from)));

        parse.Items.Should().BeEmpty();
        parse.Skipped.Should().ContainSingle().Which.What.Should().Contain("business number itself");
    }

    [Fact]
    public void Parse_BsuidInFrom_IsStillACustomer()
    {
        var message = SingleMessage(W.Message(W.Text("hi", from: W.CustomerBsuid), W.Contact(waId: null, userId: W.CustomerBsuid)));

        message.CustomerId.Should().Be(W.CustomerBsuid);
    }

    [Fact]
    public void Parse_NumberNotServed_SkipsItsMessagesAndStatusesAsOtherNumber()
    {
        const string other = "999000111222333";
        var body = W.Envelope(W.Entry(
            W.Change("messages", W.MessagesValue([W.Contact()], [W.Text("to another number")], phoneNumberId: other)),
            W.Change("messages", W.MessagesValue(statuses: [W.StatusItem("wamid.out", "read")], phoneNumberId: other)),
            W.Change("messages", W.MessagesValue([W.Contact()], [W.Text("to ours", id: "wamid.ours")]))));

        var parse = Parse(body, new HashSet<string>(StringComparer.Ordinal) { W.PhoneNumberId });

        parse.Items.Should().ContainSingle().Which.Should().BeOfType<MessageItem>().Which.Message.ProviderMessageId.Should().Be("wamid.ours");
        parse.Skipped.Should().HaveCount(2).And.OnlyContain(s => s.Reason == SkipReason.OtherNumber && s.What.Contains(other, StringComparison.Ordinal));
    }

    [Fact]
    public void Parse_NoServedNumbersConfigured_AnswersEveryNumber()
    {
        var parse = Parse(W.Envelope(W.Entry(W.Change("messages", W.MessagesValue([W.Contact()], [W.Text("hi")], phoneNumberId: "999000111222333")))));

        parse.Items.Should().ContainSingle();
    }

    [Theory]
    [InlineData("PHONE_ID")]
    [InlineData("../1065403522429")]
    [InlineData(null)]
    public void Parse_PhoneNumberIdThatIsNoGraphId_SkipsTheWholeValueAsMalformed(string? phoneNumberId)
    {
        var id = phoneNumberId ?? new string('9', 1_000);
        var value = W.MessagesValue([W.Contact()], [W.Text("hi")], [W.StatusItem("wamid.out", "read")], phoneNumberId: id);

        var parse = Parse(W.Envelope(W.Entry(W.Change("messages", value))));

        parse.Items.Should().BeEmpty();
        parse.Skipped.Should().ContainSingle().Which.Should().Match<WebhookSkip>(s => s.Reason == SkipReason.MalformedItem && s.What.Contains("not a Graph id"));
    }

    [Fact]
    public void Parse_MoreUpdatesThanMetaBatches_IsMalformedWithTheCount()
    {
        var messages = Enumerable.Range(0, 600).Select(i => W.Text("m", id: $"wamid.{i}")).ToArray();
        var statuses = Enumerable.Range(0, 401).Select(i => W.StatusItem($"wamid.s{i}", "read")).ToArray();
        var body = W.Envelope(W.Entry(W.Change("messages", W.MessagesValue([W.Contact()], messages)), W.Change("messages", W.MessagesValue(statuses: statuses))));

        var parse = Parse(body);

        parse.IsMalformed.Should().BeTrue();
        parse.Malformed.Should().Contain("1001").And.Contain("at most 1000");
    }

    [Fact]
    public void Parse_ThousandMessagesFromThousandContacts_GivesEachItsOwnSender()
    {
        string WaId(int i) => "1555" + i.ToString("D7", CultureInfo.InvariantCulture);
        var contacts = Enumerable.Range(0, 1000).Select(i => W.Contact(WaId(i), "Customer " + i)).Reverse();
        var messages = Enumerable.Range(0, 1000).Select(i => W.Text("m" + i, from: WaId(i), id: "wamid." + i));

        var parse = Parse(W.Envelope(W.Entry(W.Change("messages", W.MessagesValue(contacts, messages)))));

        parse.Skipped.Should().BeEmpty();
        parse.Items.Cast<MessageItem>().Select(m => (m.Message.Text, m.Message.CustomerId, m.Message.ProfileName))
            .Should().Equal(Enumerable.Range(0, 1000).Select(i => ((string?)("m" + i), WaId(i), (string?)("Customer " + i))));
    }

    private static WebhookParse Parse(JsonNode body, IReadOnlySet<string> served)
    {
        using var document = JsonDocument.Parse(W.Bytes(body));
        return WhatsAppWebhookParser.Parse(document.RootElement, served);
    }
}
