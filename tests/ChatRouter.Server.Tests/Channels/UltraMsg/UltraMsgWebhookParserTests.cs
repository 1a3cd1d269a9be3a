using System.Text.Json;
using System.Text.Json.Nodes;
using ChatRouter.Messaging;
using ChatRouter.Server.Channels;
using ChatRouter.Server.Inbox;
using ChatRouter.Server.Webhooks;
using ChatRouter.Server.Channels.UltraMsg;
using ChatRouter.Testing;
using U = ChatRouter.Testing.UltraMsgWebhooks;

namespace ChatRouter.Server.Tests.Channels.UltraMsg;

public sealed class UltraMsgWebhookParserTests
{
    [Fact]
    public void Parse_ChatMessage_ProducesCustomerMessage()
    {
        var message = SingleMessage(U.Received("Olá 👋", id: "false_14155552671@c.us_ABC"));

        message.Channel.Should().Be("ultramsg");
        message.BusinessNumber.Should().Be(U.InstanceId);
        message.CustomerId.Should().Be(U.CustomerChatId);
        message.Phone.Should().Be("+14155552671");
        message.ProfileName.Should().Be("E.St");
        message.Kind.Should().Be(InboundKind.Text);
        message.Text.Should().Be("Olá 👋");
        message.ProviderMessageId.Should().Be("false_14155552671@c.us_ABC");
        message.SentAt.Should().Be(Some.Instant);
    }

    [Theory]
    [InlineData("image", "image")]
    [InlineData("video", "video")]
    [InlineData("audio", "audio")]
    [InlineData("ptt", "audio")]
    [InlineData("document", "document")]
    [InlineData("sticker", "sticker")]
    [InlineData("location", "location")]
    [InlineData("vcard", "contacts")]
    [InlineData("poll_creation", "unsupported")]
    public void Parse_MediaType_IsNormalised(string type, string expected)
    {
        var message = SingleMessage(U.Received("", type));

        message.Kind.Should().Be(InboundKind.Media);
        message.MediaType.Should().Be(expected);
    }

    [Theory]
    [InlineData("instance1150")]
    [InlineData("1150")]
    [InlineData(null)]
    public void Parse_InstanceWrittenEitherWay_IsAccepted(string? expected)
    {
        var message = SingleMessage(U.Received("hi"), expected);

        message.BusinessNumber.Should().Be("1150");
    }

    [Fact]
    public void Parse_OurOwnEcho_IsSkipped()
    {
        var parse = Parse(U.Echo("Your order shipped", referenceId: "outbox-1"));

        parse.Items.Should().BeEmpty();
        parse.Skipped.Should().ContainSingle().Which.What.Should().Contain("fromMe");
    }

    [Fact]
    public void Parse_GroupMessage_IsSkipped()
    {
        var parse = Parse(U.Received("hi all", from: "14155552671-441234567890@g.us"));

        parse.Items.Should().BeEmpty();
        parse.Skipped.Should().ContainSingle().Which.What.Should().Contain("group");
    }

    public static TheoryData<JsonNode, string> Acks() => new()
    {
        { "server", "Sent" },
        { "device", "Delivered" },
        { "read", "Read" },
        { "played", "Read" },
        { 1, "Sent" },
        { 2, "Delivered" },
        { 3, "Read" },
        { 4, "Read" },
        { "3", "Read" },
        { -1, "Failed" },
    };

    [Theory]
    [MemberData(nameof(Acks))]
    public void Parse_Ack_KeyedOnOurReference(JsonNode ack, string expected)
    {
        var parse = Parse(U.Ack("outbox-7", ack));

        var status = parse.Items.Should().ContainSingle().Which.Should().BeOfType<StatusItem>().Subject;
        status.ProviderMessageId.Should().Be("outbox-7");
        status.Status.ToString().Should().Be(expected);
        status.RecipientId.Should().Be(U.CustomerChatId);
    }

    [Theory]
    [InlineData("pending")]
    [InlineData("0")]
    [InlineData("")]
    [InlineData("sideways")]
    public void Parse_AckThatIsNotAStep_IsSkipped(string ack)
    {
        var parse = Parse(U.Ack("outbox-7", ack));

        parse.IsMalformed.Should().BeFalse();
        parse.Items.Should().BeEmpty();
        parse.Skipped.Should().ContainSingle();
    }

    [Theory]
    [InlineData("[1,2]")]
    [InlineData("{\"data\":{}}")]
    [InlineData("{\"event_type\":\"\"}")]
    public void Parse_NotAnUltraMsgEvent_IsMalformed(string json)
    {
        using var document = JsonDocument.Parse(json);

        UltraMsgWebhookParser.Parse(document.RootElement, U.Instance).IsMalformed.Should().BeTrue();
    }

    private static WebhookParse Parse(JsonNode body, string? instance = U.Instance)
    {
        using var document = JsonDocument.Parse(U.Bytes(body));
        return UltraMsgWebhookParser.Parse(document.RootElement, instance);
    }

    private static InboundMessage SingleMessage(JsonNode body, string? instance = U.Instance)
    {
        var parse = Parse(body, instance);
        parse.Skipped.Should().BeEmpty();
        return parse.Items.Should().ContainSingle().Which.Should().BeOfType<MessageItem>().Subject.Message;
    }
}
