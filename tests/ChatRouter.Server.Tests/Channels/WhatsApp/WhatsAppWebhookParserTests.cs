using System.Text.Json;
using System.Text.Json.Nodes;
using ChatRouter.Messaging;
using ChatRouter.Server.Channels;
using ChatRouter.Server.Inbox;
using ChatRouter.Server.Webhooks;
using ChatRouter.Server.Channels.WhatsApp;
using ChatRouter.Testing;
using W = ChatRouter.Testing.WhatsAppWebhooks;

namespace ChatRouter.Server.Tests.Channels.WhatsApp;

public sealed partial class WhatsAppWebhookParserTests
{
    [Fact]
    public void Parse_Text_ProducesCustomerMessage()
    {
        var body = W.Message(W.Text("Where is my order?", id: "wamid.A"));

        var message = SingleMessage(body);

        message.Channel.Should().Be("whatsapp");
        message.BusinessNumber.Should().Be(W.PhoneNumberId);
        message.CustomerId.Should().Be(W.CustomerWaId);
        message.OtherCustomerIds.Should().BeEmpty();
        message.Phone.Should().Be("+" + W.CustomerWaId);
        message.ProfileName.Should().Be(W.CustomerName);
        message.Kind.Should().Be(InboundKind.Text);
        message.Text.Should().Be("Where is my order?");
        message.ProviderMessageId.Should().Be("wamid.A");
        message.SentAt.Should().Be(Some.Instant);
    }

    [Theory]
    [InlineData("button")]
    [InlineData("list")]
    public void Parse_InteractiveReply_IsQuickReplyWithIdAndTitle(string kind)
    {
        var reply = kind == "button" ? W.ButtonReply("track", "Track order") : W.ListReply("track", "Track order", "Where it is now");

        var message = SingleMessage(W.Message(reply));

        message.Kind.Should().Be(InboundKind.QuickReply);
        message.QuickReplyId.Should().Be("track");
        message.Text.Should().Be("Track order");
    }

    [Fact]
    public void Parse_TemplateButtonWithoutPayload_FallsBackToLabel()
    {
        var message = SingleMessage(W.Message(W.TemplateButton(null, "Stop promotions")));

        message.Kind.Should().Be(InboundKind.QuickReply);
        message.QuickReplyId.Should().Be("Stop promotions");
        message.Text.Should().Be("Stop promotions");
    }

    [Theory]
    [InlineData("image")]
    [InlineData("audio")]
    [InlineData("video")]
    [InlineData("document")]
    [InlineData("sticker")]
    public void Parse_Media_KeepsTypeAndCaption(string type)
    {
        var message = SingleMessage(W.Message(W.Media(type, caption: "look")));

        message.Kind.Should().Be(InboundKind.Media);
        message.MediaType.Should().Be(type);
        message.Text.Should().Be("look");
    }

    [Theory]
    [InlineData("order")]
    [InlineData("system")]
    [InlineData("request_welcome")]
    [InlineData("some_type_from_2027")]
    public void Parse_TypeWeCannotRead_IsUnsupportedMedia(string type)
    {
        var message = SingleMessage(W.Message(W.OfType(type, new JsonObject { ["anything"] = new JsonArray(1, 2) })));

        message.Kind.Should().Be(InboundKind.Media);
        message.MediaType.Should().Be("unsupported");
    }

    [Fact]
    public void Parse_RemovedReaction_IsReactionWithoutText()
    {
        var message = SingleMessage(W.Message(W.Reaction(null)));

        message.MediaType.Should().Be("reaction");
        message.Text.Should().BeNull();
    }

    [Fact]
    public void Parse_BsuidWithWaId_KeysOnBsuidAndKeepsWaIdAndPhone()
    {
        var body = W.Message(W.Text("hi"), W.Contact(W.CustomerWaId, "Sheena", userId: W.CustomerBsuid));

        var message = SingleMessage(body);

        message.CustomerId.Should().Be(W.CustomerBsuid);
        message.OtherCustomerIds.Should().Equal(W.CustomerWaId);
        message.Phone.Should().Be("+" + W.CustomerWaId);
    }

    [Fact]
    public void Parse_BsuidWithoutPhone_KeysOnBsuidWithNoPhone()
    {
        var text = W.Text("hi", from: null);
        text["from_user_id"] = W.CustomerBsuid;

        var message = SingleMessage(W.Message(text, W.Contact(waId: null, "cool_user", userId: W.CustomerBsuid)));

        message.CustomerId.Should().Be(W.CustomerBsuid);
        message.OtherCustomerIds.Should().BeEmpty();
        message.Phone.Should().BeNull();
        message.ProfileName.Should().Be("cool_user");
    }

    [Fact]
    public void Parse_TwoEntriesTimesTwoChanges_KeepsEveryMessageInOrderWithItsOwnSender()
    {
        var ana = W.Contact("5511987654321", "Ana");
        JsonObject Change(string prefix, JsonObject contact, string from) =>
            W.Change("messages", W.MessagesValue([contact], [W.Text(prefix + "1", from, id: "wamid." + prefix + "1"), W.Text(prefix + "2", from, id: "wamid." + prefix + "2"), W.Text(prefix + "3", from, id: "wamid." + prefix + "3")]));
        var body = W.Envelope(
            W.Entry(Change("a", W.Contact(), W.CustomerWaId), Change("b", ana, "5511987654321")),
            W.Entry(Change("c", W.Contact(), W.CustomerWaId), Change("d", W.Contact("5511987654321", "Ana"), "5511987654321")));

        var parse = Parse(body);

        parse.Skipped.Should().BeEmpty();
        var messages = parse.Items.Cast<MessageItem>().Select(n => n.Message).ToList();
        messages.Select(m => m.Text).Should().Equal("a1", "a2", "a3", "b1", "b2", "b3", "c1", "c2", "c3", "d1", "d2", "d3");
        messages.Where(m => m.Text!.StartsWith('b')).Should().OnlyContain(m => m.ProfileName == "Ana" && m.Phone == "+5511987654321");
    }

    [Fact]
    public void Parse_EscapedAndRawUnicode_ReadTheSame()
    {
        var body = W.Message(W.Text("¿Dónde está? 📦 مرحبا", id: "wamid.U"), W.Contact(W.CustomerWaId, "José"));

        var raw = SingleMessage(W.Bytes(body));
        var escaped = SingleMessage(W.Bytes(body, asciiEscaped: true));

        escaped.Should().BeEquivalentTo(raw);
        raw.Text.Should().Be("¿Dónde está? 📦 مرحبا");
        raw.ProfileName.Should().Be("José");
    }

    private static WebhookParse Parse(JsonNode body) => Parse(W.Bytes(body));

    private static WebhookParse Parse(byte[] body)
    {
        using var document = JsonDocument.Parse(body);
        return WhatsAppWebhookParser.Parse(document.RootElement);
    }

    private static InboundMessage SingleMessage(JsonNode body) => SingleMessage(W.Bytes(body));

    private static InboundMessage SingleMessage(byte[] body)
    {
        var parse = Parse(body);
        parse.Skipped.Should().BeEmpty();
        return parse.Items.Should().ContainSingle().Which.Should().BeOfType<MessageItem>().Subject.Message;
    }
}
