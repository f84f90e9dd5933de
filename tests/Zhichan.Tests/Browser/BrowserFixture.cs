using Microsoft.Playwright;
using Zhichan.Tests.Infrastructure;

namespace Zhichan.Tests.Browser;

/// <summary>Browser tests share one app and one Chromium and never run in parallel with each other.</summary>
[CollectionDefinition("Browser")]
public sealed class BrowserCollection : ICollectionFixture<BrowserFixture>;

/// <summary>
/// The real app on Kestrel (own test database, demo accounts) serving the built web front end from wwwroot, and the
/// machine's Chromium driven by Playwright. No browser is ever downloaded.
/// </summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    public const string ChromiumPath = "/usr/bin/chromium";
    private IPlaywright? _playwright;
    private IBrowser? _browser;

    public KestrelFactory App { get; } = new();
    public string BaseUrl { get; private set; } = "";
    public IBrowser Browser => _browser ?? throw new InvalidOperationException("The browser did not start.");
    public static string ScreenshotDir { get; } = Path.Combine(TestData.RepoRoot, "artifacts", "screenshots");
    public static string IndexHtml { get; } = Path.Combine(TestData.RepoRoot, "src", "Zhichan.Api", "wwwroot", "index.html");

    public async Task InitializeAsync()
    {
        if (!File.Exists(IndexHtml))
            throw new InvalidOperationException(
                $"The web front end is not built: {IndexHtml} is missing. Build the web first: cd web && npm ci && npm run build");
        if (!File.Exists(ChromiumPath))
            throw new InvalidOperationException(
                $"Chromium is not installed at {ChromiumPath}. Install it with: apt-get install -y chromium fonts-wqy-microhei");
        Directory.CreateDirectory(ScreenshotDir);
        // URL and element expectations poll (no load-event waits, which a client-side redirect may never fire) and are as
        // patient as the page actions: the machine is shared with other test runs and builds
        Assertions.SetDefaultExpectTimeout(20_000);

        await App.InitializeAsync();
        BaseUrl = App.BaseUrl;
        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-dev-shm-usage"],
        });
    }

    /// <summary>A fresh page in its own context (own cookies), Chinese locale, desktop size; on the shared app unless another is given.</summary>
    public async Task<IPage> NewPageAsync(string? baseUrl = null)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = baseUrl ?? BaseUrl,
            Locale = "zh-CN",
            TimezoneId = "Asia/Shanghai",
            ViewportSize = new ViewportSize { Width = 1440, Height = 900 },
        });
        // generous: the machine is shared with other test runs and builds
        context.SetDefaultTimeout(20_000);
        context.SetDefaultNavigationTimeout(45_000);
        return await context.NewPageAsync();
    }

    public async Task DisposeAsync()
    {
        if (_browser is not null) await _browser.CloseAsync();
        _playwright?.Dispose();
        await App.DisposeAsync();
    }
}
