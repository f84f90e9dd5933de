using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Zhichan.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Zhichan.Tests.Browser;

/// <summary>Helpers shared by the browser tests: sign in through the login page, find menu entries, save screenshots.</summary>
public static class Ui
{
    public static async Task<IPage> LoginAsync(BrowserFixture browser, string username, string? baseUrl = null)
    {
        var page = await browser.NewPageAsync(baseUrl);
        await page.GotoAsync("/login");
        await page.FillAsync("input[name=username]", username);
        await page.FillAsync("input[name=password]", ZhichanFactory.Password);
        await page.ClickAsync("[data-testid=login-submit]");
        await Expect(page).ToHaveURLAsync(new Regex("^(?!.*/login).*$"));
        await Expect(page.Locator("[data-testid=current-user]")).ToBeVisibleAsync();
        return page;
    }

    /// <summary>Runs the steps; when one fails, saves failure-{name}.png of the page first (to see what the test saw).</summary>
    public static async Task WithFailureShotAsync(IPage page, string name, Func<Task> steps)
    {
        try
        {
            await steps();
        }
        catch
        {
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserFixture.ScreenshotDir, $"failure-{name}.png") });
            throw;
        }
    }

    /// <summary>An HTTP client signed in to the browser tests' app as a demo account (for arranging data quickly through the API).</summary>
    public static Task<HttpClient> ApiAsync(BrowserFixture browser, string? username) => ApiAsync(browser.BaseUrl, username);

    /// <summary>An HTTP client of a Kestrel app (a class's own <see cref="KestrelFactory"/>) signed in as a demo account, with its XSRF header.</summary>
    public static async Task<HttpClient> ApiAsync(string baseUrl, string? username)
    {
        var client = new HttpClient(new HttpClientHandler { CookieContainer = new System.Net.CookieContainer(), UseCookies = true }) { BaseAddress = new Uri(baseUrl) };
        if (username is null) return client;
        var res = await client.PostAsync("/api/auth/login", System.Net.Http.Json.JsonContent.Create(new { username, password = ZhichanFactory.Password }));
        res.EnsureSuccessStatusCode();
        var token = System.Text.Json.JsonDocument.Parse(await res.Content.ReadAsStringAsync()).RootElement.GetProperty("csrfToken").GetString();
        client.DefaultRequestHeaders.Add("X-XSRF-TOKEN", token);
        return client;
    }

    /// <summary>Picks an option of an Element Plus select (the dropdown is teleported to the body).</summary>
    public static async Task SelectAsync(IPage page, string selectSelector, string optionText)
    {
        await page.ClickAsync(selectSelector);
        await page.Locator(".el-select-dropdown__item:visible", new() { HasTextString = optionText }).First.ClickAsync();
    }

    private static readonly bool TakeShots = Environment.GetEnvironmentVariable("ZHICHAN_SCREENSHOTS") switch
    {
        "1" => true,
        "0" => false,
        _ => Environment.GetEnvironmentVariable("CI") != "true",
    };

    public static ILocator Menu(IPage page) => page.Locator("[data-testid=main-menu]");

    public static ILocator MenuEntry(IPage page, string key) => page.Locator($"[data-testid=main-menu] [data-menu='{key}']");

    /// <summary>
    /// Saves artifacts/screenshots/{name}.png for a person to look at, once the network has settled (charts drawn, lists loaded).
    /// Under CI (CI=true) only the wait is kept — nobody looks at the pictures there and the full-page captures cost minutes of CPU
    /// (ADR 0049); ZHICHAN_SCREENSHOTS=1 takes them there too. Failure shots (<see cref="WithFailureShotAsync"/>) are always taken.
    /// </summary>
    public static async Task ShotAsync(IPage page, string name)
    {
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        if (!TakeShots) return;
        await page.WaitForTimeoutAsync(300); // chart and drawer animations
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserFixture.ScreenshotDir, name + ".png"), FullPage = true });
    }
}
