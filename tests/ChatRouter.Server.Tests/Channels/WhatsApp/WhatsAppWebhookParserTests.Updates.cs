using System.Text.Json;
using System.Text.Json.Nodes;
using ChatRouter.Server.Channels;
using ChatRouter.Server.Inbox;
using ChatRouter.Server.Webhooks;
using ChatRouter.Server.Channels.WhatsApp;
using ChatRouter.Testing;
using W = ChatRouter.Testing.WhatsAppWebhooks;

namespace ChatRouter.Server.Tests.Channels.WhatsApp;

/// <summary>Statuses, template and preference updates, system errors, and bodies that are not notifications.</summary>
public sealed partial class WhatsAppWebhookParserTests
{
    [Fact]
    public void Parse_FailedStatus_CarriesErrors()
    {
        var body = W.Status("wamid.OUT", "failed", errors: [new W.Error(131047, "Re-engagement message", "More than 24 hours")]);

        var status = Parse(body).Items.Should().ContainSingle().Which.Should().BeOfType<StatusItem>().Subject;

        status.Status.Should().Be(DeliveryStatus.Failed);
        status.ProviderMessageId.Should().Be("wamid.OUT");
        status.RecipientId.Should().Be(W.CustomerWaId);
        status.Errors.Should().Equal(new ProviderError(131047, "Re-engagement message", "More than 24 hours"));
    }

    [Fact]
    public void Parse_PlayedStatus_CountsAsRead()
    {
        var status = (StatusItem)Parse(W.Status("wamid.OUT", "played")).Items.Single();

        status.Status.Should().Be(DeliveryStatus.Read);
        status.DedupeKey.Should().Be("whatsapp:status:wamid.OUT:read");
    }

    [Fact]
    public void Parse_UnknownStatusValue_SkipsOnlyThatItem()
    {
        var body = W.Envelope(W.Entry(W.Change("messages", W.MessagesValue(statuses: [W.StatusItem("wamid.1", "deleted"), W.StatusItem("wamid.2", "read")]))));

        var parse = Parse(body);

        parse.IsMalformed.Should().BeFalse();
        parse.Items.Should().ContainSingle().Which.Should().BeOfType<StatusItem>().Which.ProviderMessageId.Should().Be("wamid.2");
        parse.Skipped.Should().ContainSingle().Which.What.Should().Contain("statuses[0]").And.Contain("deleted");
    }

    [Fact]
    public void Parse_MessageWithoutId_SkipsItAndKeepsTheOthers()
    {
        var broken = W.Text("lost");
        broken.Remove("id");

        var parse = Parse(W.Messages(W.Contact(), broken, W.Text("kept")));

        parse.Items.Cast<MessageItem>().Select(n => n.Message.Text).Should().Equal("kept");
        parse.Skipped.Should().ContainSingle().Which.What.Should().StartWith("entry[0].changes[0].messages[0]:");
    }

    [Fact]
    public void Parse_TemplateStatus_KeepsNumericIdAsString()
    {
        var at = Some.Instant.AddMinutes(5);

        var template = (TemplateStatusItem)Parse(W.TemplateStatus("order_update", "pt_BR", "REJECTED", reason: "INVALID_FORMAT", at: at)).Items.Single();

        template.Should().Be(new TemplateStatusItem("order_update", "pt_BR", "REJECTED", "INVALID_FORMAT", "UTILITY", "1689556908129832", at));
    }

    [Fact]
    public void Parse_UserPreferenceStop_IsPreferenceForThatCustomer()
    {
        var preference = (PreferenceItem)Parse(W.UserPreference(W.CustomerWaId, "stop")).Items.Single();

        preference.Should().Be(new PreferenceItem("whatsapp", W.CustomerWaId, "marketing_messages", "stop", Some.Instant));
    }

    [Fact]
    public void Parse_SystemErrors_IsOneErrorNotificationWithStableKey()
    {
        var body = W.SystemErrors(new W.Error(130429, "Rate limit hit", "Too many messages"));

        var first = (ProviderErrorItem)Parse(body).Items.Single();
        var retried = (ProviderErrorItem)Parse(W.SystemErrors(new W.Error(130429, "Rate limit hit", "Too many messages"))).Items.Single();

        first.BusinessNumber.Should().Be(W.PhoneNumberId);
        first.Errors.Should().Equal(new ProviderError(130429, "Rate limit hit", "Too many messages"));
        retried.DedupeKey.Should().Be(first.DedupeKey);
    }

    [Fact]
    public void Parse_UnhandledField_IsSkippedNotMalformed()
    {
        var body = W.Envelope(W.Entry(W.Change("phone_number_quality_update", new JsonObject { ["event"] = "THROUGHPUT_UPGRADE" })));

        var parse = Parse(body);

        parse.IsMalformed.Should().BeFalse();
        parse.Skipped.Should().ContainSingle().Which.What.Should().Contain("phone_number_quality_update");
    }

    [Theory]
    [InlineData("[]")]
    [InlineData("\"text\"")]
    [InlineData("{}")]
    [InlineData("{\"object\":\"instagram\",\"entry\":[]}")]
    [InlineData("{\"object\":\"whatsapp_business_account\"}")]
    [InlineData("{\"object\":\"whatsapp_business_account\",\"entry\":{}}")]
    public void Parse_NotAWhatsAppNotification_IsMalformed(string json)
    {
        using var document = JsonDocument.Parse(json);

        var parse = WhatsAppWebhookParser.Parse(document.RootElement);

        parse.IsMalformed.Should().BeTrue();
        parse.Items.Should().BeEmpty();
    }
}
