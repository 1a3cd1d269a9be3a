using System.Collections.Concurrent;
using ChatRouter.Testing;
using Microsoft.Extensions.Time.Testing;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace ChatRouter.Console.Tests;

/// <summary>The console in headless Chromium against the real server, with the customer on the fake Cloud API.</summary>
public sealed class AgentConsoleTests(Chromium chromium, ITestOutputHelper output) : IClassFixture<Chromium>
{
    private const string Escalation = "I want to talk to a human";

    [BrowserFact]
    public async Task Console_ClaimReplyHandBack_CustomerGetsTheReplyAndTheHandoffLeavesTheQueue()
    {
        await using var desk = await Helpdesk.StartAsync();
        await desk.CustomerSaysAsync(Escalation);
        var page = await chromium.NewPageAsync();
        var requested = new ConcurrentQueue<string>();
        page.Request += (_, request) => requested.Enqueue(request.Url);
        const string reply = "Hi Sheena, Alex here. Your parcel left the depot this morning.";
        const string note = "Courier confirmed the depot scan; call back if it is late.";

        await FailureScreenshot.RunAsync(page, output, nameof(Console_ClaimReplyHandBack_CustomerGetsTheReplyAndTheHandoffLeavesTheQueue), async () =>
        {
            await SignInAsync(page, desk, ServerApp.AgentKey);
            var waiting = page.Locator("#waiting-list .queue-item", new() { HasText = WhatsAppWebhooks.CustomerName });
            await Expect(waiting).ToContainTextAsync("asked for a human");
            await waiting.ClickAsync();
            await Expect(page.Locator("#conversation-title")).ToHaveTextAsync(WhatsAppWebhooks.CustomerName);
            await Expect(page.Locator("#history .msg-customer").First).ToContainTextAsync(Escalation);

            await page.GetByRole(AriaRole.Button, new() { Name = "Claim", Exact = true }).ClickAsync();
            await Expect(page.Locator("#holder")).ToHaveTextAsync("Claimed by you");
            await Expect(page.Locator("#claimed-list .queue-item")).ToContainTextAsync("Claimed by you");

            var box = page.GetByLabel("Reply to the customer");
            await box.FillAsync(reply);
            await box.PressAsync("Enter");
            await Expect(box).ToHaveValueAsync("");
            await Expect(page.Locator("#history .msg-agent")).ToContainTextAsync(reply);
            var sent = await desk.WaitForTextToCustomerAsync(reply, TimeSpan.FromSeconds(15));
            sent.Account.Should().Be(WhatsAppWebhooks.PhoneNumberId);

            await page.GetByLabel("Internal note").FillAsync(note);
            await page.GetByRole(AriaRole.Button, new() { Name = "Add note" }).ClickAsync();
            await Expect(page.Locator("#history .msg-note")).ToContainTextAsync("Internal note · Alex Agent");
            await Expect(page.Locator("#history .msg-note")).ToContainTextAsync(note);
            await FailureScreenshot.StepAsync(page, output, "replied");

            await page.GetByRole(AriaRole.Button, new() { Name = "Hand back" }).ClickAsync();
            await Expect(page.Locator("#action-status")).ToContainTextAsync("Handed back to the bot");
            await Expect(page.Locator(".queue-item")).ToHaveCountAsync(0);
            await Expect(page.Locator("#waiting-empty")).ToBeVisibleAsync();
        });

        (await desk.GetAsync("/api/handoffs")).GetArrayLength().Should().Be(0);
        desk.WhatsApp.Requests.Snapshot().Should().NotContain(r => r.BodyText.Contains(note, StringComparison.Ordinal), "notes are internal");
        requested.Should().NotContain(url => url.Contains(ServerApp.AgentKey, StringComparison.Ordinal), "the key travels only in the Authorization header");
    }

    [BrowserFact]
    public async Task Console_ArabicMessage_RendersRightToLeftWithoutHorizontalScrolling()
    {
        await using var desk = await Helpdesk.StartAsync();
        await desk.CustomerSaysAsync(Escalation);
        const string arabic = "مرحبا، طلبي رقم A1234 لم يصل بعد. هل يمكنكم مساعدتي؟ لقد انتظرت أكثر من أسبوع وأحتاج إلى معرفة موعد التسليم بالضبط";
        await desk.CustomerSaysAsync(arabic);
        var page = await chromium.NewPageAsync();

        await FailureScreenshot.RunAsync(page, output, nameof(Console_ArabicMessage_RendersRightToLeftWithoutHorizontalScrolling), async () =>
        {
            await SignInAsync(page, desk, ServerApp.AgentKey);
            await page.Locator("#waiting-list .queue-item").First.ClickAsync();
            var arabicText = page.Locator("#history .msg-text", new() { HasText = "طلبي رقم" });
            var englishText = page.Locator("#history .msg-text", new() { HasText = Escalation });

            await Expect(arabicText).ToHaveCSSAsync("direction", "rtl");
            await Expect(englishText).ToHaveCSSAsync("direction", "ltr");
            await Expect(page.Locator("#waiting-list .qi-last")).ToHaveCSSAsync("direction", "rtl");
            foreach (var (width, height) in new[] { (1280, 800), (1440, 900) })
            {
                await page.SetViewportSizeAsync(width, height);
                var overflow = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth - document.documentElement.clientWidth");
                overflow.Should().BeLessThanOrEqualTo(0, $"nothing scrolls sideways at {width}×{height}");
                await FailureScreenshot.StepAsync(page, output, $"arabic-{width}x{height}");
            }

            await page.SetViewportSizeAsync(1280, 800);
        });
    }

