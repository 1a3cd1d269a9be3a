using System.Text.Json;
using ChatRouter.Messaging;
using ChatRouter.Server.Channels;
using ChatRouter.Server.Channels.WhatsApp;
using ChatRouter.Testing;

namespace ChatRouter.Server.Tests.Channels.WhatsApp;

public sealed class WhatsAppPayloadsTests
{
    [Fact]
    public void Build_Text_WritesEnvelopeAndBody()
    {
        var json = Build(Reply("Your order shipped"), to: "16505551234");

        json.GetProperty("messaging_product").GetString().Should().Be("whatsapp");
        json.GetProperty("recipient_type").GetString().Should().Be("individual");
        json.GetProperty("to").GetString().Should().Be("+16505551234");
        json.GetProperty("biz_opaque_callback_data").GetString().Should().Be("outbox-1");
        json.GetProperty("type").GetString().Should().Be("text");
        json.GetProperty("text").GetProperty("body").GetString().Should().Be("Your order shipped");
        json.GetProperty("text").GetProperty("preview_url").GetBoolean().Should().BeFalse();
    }

    [Fact]
    public void Build_TextWithLink_AsksForPreview()
    {
        var json = Build(Reply("Track it at HTTPS://example.com/t/1"));

        json.GetProperty("text").GetProperty("preview_url").GetBoolean().Should().BeTrue();
    }

    [Theory]
    [InlineData("+16505551234", "+16505551234")]
    [InlineData("US.13491208655302741918", "US.13491208655302741918")]
    public void Build_Recipient_IsPhoneWithPlusOrBsuidAsIs(string to, string expected)
    {
        var json = Build(Reply("hi"), to);

        json.GetProperty("to").GetString().Should().Be(expected);
    }

    [Fact]
    public void Build_TextOverLimit_IsCutWithEllipsis()
    {
        var body = Build(Reply(new string('a', 5000))).GetProperty("text").GetProperty("body").GetString()!;

        body.Should().HaveLength(WhatsAppLimits.Text).And.EndWith("…");
    }

    [Fact]
    public void Build_Buttons_WritesReplyButtons()
    {
        var json = Build(Reply("Pick one", new QuickReply("track", "Track"), new QuickReply("agent", "Talk to a person")));

        var interactive = json.GetProperty("interactive");
        interactive.GetProperty("type").GetString().Should().Be("button");
        interactive.GetProperty("body").GetProperty("text").GetString().Should().Be("Pick one");
        interactive.GetProperty("action").GetProperty("buttons").EnumerateArray()
            .Select(b => b.GetProperty("reply").GetProperty("id").GetString() + "=" + b.GetProperty("reply").GetProperty("title").GetString())
            .Should().Equal("track=Track", "agent=Talk to a person");
    }

    [Fact]
    public void Build_ButtonTitlesEqualAfterCutting_AreMadeDistinct()
    {
        var json = Build(Reply("Which?", new QuickReply("a", "Order number 123456789 A"), new QuickReply("b", "Order number 123456789 B"), new QuickReply("c", "order number 123456789 C")));

        var titles = Titles(json);

        titles.Should().OnlyHaveUniqueItems().And.OnlyContain(t => t.Length <= WhatsAppLimits.ButtonTitle);
        titles.Should().Equal("Order number 123456…", "Order number 1234… 2", "order number 1234… 3");
    }

    [Fact]
    public void Build_List_GroupsRowsBySectionAndTitlesEverySection()
    {
        var message = Reply("Menu", new QuickReply("a", "Alpha", "first", "s1"), new QuickReply("b", "Beta", null, "s2"), new QuickReply("c", "Gamma", null, "s1"), new QuickReply("d", "Delta")) with
        {
            ListButton = "Options",
            Sections = [new QuickReplySection("s1", "Orders"), new QuickReplySection("s2", "Account")],
        };

        var sections = Build(message).GetProperty("interactive").GetProperty("action").GetProperty("sections").EnumerateArray()
            .Select(s => s.GetProperty("title").GetString() + ": " + string.Join(",", s.GetProperty("rows").EnumerateArray().Select(r => r.GetProperty("id").GetString())))
            .ToList();

        sections.Should().Equal("Orders: a,c", "Account: b", "Options: d");
    }

