using Microsoft.Playwright;
using Xunit.Abstractions;

namespace ChatRouter.Console.Tests;

/// <summary>Runs a browser test and, when it fails, saves what the page showed into the test output folder.</summary>
internal static class FailureScreenshot
{
    public static string Folder => Path.Combine(AppContext.BaseDirectory, "screenshots");

    public static async Task RunAsync(IPage page, ITestOutputHelper output, string name, Func<Task> test)
    {
        Directory.CreateDirectory(Folder);
        File.Delete(Path.Combine(Folder, name + ".failed.png"));
        try
        {
            await test();
            await StepAsync(page, output, name);
        }
        catch
        {
            await SaveAsync(page, output, name + ".failed");
            throw;
        }
    }

    /// <summary>Opt-in, for looking at the layout by eye: with CHATROUTER_SCREENSHOTS=1 passing tests save views too.</summary>
    public static async Task StepAsync(IPage page, ITestOutputHelper output, string name)
    {
        if (Environment.GetEnvironmentVariable("CHATROUTER_SCREENSHOTS") == "1") await SaveAsync(page, output, name);
    }

    public static async Task SaveAsync(IPage page, ITestOutputHelper output, string name)
    {
        var path = Path.Combine(Folder, name + ".png");
        try
        {
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = path });
            output.WriteLine($"screenshot: {path}");
        }
        catch (PlaywrightException e)
        {
            output.WriteLine($"no screenshot ({e.Message})");
        }
    }
}