    [BrowserFact]
    public async Task Reply_NotClaimedThenWindowLapsed_ShowsEachRefusal()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var desk = await Helpdesk.StartAsync(time);
        await desk.CustomerSaysAsync(Escalation);
        var page = await chromium.NewPageAsync();
        const string reply = "Are you still there?";

        await FailureScreenshot.RunAsync(page, output, nameof(Reply_NotClaimedThenWindowLapsed_ShowsEachRefusal), async () =>
        {
            await SignInAsync(page, desk, ServerApp.AgentKey);
            await page.Locator("#waiting-list .queue-item").First.ClickAsync();
            // Typed once the conversation is shown, as an agent would: a refusal shown earlier is cleared by the load.
            await Expect(page.Locator("#holder")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex("^Waiting"));
            var box = page.GetByLabel("Reply to the customer");
            await box.FillAsync(reply);
            await box.PressAsync("Enter");
            await Expect(page.Locator("#reply-error")).ToContainTextAsync("you have not claimed this conversation");

            await page.GetByRole(AriaRole.Button, new() { Name = "Claim", Exact = true }).ClickAsync();
            await Expect(page.Locator("#holder")).ToHaveTextAsync("Claimed by you");
            time.Advance(TimeSpan.FromHours(25));
            await page.GetByRole(AriaRole.Button, new() { Name = "Send" }).ClickAsync();

            var refusal = page.Locator("#reply-error");
            await Expect(refusal).ToContainTextAsync("24 hours");
            await Expect(refusal.Locator("li")).ToContainTextAsync(["Send an approved WhatsApp message template", "Follow up by email or ticket", "Leave an internal note"]);
            await Expect(box).ToHaveValueAsync(reply);
            await Expect(page.Locator("#window")).ToContainTextAsync("Closed");
            await FailureScreenshot.StepAsync(page, output, "window-lapsed");
        });