    [Fact]
    public void Build_ListOfElevenRows_DropsTheEleventh()
    {
        var options = Enumerable.Range(1, 11).Select(i => new QuickReply($"id{i}", $"Row {i}")).ToArray();

        var json = Build(Reply("Pick", options) with { ListButton = "See all" });

        RowIds(json).Should().HaveCount(10).And.NotContain("id11");
    }

    [Fact]
    public void Build_RowIdTooLongOrRepeated_DropsThatRow()
    {
        var json = Build(Reply("Pick", new QuickReply(new string('x', 201), "Too long"), new QuickReply("ok", "Fine"), new QuickReply("ok", "Again"), new QuickReply("ok2", "Fine too")) with { ListButton = "See" });

        RowIds(json).Should().Equal("ok", "ok2");
    }

    [Fact]
    public void Build_NoOptionCanBeSent_FallsBackToNumberedText()
    {
        var json = Build(Reply("Pick", new QuickReply(new string('x', 300), "Only option")));

        json.GetProperty("type").GetString().Should().Be("text");
        json.GetProperty("text").GetProperty("body").GetString().Should().Be("Pick\n\n1. Only option");
    }

    [Fact]
    public void Build_BlankTextsAndTitles_NeverGoEmpty()
    {
        var json = Build(Reply("  ", new QuickReply("yes", " "), new QuickReply("no", "No")));

        json.GetProperty("interactive").GetProperty("body").GetProperty("text").GetString().Should().Be("…");
        Titles(json).Should().Equal("yes", "No");
    }

    [Fact]
    public void Build_Template_WritesNameMetaLanguageAndTextParameters()
    {
        var request = new OutboundRequest("106540352242922", "16505551234", Reply("ignored"), new WhatsAppTemplateMessage("order_update", "pt-BR", ["Ana", "line one\nline two", " "]), "outbox-2");

        var template = Json(WhatsAppPayloads.Build(request)).GetProperty("template");

        template.GetProperty("name").GetString().Should().Be("order_update");
        template.GetProperty("language").GetProperty("code").GetString().Should().Be("pt_BR");
        template.GetProperty("components")[0].GetProperty("parameters").EnumerateArray().Select(p => p.GetProperty("text").GetString())
            .Should().Equal("Ana", "line one line two", "-");
    }

    [Fact]
    public void Build_VeryLongReference_IsLeftOut()
    {
        var request = new OutboundRequest("1", "16505551234", Reply("hi"), null, new string('r', WhatsAppPayloads.CallbackDataLimit + 1));

        Json(WhatsAppPayloads.Build(request)).TryGetProperty("biz_opaque_callback_data", out _).Should().BeFalse();
    }

    [Fact]
    public void Build_NeitherMessageNorTemplate_ThrowsNamingTheReference()
    {
        var act = () => WhatsAppPayloads.Build(new OutboundRequest("1", "2", null, null, "outbox-9"));

        act.Should().Throw<ArgumentException>().WithMessage("*outbox-9*");
    }

    [Fact]
    public void MarkRead_WithTyping_WritesReadStatusAndIndicator()
    {
        var json = Json(WhatsAppPayloads.MarkRead("wamid.IN", typing: true));

        json.GetProperty("status").GetString().Should().Be("read");
        json.GetProperty("message_id").GetString().Should().Be("wamid.IN");
        json.GetProperty("typing_indicator").GetProperty("type").GetString().Should().Be("text");
    }

    internal static OutboundMessage Reply(string text, params QuickReply[] options) => new() { Text = text, Locale = "en", QuickReplies = options };

    private static JsonElement Build(OutboundMessage message, string to = "16505551234") =>
        Json(WhatsAppPayloads.Build(new OutboundRequest("106540352242922", to, message, null, "outbox-1")));

    private static JsonElement Json(byte[] body)
    {
        using var document = JsonDocument.Parse(body);
        var json = document.RootElement.Clone();
        FakeWhatsAppApi.FindViolation(json).Should().BeNull("Meta must accept every payload we build");
        return json;
    }

    private static List<string> Titles(JsonElement json) =>
        [.. json.GetProperty("interactive").GetProperty("action").GetProperty("buttons").EnumerateArray().Select(b => b.GetProperty("reply").GetProperty("title").GetString()!)];

    private static List<string> RowIds(JsonElement json) =>
        [.. json.GetProperty("interactive").GetProperty("action").GetProperty("sections").EnumerateArray().SelectMany(s => s.GetProperty("rows").EnumerateArray()).Select(r => r.GetProperty("id").GetString()!)];
}
