using ChatRouter.Messaging;
using ChatRouter.Server.Channels;
using ChatRouter.Server.Channels.UltraMsg;

namespace ChatRouter.Server.Tests.Channels.UltraMsg;

public sealed class UltraMsgPayloadsTests
{
    [Fact]
    public void Chat_MessageWithOptions_SendsNumberedMenuAndReference()
    {
        var message = new OutboundMessage { Text = "How can I help?", Locale = "en", QuickReplies = [new QuickReply("track", "Track"), new QuickReply("agent", "Agent")] };

        var fields = UltraMsgPayloads.Chat(new OutboundRequest("instance1150", "14155552671@c.us", message, null, "outbox-3"), "tok").ToDictionary();

        fields.Should().Equal(new Dictionary<string, string>
        {
            ["token"] = "tok",
            ["to"] = "14155552671@c.us",
            ["body"] = "How can I help?\n\n1. Track\n2. Agent",
            ["referenceId"] = "outbox-3",
        });
    }

    [Fact]
    public void Chat_DigitsRecipient_GetsPlus()
    {
        var fields = UltraMsgPayloads.Chat(new OutboundRequest("1150", "14155552671", new OutboundMessage { Text = "hi", Locale = "en" }, null, "r"), "tok").ToDictionary();

        fields["to"].Should().Be("+14155552671");
    }

    [Fact]
    public void Chat_LongText_FitsUltraMsgLimit()
    {
        var fields = UltraMsgPayloads.Chat(new OutboundRequest("1150", "1", new OutboundMessage { Text = new string('x', 9000), Locale = "en" }, null, "r"), "tok").ToDictionary();

        fields["body"].Length.Should().Be(4096);
    }

    [Fact]
    public void Chat_TemplateOnly_Throws()
    {
        var act = () => UltraMsgPayloads.Chat(new OutboundRequest("1150", "1", null, new WhatsAppTemplateMessage("t", "en", []), "outbox-4"), "tok");

        act.Should().Throw<ArgumentException>().WithMessage("*outbox-4*template*");
    }

    [Theory]
    [InlineData(200, """{"sent":"true","message":"ok","id":2}""", "accepted")]
    [InlineData(200, """{"sent":true,"message":"ok","id":2}""", "accepted")]
    [InlineData(200, """{"sent":"false","message":"not sent"}""", "Permanent")]
    [InlineData(200, """{"error":"Wrong token. Please provide token as a GET parameter."}""", "Configuration")]
    [InlineData(200, """{"error":[{"to":"invalid number"}]}""", "Permanent")]
    [InlineData(200, """{"error":"Too many requests, try again later"}""", "retry")]
    [InlineData(404, "Not Found", "Configuration")]
    [InlineData(401, "", "Configuration")]
    [InlineData(500, "oops", "retry")]
    [InlineData(502, "", "retry")]
    [InlineData(429, "", "retry")]
    [InlineData(400, "<html>Bad</html>", "Permanent")]
    public void Classify_Answer_IsTheRightResult(int status, string body, string expected)
    {
        var result = UltraMsgPayloads.Classify(status, body, "outbox-5");

        var kind = result switch
        {
            SendAccepted a => a.ProviderMessageId == "outbox-5" ? "accepted" : "accepted with the wrong id",
            SendRetry => "retry",
            SendFailed f => f.Kind.ToString(),
            _ => "?",
        };
        kind.Should().Be(expected);
    }
}