        desk.WhatsApp.Requests.Snapshot().Should().NotContain(r => r.BodyText.Contains(reply, StringComparison.Ordinal));
    }

    [BrowserFact]
    public async Task Queue_HandoffPastItsSla_IsMarkedFirstWithTimeOver_AcrossPolls()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var desk = await Helpdesk.StartAsync(time);
        await desk.CustomerSaysAsync(Escalation);
        var sla = TimeSpan.FromSeconds((await desk.GetAsync("/api/handoffs"))[0].GetProperty("slaSeconds").GetInt64());
        time.Advance(sla + TimeSpan.FromMinutes(12));
        await desk.CustomerSaysAsync(Escalation, "16505550999", "Omar Haddad");
        var page = await chromium.NewPageAsync();
        var errors = new ConcurrentQueue<string>();
        // Chromium's own /favicon.ico probe is not the console's doing.
        page.Console += (_, message) => { if (message.Type == "error" && !message.Location.Contains("/favicon.ico", StringComparison.Ordinal)) errors.Enqueue(message.Text + " at " + message.Location); };
        page.PageError += (_, error) => errors.Enqueue(error);
        page.Response += (_, response) => { if (response.Status >= 400) errors.Enqueue($"{response.Status} from {response.Url}"); };

        await FailureScreenshot.RunAsync(page, output, nameof(Queue_HandoffPastItsSla_IsMarkedFirstWithTimeOver_AcrossPolls), async () =>
        {
            await SignInAsync(page, desk, ServerApp.AgentKey);
            var items = page.Locator("#waiting-list .queue-item");
            await Expect(items).ToHaveCountAsync(2);
            await Expect(items.Nth(0)).ToContainTextAsync(WhatsAppWebhooks.CustomerName);
            await Expect(items.Nth(0)).ToHaveClassAsync(new System.Text.RegularExpressions.Regex(@"\bbreached\b"));
            await Expect(items.Nth(0).Locator(".qi-sla")).ToHaveTextAsync("12 min over SLA");
            await Expect(page.GetByRole(AriaRole.Button, new() { Name = "12 min over SLA" })).ToContainTextAsync(WhatsAppWebhooks.CustomerName);
            await Expect(items.Nth(1)).ToContainTextAsync("Omar Haddad");
            await Expect(items.Nth(1).Locator(".qi-sla")).ToBeHiddenAsync();

            // The next poll reads the new overshoot and keeps the order.
            time.Advance(TimeSpan.FromMinutes(3));
            await Expect(items.Nth(0).Locator(".qi-sla")).ToHaveTextAsync("15 min over SLA");
            await Expect(items.Nth(0)).ToContainTextAsync(WhatsAppWebhooks.CustomerName);
            await Expect(items.Nth(1).Locator(".qi-sla")).ToBeHiddenAsync();
            await FailureScreenshot.StepAsync(page, output, "sla-breached");
        });

        errors.Should().BeEmpty("the console logs no errors");
    }

    [BrowserFact]
    public async Task Claim_HeldByAnAgent_AnAdminTakesItOverOnlyAfterConfirming()
    {
        await using var desk = await Helpdesk.StartAsync();
        await desk.CustomerSaysAsync(Escalation);
        var id = (await desk.GetAsync("/api/handoffs"))[0].GetProperty("conversationId").GetString();
        using (var claim = await desk.Server.SendAsync(HttpMethod.Post, $"/api/handoffs/{id}/claim", ServerApp.AgentKey)) claim.EnsureSuccessStatusCode();
        var page = await chromium.NewPageAsync();
        var dialogs = new List<string>();
        var accept = false;
        page.Dialog += async (_, dialog) =>
        {
            dialogs.Add(dialog.Message);
            if (accept) await dialog.AcceptAsync();
            else await dialog.DismissAsync();
        };

        await FailureScreenshot.RunAsync(page, output, nameof(Claim_HeldByAnAgent_AnAdminTakesItOverOnlyAfterConfirming), async () =>
        {
            await SignInAsync(page, desk, ServerApp.AdminKey, "Ada Admin");
            await page.Locator("#claimed-list .queue-item").First.ClickAsync();
            var claim = page.GetByRole(AriaRole.Button, new() { Name = "Claim", Exact = true });

            await claim.ClickAsync();
            await Expect(page.Locator("#action-status")).ToContainTextAsync("Alex Agent already holds this conversation");
            accept = true;
            await claim.ClickAsync();
            await Expect(page.Locator("#holder")).ToHaveTextAsync("Claimed by you");
        });

        dialogs.Should().HaveCount(2).And.OnlyContain(m => m.Contains("Alex Agent holds this conversation"));
        (await desk.GetAsync("/api/handoffs"))[0].GetProperty("claimedBy").GetString().Should().Be("Ada Admin");
    }

    [BrowserFact]
    public async Task SignIn_WrongKey_ShowsTheErrorAndStaysSignedOut()
    {
        await using var desk = await Helpdesk.StartAsync();
        var page = await chromium.NewPageAsync();

        await FailureScreenshot.RunAsync(page, output, nameof(SignIn_WrongKey_ShowsTheErrorAndStaysSignedOut), async () =>
        {
            await page.GotoAsync(desk.ConsoleUrl);
            await page.GetByLabel("Agent API key").FillAsync("not-a-key-0123456789abcdef");
            await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();

            await Expect(page.GetByRole(AriaRole.Alert).Filter(new() { HasText = "not accepted" })).ToBeVisibleAsync();
            await Expect(page.Locator("#app-view")).ToBeHiddenAsync();
            (await page.EvaluateAsync<int>("() => sessionStorage.length")).Should().Be(0);
        });
    }

    [BrowserFact]
    public async Task SignIn_EventsKey_ExplainsThatTheConsoleNeedsAnAgentKey()
    {
        await using var desk = await Helpdesk.StartAsync();
        var page = await chromium.NewPageAsync();

        await FailureScreenshot.RunAsync(page, output, nameof(SignIn_EventsKey_ExplainsThatTheConsoleNeedsAnAgentKey), async () =>
        {
            await page.GotoAsync(desk.ConsoleUrl);
            await page.GetByLabel("Agent API key").FillAsync(ServerApp.EventsKey);
            await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();

            await Expect(page.Locator("#sign-in-error")).ToContainTextAsync("agent or admin role");
            await Expect(page.Locator("#app-view")).ToBeHiddenAsync();
        });
    }

    [BrowserFact]
    public async Task Console_KeyRevokedWhileSignedIn_ReturnsToSignIn()
    {
        await using var desk = await Helpdesk.StartAsync();
        var page = await chromium.NewPageAsync();

        await FailureScreenshot.RunAsync(page, output, nameof(Console_KeyRevokedWhileSignedIn_ReturnsToSignIn), async () =>
        {
            await SignInAsync(page, desk, ServerApp.AgentKey);
            await page.EvaluateAsync("() => sessionStorage.setItem('chatrouter.console.key', 'revoked-key-0123456789abcdef')");

            await Expect(page.Locator("#sign-in-error")).ToContainTextAsync("401");
            await Expect(page.Locator("#app-view")).ToBeHiddenAsync();
            (await page.EvaluateAsync<int>("() => sessionStorage.length")).Should().Be(0);
        });
    }

    private static async Task SignInAsync(IPage page, Helpdesk desk, string key, string name = "Alex Agent")
    {
        await page.GotoAsync(desk.ConsoleUrl);
        await page.GetByLabel("Agent API key").FillAsync(key);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Expect(page.Locator("#agent-name")).ToHaveTextAsync(name);
    }
}
