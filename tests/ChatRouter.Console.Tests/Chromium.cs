using Microsoft.Playwright;

namespace ChatRouter.Console.Tests;

/// <summary>
/// Debian's headless Chromium driven by Playwright, one browser per test class (each test gets its own context,
/// so session storage never leaks between tests). Never a downloaded browser: the network is closed, and
/// tests/run.sh installs the packages chromium and chromium-driver.
/// </summary>
public sealed class Chromium : IAsyncLifetime
{
    // Without the background-networking flags Chromium keeps dialling Google on a closed network.
    private static readonly string[] LaunchArgs =
        ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"];

    private IPlaywright? _playwright;
    private IBrowser? _browser;

    /// <summary>The binary `which chromium` names, or null when it is not installed.</summary>
    public static string? ExecutablePath { get; } = Find("chromium");

    /// <summary>Under CI (the variable CI set) a missing browser fails the tests instead of skipping them.</summary>
    public static bool Required => !string.IsNullOrEmpty(Environment.GetEnvironmentVariable("CI"));

    public static string? SkipReason => ExecutablePath is null && !Required
        ? "chromium is not installed; tests/run.sh installs Debian's chromium and chromium-driver (under CI a missing browser fails)."
        : null;

    public IBrowser Browser => _browser ?? throw new InvalidOperationException(
        "chromium was not found on PATH: run tests/run.sh, which installs Debian's chromium and chromium-driver (apt-get install chromium chromium-driver).");

    /// <summary>A fresh context (its own storage) and page at <paramref name="width"/>×<paramref name="height"/>.</summary>
    public async Task<IPage> NewPageAsync(int width = 1280, int height = 800)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            ViewportSize = new ViewportSize { Width = width, Height = height },
            Locale = "en-US",
            TimezoneId = "UTC",
        });
        context.SetDefaultTimeout(10_000);
        return await context.NewPageAsync();
    }

    public async Task InitializeAsync()
    {
        if (ExecutablePath is null) return;
        Assertions.SetDefaultExpectTimeout(10_000);
        _playwright = await Playwright.CreateAsync();
        // LaunchAsync gives every launch a fresh, empty user-data dir of its own, deleted on close.
        _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions { ExecutablePath = ExecutablePath, Headless = true, Args = LaunchArgs });
    }

    public async Task DisposeAsync()
    {
        if (_browser is not null) await _browser.DisposeAsync();
        _playwright?.Dispose();
    }

    private static string? Find(string name) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "")
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(folder => Path.Combine(folder, name))
            .FirstOrDefault(File.Exists);
}

/// <summary>A test that needs <see cref="Chromium"/>: skipped, with the reason, only when chromium is missing outside CI.</summary>
public sealed class BrowserFactAttribute : FactAttribute
{
    public BrowserFactAttribute()
    {
        if (Chromium.SkipReason is { } reason) Skip = reason;
    }
}
