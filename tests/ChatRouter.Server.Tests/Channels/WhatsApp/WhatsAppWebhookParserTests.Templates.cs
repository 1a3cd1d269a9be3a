using System.Text.Json.Nodes;
using ChatRouter.Server.Inbox;
using W = ChatRouter.Testing.WhatsAppWebhooks;

namespace ChatRouter.Server.Tests.Channels.WhatsApp;

/// <summary>WhatsApp message template webhooks: the reasons Meta spreads over several objects, and the fields not handled.</summary>
public sealed partial class WhatsAppWebhookParserTests
{
    private static JsonObject TemplateEvent(string @event, string? reason, params (string Name, JsonObject Value)[] extra)
    {
        var body = W.TemplateStatus("nps_survey", "en", @event, reason: reason, category: "MARKETING");
        var value = body["entry"]![0]!["changes"]![0]!["value"]!.AsObject();
        foreach (var (name, node) in extra) value[name] = node;
        return body;
    }

    [Fact]
    public void Parse_PausedWithOtherInfo_ReasonIsTheTitleAndDescription()
    {
        var body = TemplateEvent("PAUSED", "NONE", ("other_info", new JsonObject { ["title"] = "FIRST_PAUSE", ["description"] = "Paused for 3 hours due to low quality." }));

        var template = (TemplateStatusItem)Parse(body).Items.Single();

        (template.Status, template.Reason).Should().Be(("PAUSED", "FIRST_PAUSE: Paused for 3 hours due to low quality."));
    }

    [Fact]
    public void Parse_RejectedWithRecommendation_KeepsTheReasonFirst()
    {
        var body = TemplateEvent("REJECTED", "INVALID_FORMAT", ("rejection_info", new JsonObject { ["reason"] = "INVALID_FORMAT", ["recommendation"] = "Remove the emoji from the header." }));

        var template = (TemplateStatusItem)Parse(body).Items.Single();

        template.Reason.Should().Be("INVALID_FORMAT: Remove the emoji from the header.");
    }

    [Fact]
    public void Parse_PendingDeletionWithNullReason_HasNoReason()
    {
        var template = (TemplateStatusItem)Parse(TemplateEvent("PENDING_DELETION", null)).Items.Single();

        (template.Status, template.Reason).Should().Be(("PENDING_DELETION", null));
    }

    [Theory]
    [InlineData("message_template_quality_update")]
    [InlineData("template_category_update")]
    [InlineData("message_template_components_update")]
    public void Parse_TemplateFieldsWhatsAppMdDoesNotShape_AreSkippedSayingTheSyncCovers(string field)
    {
        var body = W.Envelope(W.Entry(W.Change(field, new JsonObject { ["message_template_id"] = 1, ["new_quality_score"] = "RED" })));

        var parse = Parse(body);

        parse.IsMalformed.Should().BeFalse();
        parse.Items.Should().BeEmpty();
        parse.Skipped.Should().ContainSingle().Which.What.Should().Contain(field).And.Contain("template sync");
    }
}
