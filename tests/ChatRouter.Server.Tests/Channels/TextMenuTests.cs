using ChatRouter.Messaging;
using ChatRouter.Server.Channels;

namespace ChatRouter.Server.Tests.Channels;

public sealed class TextMenuTests
{
    [Fact]
    public void Render_PlainText_IsTheText()
    {
        TextMenu.Render(new OutboundMessage { Text = "Hello", Locale = "en" }).Should().Be("Hello");
    }

    [Fact]
    public void Render_QuickReplies_AreNumberedInOrderWithDescriptions()
    {
        var message = new OutboundMessage
        {
            Text = "How can I help?",
            Locale = "en",
            QuickReplies = [new QuickReply("track", "Track an order", "Where it is now"), new QuickReply("agent", "Talk to a person")],
        };

        TextMenu.Render(message).Should().Be("How can I help?\n\n1. Track an order — Where it is now\n2. Talk to a person");
    }

    [Fact]
    public void Render_Sections_BecomeHeadingsAndNumberingContinues()
    {
        var message = new OutboundMessage
        {
            Text = "Menu",
            Locale = "en",
            ListButton = "Options",
            QuickReplies = [new QuickReply("a", "Alpha", null, "s1"), new QuickReply("b", "Beta", null, "s1"), new QuickReply("c", "Gamma", null, "s2")],
            Sections = [new QuickReplySection("s1", "Orders"), new QuickReplySection("s2", "Account")],
        };

        TextMenu.Render(message).Should().Be("Menu\n\n*Orders*\n1. Alpha\n2. Beta\n\n*Account*\n3. Gamma");
    }

    [Fact]
    public void Render_LongText_CutsTheTextNeverTheOptions()
    {
        var options = Enumerable.Range(1, 10).Select(i => new QuickReply($"id{i}", $"Option number {i}", new string('d', 70))).ToList();
        var message = new OutboundMessage { Text = new string('t', 5000), Locale = "en", QuickReplies = options };

        var text = TextMenu.Render(message);

        text.Length.Should().Be(WhatsAppLimits.Text);
        text.Should().EndWith("10. Option number 10 — " + new string('d', 70));
        text.Should().Contain("…\n\n1. Option number 1");
    }

    [Fact]
    public void Render_TitleWithLineBreakOrBlank_StaysOneNumberedLine()
    {
        var message = new OutboundMessage { Text = "Pick", Locale = "ar", QuickReplies = [new QuickReply("a", "نعم\nأكيد"), new QuickReply("b", " ")] };

        TextMenu.Render(message).Should().Be("Pick\n\n1. نعم أكيد\n2. b");
    }
}
