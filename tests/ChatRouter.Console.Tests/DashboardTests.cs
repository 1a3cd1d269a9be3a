using System.Globalization;
using ChatRouter.Audit;
using ChatRouter.Changelog;
using ChatRouter.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace ChatRouter.Console.Tests;

/// <summary>The dashboard in headless Chromium over a year of seeded daily data: charts drawn, changelog markers, tables, no errors.</summary>
public sealed class DashboardTests(Chromium chromium, ITestOutputHelper output) : IClassFixture<Chromium>
{
    private const string AnalystKey = "analyst-key-0123456789abcdef";
    private const string ArabicFlow = "طلبات-المتجر";

    private static async Task<ServerApp> StartAsync(TempDirectory directory)
    {
        var server = await ServerApp.StartAsync(directory.File("chatrouter.db"), settings: new Dictionary<string, string?>
        {
            ["Agents:ApiKeys:3:Key"] = AnalystKey,
            ["Agents:ApiKeys:3:Role"] = "analyst",
            ["Agents:ApiKeys:3:Name"] = "Ana Lyst",
        });
        await SeedYearAsync(server.Services);
        return server;
    }

    // Five audited sends a day for a year (one flow named in Arabic), and a changelog entry 100 days ago.
    private static async Task SeedYearAsync(IServiceProvider services)
    {
        var audit = services.GetRequiredService<IAuditStore>();
        var today = TimeProvider.System.GetUtcNow().UtcDateTime.Date;
        var records = new List<AuditRecord>();
        for (var d = 364; d >= 1; d--)
        {
            for (var i = 0; i < 5; i++)
            {
                var at = new DateTimeOffset(today.AddDays(-d).AddHours(9 + i), TimeSpan.Zero);
                var flow = i == 0 ? ArabicFlow : "order-status";
                records.Add(new AuditRecord
                {
                    Id = string.Create(CultureInfo.InvariantCulture, $"a{d:D3}{i}"), At = at, CustomerId = "p" + i, ConversationId = "whatsapp:1:p" + i, Channel = "whatsapp",
                    Kind = AuditKinds.Reply, Purpose = "conversation:" + flow, Flow = new AuditFlow { Id = flow, Version = 1 }, Locale = "en", Decision = "sent",
                    ProviderMessageId = "wamid." + d + i, Status = (d + i) % 3 == 0 ? "read" : "delivered", StatusAt = at,
                });
            }
        }

        await audit.AddAsync(records, CancellationToken.None);
        var old = TimeProvider.System.GetUtcNow().AddDays(-100);
        await services.GetRequiredService<IChangelogStore>().AddAsync(
            new ChangelogEntry { Id = "0" + old.ToUnixTimeMilliseconds(), At = old, Kind = ChangelogKinds.Replies, ItemId = "order-status", Hash = new string('a', 64), Summary = "changed: en:ask_order_id" },
            CancellationToken.None);
    }

