using System.Collections.Concurrent;
using ChatRouter.Review;
using ChatRouter.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace ChatRouter.Console.Tests;

/// <summary>The review page in headless Chromium: a trainer labels the queue from the keyboard into train-data/&lt;locale&gt;.tsv.</summary>
public sealed class ReviewPageTests(Chromium chromium, ITestOutputHelper output) : IClassFixture<Chromium>, IAsyncLifetime
{
    private const string TrainerKey = "trainer-key-0123456789abcdef";
    private readonly TempDirectory _directory = new();
    private ServerApp _server = null!;

    private string TrainFile => Path.Combine(_directory.File("train-data"), "en.tsv");

    private IReviewStore Store => _server.Services.GetRequiredService<IReviewStore>();

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(Path.GetDirectoryName(TrainFile)!);
        await File.WriteAllTextAsync(TrainFile, "text\tintent\nwhere is my order\torder_status\nhi\tgreeting\ncancel it\tcancel_order\n");
        _server = await ServerApp.StartAsync(_directory.File("chatrouter.db"), settings: new Dictionary<string, string?>
        {
            ["Agents:ApiKeys:3:Key"] = TrainerKey,
            ["Agents:ApiKeys:3:Role"] = "trainer",
            ["Agents:ApiKeys:3:Name"] = "Tom Trainer",
            ["Review:TrainDataPath"] = Path.GetDirectoryName(TrainFile),
        });
    }

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        _directory.Dispose();
    }

    private static ReviewItem Item(string id, string text, params (string Intent, double Confidence)[] top) => new()
    {
        // Queued now: the purge at start removes items older than Retention:Review.
        Id = id, At = TimeProvider.System.GetUtcNow(), CustomerId = "p1", ConversationId = "c1", Text = text, Locale = "en",
        Flow = "orders", State = "menu", Reason = ReviewReasons.Clarify, Intent = top[0].Intent, Confidence = top[0].Confidence,
        Top = [.. top.Select(t => new ReviewScore { Intent = t.Intent, Confidence = t.Confidence })],
    };

    [BrowserFact]
    public async Task Review_LabelByKeyboard_AppendsEachRowAndShowsTheNextItem()
    {
        await Store.AddAsync(
        [
            Item("r1", "is [id] coming?", ("greeting", 0.5), ("order_status", 0.45)),
            Item("r2", "stop the order", ("order_status", 0.4), ("cancel_order", 0.35), ("greeting", 0.1)),
            Item("r3", "what's the weather", ("greeting", 0.3)),
            Item("r4", "asdf", ("greeting", 0.2)),
        ], CancellationToken.None);
        var page = await chromium.NewPageAsync();
        var errors = new ConcurrentQueue<string>();
        page.Console += (_, message) => { if (message.Type == "error") errors.Enqueue(message.Text); };
        page.PageError += (_, error) => errors.Enqueue(error);

        await FailureScreenshot.RunAsync(page, output, nameof(Review_LabelByKeyboard_AppendsEachRowAndShowsTheNextItem), async () =>
        {
            await page.GotoAsync(_server.Address.TrimEnd('/') + "/console/review.html");
            await page.GetByLabel("Trainer API key").FillAsync(TrainerKey);
            await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
            await Expect(page.Locator("#agent-name")).ToHaveTextAsync("Tom Trainer");
            var text = page.Locator("#item-text");
            await Expect(text).ToHaveTextAsync("is [id] coming?");
            await Expect(page.Locator("#suggestions .suggestion")).ToHaveTextAsync(["1greeting50 %", "2order_status45 %"]);

            await FailureScreenshot.StepAsync(page, output, "review-first");
            await page.Keyboard.PressAsync("2");
            await Expect(text).ToHaveTextAsync("stop the order");
            (await File.ReadAllLinesAsync(TrainFile)).Should().EndWith("is [id] coming?\torder_status");

            await page.Keyboard.PressAsync("ArrowDown");
            await Expect(page.Locator("#suggestions .suggestion.active")).ToContainTextAsync("cancel_order");
            await page.Keyboard.PressAsync("Enter");
            await Expect(text).ToHaveTextAsync("what's the weather");
            (await File.ReadAllLinesAsync(TrainFile)).Should().EndWith("stop the order\tcancel_order");

            await page.Keyboard.PressAsync("o");
            await Expect(text).ToHaveTextAsync("asdf");
            await page.Keyboard.PressAsync("s");
            await Expect(page.Locator("#done")).ToBeVisibleAsync();
            await Expect(page.Locator("#status")).ToContainTextAsync("Skipped");
        });

        (await File.ReadAllLinesAsync(TrainFile)).Should().Equal(
            "text\tintent", "where is my order\torder_status", "hi\tgreeting", "cancel it\tcancel_order",
            "is [id] coming?\torder_status", "stop the order\tcancel_order", "what's the weather\toos");
        (await Store.FindAsync("r4", CancellationToken.None))!.Status.Should().Be(ReviewStatus.Skipped);
        (await Store.ChangesAsync("r2", CancellationToken.None)).Should().ContainSingle().Which.By.Should().Be("Tom Trainer");
        errors.Should().BeEmpty("the page logs no errors");
    }

    [BrowserFact]
    public async Task Review_AnUnknownIntentTyped_ShowsTheClosest_AndTheItemStays()
    {
        await Store.AddAsync([Item("r1", "is [id] coming?", ("greeting", 0.5))], CancellationToken.None);
        var page = await chromium.NewPageAsync();

        await FailureScreenshot.RunAsync(page, output, nameof(Review_AnUnknownIntentTyped_ShowsTheClosest_AndTheItemStays), async () =>
        {
            await page.GotoAsync(_server.Address.TrimEnd('/') + "/console/review.html");
            await page.GetByLabel("Trainer API key").FillAsync(TrainerKey);
            await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
            await Expect(page.Locator("#item-text")).ToHaveTextAsync("is [id] coming?");

            await page.GetByLabel("Another intent").FillAsync("ordr_status");
            await page.GetByLabel("Another intent").PressAsync("Enter");

            await Expect(page.Locator("#item-error")).ToContainTextAsync("Closest: order_status");
            await Expect(page.Locator("#item-text")).ToHaveTextAsync("is [id] coming?");
        });

        (await Store.FindAsync("r1", CancellationToken.None))!.Status.Should().Be(ReviewStatus.Pending);
    }
}
