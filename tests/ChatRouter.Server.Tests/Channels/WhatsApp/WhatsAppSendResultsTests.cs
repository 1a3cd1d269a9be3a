using ChatRouter.Server.Channels;
using ChatRouter.Server.Channels.WhatsApp;

namespace ChatRouter.Server.Tests.Channels.WhatsApp;

public sealed class WhatsAppSendResultsTests
{
    [Theory]
    [InlineData(130429, "retry")]
    [InlineData(131056, "retry")]
    [InlineData(131057, "retry")]
    [InlineData(131000, "retry")]
    [InlineData(131016, "retry")]
    [InlineData(133004, "retry")]
    [InlineData(1, "retry")]
    [InlineData(2, "retry")]
    [InlineData(4, "retry")]
    [InlineData(80007, "retry")]
    [InlineData(80004, "retry")]
    [InlineData(131047, "WindowClosed")]
    [InlineData(131050, "OptedOut")]
    [InlineData(132001, "TemplateUnavailable")]
    [InlineData(132015, "TemplateUnavailable")]
    [InlineData(132016, "TemplateUnavailable")]
    [InlineData(0, "Configuration")]
    [InlineData(3, "Configuration")]
    [InlineData(10, "Configuration")]
    [InlineData(190, "Configuration")]
    [InlineData(200, "Configuration")]
    [InlineData(250, "Configuration")]
    [InlineData(299, "Configuration")]
    [InlineData(368, "Configuration")]
    [InlineData(33, "Configuration")]
    [InlineData(131005, "Configuration")]
    [InlineData(131031, "Configuration")]
    [InlineData(131037, "Configuration")]
    [InlineData(131042, "Configuration")]
    [InlineData(131045, "Configuration")]
    [InlineData(133010, "Configuration")]
    [InlineData(100, "Permanent")]
    [InlineData(300, "Permanent")]
    [InlineData(130472, "Permanent")]
    [InlineData(131026, "Permanent")]
    [InlineData(131048, "Permanent")]
    [InlineData(131049, "Permanent")]
    [InlineData(131009, "Permanent")]
    [InlineData(132000, "Permanent")]
    [InlineData(2388019, "Permanent")]
    public void Classify_ErrorCode_FollowsTheCheatSheet(int code, string expected)
    {
        var result = WhatsAppSendResults.Classify(400, Envelope(code));

        Describe(result).Should().Be(expected);
        Code(result).Should().Be(code);
    }

    [Fact]
    public void Classify_CodeDecidesOverHttpStatus()
    {
        var result = WhatsAppSendResults.Classify(500, Envelope(131047));

        result.Should().BeOfType<SendFailed>().Which.Kind.Should().Be(SendFailure.WindowClosed);
    }

    [Fact]
    public void Classify_Success_IsAcceptedWithTheWamid()
    {
        var body = """{"messaging_product":"whatsapp","contacts":[{"input":"+16505551234","wa_id":"16505551234"}],"messages":[{"id":"wamid.HBgLMTY0NjcwNDM1OTUVAgARGBI1RjQyNUE3NEYxMzAzMzQ5MkEA","message_status":"accepted"}]}""";

        var result = WhatsAppSendResults.Classify(200, body);

        result.Should().Be(new SendAccepted("wamid.HBgLMTY0NjcwNDM1OTUVAgARGBI1RjQyNUE3NEYxMzAzMzQ5MkEA"));
    }

    [Fact]
    public void Classify_Error_ReasonHoldsMessageDetailsAndTrace()
    {
        var body = """{"error":{"message":"(#130429) Rate limit hit","type":"OAuthException","code":130429,"error_data":{"messaging_product":"whatsapp","details":"Cloud API message throughput has been reached."},"error_subcode":2494055,"fbtrace_id":"Az8or2yhqkZfEZ-_4Qn_Bam"}}""";

        var result = WhatsAppSendResults.Classify(429, body, TimeSpan.FromSeconds(7));

        result.Should().Be(new SendRetry(130429, "(#130429) Rate limit hit — Cloud API message throughput has been reached. (fbtrace_id Az8or2yhqkZfEZ-_4Qn_Bam)", TimeSpan.FromSeconds(7)));
    }

    [Theory]
    [InlineData(500, "<html>Internal Server Error</html>")]
    [InlineData(502, "")]
    [InlineData(503, null)]
    [InlineData(429, "")]
    [InlineData(408, "timeout")]
    public void Classify_ServerTroubleWithoutGraphError_Retries(int status, string? body)
    {
        var result = WhatsAppSendResults.Classify(status, body, TimeSpan.FromSeconds(30));

        result.Should().BeOfType<SendRetry>().Which.After.Should().Be(TimeSpan.FromSeconds(30));
    }

    [Theory]
    [InlineData(400, "Bad Request", "Permanent")]
    [InlineData(404, "{\"unexpected\":true}", "Permanent")]
    [InlineData(401, "", "Configuration")]
    [InlineData(403, "<html>Forbidden</html>", "Configuration")]
    public void Classify_ClientErrorWithoutGraphError_Fails(int status, string body, string expected)
    {
        var result = WhatsAppSendResults.Classify(status, body);

        Describe(result).Should().Be(expected);
        ((SendFailed)result).Reason.Should().Contain(status.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public void Classify_SuccessWithoutMessageId_FailsRatherThanRiskingADuplicate()
    {
        var result = WhatsAppSendResults.Classify(200, """{"success":true}""");

        result.Should().BeOfType<SendFailed>().Which.Kind.Should().Be(SendFailure.Permanent);
    }

    private static string Envelope(int code) =>
        $$$"""{"error":{"message":"(#{{{code}}}) Something","type":"OAuthException","code":{{{code}}},"error_data":{"messaging_product":"whatsapp","details":"details"},"fbtrace_id":"AbC"}}""";

    private static string Describe(SendResult result) => result switch
    {
        SendRetry => "retry",
        SendFailed failed => failed.Kind.ToString(),
        SendAccepted => "accepted",
        _ => "?",
    };

    private static int? Code(SendResult result) => result switch
    {
        SendRetry retry => retry.Code,
        SendFailed failed => failed.Code,
        _ => null,
    };
}
