using System.Text.Json;
using ChatRouter.Testing;

namespace ChatRouter.Cli.Tests;

public sealed class ChatCommandTests : IDisposable
{
    private readonly TempDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    private Task<CliRun> ChatAsync(string input, params string[] extra) =>
        CliRun.RunAsync(input, ["chat", "--flows", RepoPaths.Flows, "--models", _directory.File("no-models"), "--db", _directory.File("chat.db"), .. extra]);

    private static List<JsonElement> Events(CliRun run) => run.OutLines.Select(l => JsonDocument.Parse(l).RootElement).ToList();

    [Fact]
    public async Task Chat_Json_PrintsContractEventsOnePerLine()
    {
        var run = await ChatAsync("hi\n1\nA1001\nagent\n", "--json", "--locale", "en");

        run.ExitCode.Should().Be(0);
        var events = Events(run);
        var replies = events.Where(e => e.GetProperty("type").GetString() == "reply").ToList();
        replies.Should().HaveCount(4);
        replies[0].GetProperty("quickReplies").EnumerateArray().Select(q => q.GetProperty("id").GetString()).Should().Equal("orders", "points", "updates", "support", "person");
        replies[0].GetProperty("flow").GetString().Should().Be("welcome");
        replies[0].GetProperty("state").GetString().Should().Be("menu");
        replies[0].GetProperty("locale").GetString().Should().Be("en");
        replies[1].GetProperty("state").GetString().Should().Be("ask_order_id");
        replies[1].GetProperty("quickReplies").GetArrayLength().Should().Be(0);
        replies[2].GetProperty("text").GetString().Should().StartWith("Order *A1001*");
        var handoff = events.Single(e => e.GetProperty("type").GetString() == "handoff");
        handoff.GetProperty("reason").GetString().Should().Be("keyword");
        handoff.GetProperty("queue").GetString().Should().Be("support");
    }

    [Fact]
    public async Task Chat_Json_OptOutAndOptInAreEvents()
    {
        var run = await ChatAsync("STOP\nSTART\n", "--json");

        Events(run).Select(e => e.GetProperty("type").GetString()).Should().Equal("reply", "optout", "reply", "optin");
    }

    [Fact]
    public async Task Chat_Text_ShowsNumberedQuickRepliesLikeWhatsApp()
    {
        var run = await ChatAsync("hi\n", "--locale", "en");

        run.Out.Should().Contain("bot> Hi! 👋 I'm the virtual assistant.");
        run.Out.Should().Contain("[See options]");
        run.Out.Should().Contain("1. Order status — Find out where your order is");
        run.Out.Should().Contain("5. Talk to a person");
    }

    [Fact]
    public async Task Chat_SameUserAndDb_ResumesTheConversation()
    {
        await ChatAsync("hi\n1\n", "--json", "--user", "ana", "--locale", "es");

        var resumed = await ChatAsync("A1001\n", "--json", "--user", "ana");
        var other = await ChatAsync("A1001\n", "--json", "--user", "bruno");

        var reply = Events(resumed).Single(e => e.GetProperty("type").GetString() == "reply");
        reply.GetProperty("state").GetString().Should().Be("found");
        reply.GetProperty("locale").GetString().Should().Be("es");
        Events(other).First(e => e.GetProperty("type").GetString() == "reply").GetProperty("flow").GetString().Should().Be("welcome");
    }

    [Fact]
    public async Task Chat_Commands_LocaleResetAndEvent()
    {
        var run = await ChatAsync("hi\n/locale pt-BR\n/reset\n/event order.shipped {\"orderId\":\"A1001\",\"carrier\":\"DHL\"}\n/quit\nnever read\n", "--json");

        var replies = Events(run).Where(e => e.GetProperty("type").GetString() == "reply").ToList();
        replies.Should().HaveCount(2);
        replies[1].GetProperty("locale").GetString().Should().Be("pt-BR");
        replies[1].GetProperty("state").GetString().Should().Be("shipped");
        replies[1].GetProperty("text").GetString().Should().Contain("A1001").And.Contain("DHL");
    }

    [Fact]
    public async Task Chat_BadCommandOrEventJson_IsAnErrorEventAndTheChatGoesOn()
    {
        var run = await ChatAsync("/event order.shipped {not json\n/frobnicate\nhi\n", "--json");

        var types = Events(run).Select(e => e.GetProperty("type").GetString()).ToList();
        types.Should().Equal("error", "error", "reply");
        Events(run)[0].GetProperty("message").GetString().Should().Contain("not valid JSON");
    }
}