    [BrowserFact]
    public async Task Dashboard_AYearOfData_DrawsChartsWithMarkers_RightToLeftKeys_NoErrors_NoSidewaysScroll()
    {
        using var directory = new TempDirectory();
        await using var server = await StartAsync(directory);
        var page = await chromium.NewPageAsync(1280, 800);
        var errors = new List<string>();
        page.Console += (_, message) =>
        {
            if (message.Type == "error") errors.Add(message.Text);
        };
        page.PageError += (_, error) => errors.Add(error);

        await FailureScreenshot.RunAsync(page, output, nameof(Dashboard_AYearOfData_DrawsChartsWithMarkers_RightToLeftKeys_NoErrors_NoSidewaysScroll), async () =>
        {
            await page.GotoAsync(server.Address.TrimEnd('/') + "/dashboard/");
            await page.FillAsync("#api-key", AnalystKey);
            await page.ClickAsync("#sign-in-form button[type=submit]");
            await Expect(page.Locator("#rendered")).ToContainTextAsync("29 days drawn");
            await page.SelectOptionAsync("#range", "365");
            // A year back from today; the seed leaves today empty.
            await Expect(page.Locator("#rendered")).ToContainTextAsync("364 days drawn");
            var cold = await page.Locator("#rendered").GetAttributeAsync("data-ms");

            var painted = await page.EvaluateAsync<int>("""
                () => {
                  const canvas = document.querySelector('#rates-chart canvas');
                  const data = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
                  let n = 0;
                  for (let i = 3; i < data.length; i += 4) if (data[i] !== 0) n++;
                  return n;
                }
                """);
            painted.Should().BeGreaterThan(1000, "the rates chart is drawn");
            (await page.Locator("#rates-chart .marker").CountAsync()).Should().BeGreaterThanOrEqualTo(2, "the entry 100 days ago and today's flows loaded at start");
            (await page.Locator("#times-chart canvas").CountAsync()).Should().Be(1);
            var arabic = page.Locator("#flow-table td.key", new() { HasText = ArabicFlow });
            await Expect(arabic).ToHaveCSSAsync("direction", "rtl");
            await Expect(page.Locator("#flow-table td.key", new() { HasText = "order-status" })).ToHaveCSSAsync("direction", "ltr");
            // The bundled flows have one experiment, and nobody was exposed to it.
            await Expect(page.Locator("#experiments")).ToContainTextAsync("nps-question-copy: insufficient_data");
            var overflow = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth - document.documentElement.clientWidth");
            overflow.Should().BeLessThanOrEqualTo(0, "nothing scrolls sideways at 1280×800");
            errors.Should().BeEmpty();

            await page.SelectOptionAsync("#range", "30");
            await Expect(page.Locator("#rendered")).ToContainTextAsync("29 days drawn");
            await page.SelectOptionAsync("#range", "365");
            await Expect(page.Locator("#rendered")).ToContainTextAsync("364 days drawn");
            var warm = await page.Locator("#rendered").GetAttributeAsync("data-ms");
            output.WriteLine($"render of a year (4 reports, changelog, 2 charts, 3 tables): {cold} ms computing the rollups, {warm} ms once stored");
            Directory.CreateDirectory(FailureScreenshot.Folder);
            var shot = Path.Combine(FailureScreenshot.Folder, "dashboard.png");
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = shot, FullPage = true });
            output.WriteLine("screenshot: " + shot);
        });
    }

    [BrowserFact]
    public async Task Dashboard_AHandoffPastItsSla_IsCountedInItsQueuesRow()
    {
        using var directory = new TempDirectory();
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var whatsApp = await FakeWhatsAppApi.StartAsync();
        await using var server = await ServerApp.StartAsync(directory.File("chatrouter.db"), whatsApp, time: time, settings: new Dictionary<string, string?>
        {
            ["Agents:ApiKeys:3:Key"] = AnalystKey,
            ["Agents:ApiKeys:3:Role"] = "analyst",
            ["Agents:ApiKeys:3:Name"] = "Ana Lyst",
            ["Handoff:DefaultSla"] = "00:05:00",
            ["Handoff:Sla:support"] = "00:05:00",
        });
        await server.PostWhatsAppAsync(WhatsAppWebhooks.Message(WhatsAppWebhooks.Text("I want to talk to a human")));
        await server.IdleAsync();
        var queue = (await server.Store.OpenHandoffsAsync(CancellationToken.None)).Should().ContainSingle().Subject.Handoff!.Queue;
        time.Advance(TimeSpan.FromMinutes(6));
        var page = await chromium.NewPageAsync(1280, 800);
        var errors = new List<string>();
        page.Console += (_, message) =>
        {
            if (message.Type == "error") errors.Add(message.Text);
        };
        page.PageError += (_, error) => errors.Add(error);

        await FailureScreenshot.RunAsync(page, output, nameof(Dashboard_AHandoffPastItsSla_IsCountedInItsQueuesRow), async () =>
        {
            await page.GotoAsync(server.Address.TrimEnd('/') + "/dashboard/");
            await page.FillAsync("#api-key", AnalystKey);
            await page.ClickAsync("#sign-in-form button[type=submit]");

            var row = page.Locator("#sla-table tbody tr");
            await Expect(row).ToHaveCountAsync(1);
            await Expect(row.Locator("td")).ToHaveTextAsync([queue, "300 s", "1", "1 (100.0 %)"]);
        });

        errors.Should().BeEmpty();
    }

    [BrowserFact]
    public async Task Dashboard_AnAgentKey_IsToldItNeedsAnAnalystOrAdminKey()
    {
        using var directory = new TempDirectory();
        await using var server = await StartAsync(directory);
        var page = await chromium.NewPageAsync();

        await FailureScreenshot.RunAsync(page, output, nameof(Dashboard_AnAgentKey_IsToldItNeedsAnAnalystOrAdminKey), async () =>
        {
            await page.GotoAsync(server.Address.TrimEnd('/') + "/dashboard/");
            await page.FillAsync("#api-key", ServerApp.AgentKey);
            await page.ClickAsync("#sign-in-form button[type=submit]");

            await Expect(page.Locator("#sign-in-error")).ToContainTextAsync("analyst or admin key");
            await Expect(page.Locator("#app-view")).ToBeHiddenAsync();
        });
    }
}
