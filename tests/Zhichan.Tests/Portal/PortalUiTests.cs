using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Deque.AxeCore.Playwright;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Zhichan.Api.Platform;
using Zhichan.Tests.Browser;
using Zhichan.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Zhichan.Tests.Portal;

/// <summary>
/// Issue 25 §1 in the browser: the portal as an anonymous visitor at desktop (1280 px) and phone (375 px) width, its
/// navigation by keyboard, axe-core on the home and two sections (no serious or critical violation), and the bureau
/// publishing a news item that the anonymous visitor then reads. Own app: the figures come from real records.
/// </summary>
[Collection("Browser")]
public class PortalUiTests(BrowserFixture browser, KestrelFactory app) : IClassFixture<KestrelFactory>
{
    private static int _arranged;

    /// <summary>The indicator catalogue and plans as a first start loads them, three real 恒瑞 inventions, one recomputation.</summary>
    private async Task ArrangeOnceAsync()
    {
        if (Interlocked.Exchange(ref _arranged, 1) == 1) return;
        foreach (var task in app.Services.GetServices<IStartupTask>()
                     .Where(t => t.GetType().Namespace!.StartsWith("Zhichan.Api.Features.Indicators", StringComparison.Ordinal)
                                 || t.GetType().Namespace!.StartsWith("Zhichan.Api.Features.Plans", StringComparison.Ordinal))
                     .OrderBy(t => t.Order))
            await task.RunAsync(CancellationToken.None);
        foreach (var (key, day) in new[] { ("CN102016001112609", "2016-12-06"), ("CN201611175526.9", "2016-12-19"), ("CN102017000225667", "2017-04-07") })
            await app.ExecuteAsync("""
                INSERT INTO records (record_key, right_type, application_number, application_date, title, first_applicant, applicants,
                                     province_code, city_code, county_code, region_rule, status)
                VALUES ($1, 'patent_invention', $1, $2::date, '江苏恒瑞医药股份有限公司的发明', '江苏恒瑞医药股份有限公司', ARRAY['江苏恒瑞医药股份有限公司'],
                        '320000', '320700', '320771', 'prefix', 'pending')
                ON CONFLICT DO NOTHING
                """, key, DateOnly.Parse(day));
        var bureau = await Ui.ApiAsync(app.BaseUrl, "bureau");
        var res = await bureau.PostAsync("/api/indicators/recompute", null);
        var job = (await res.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("jobId").GetInt64();
        for (var i = 0; i < 600 && await app.ScalarAsync<string>("SELECT status FROM jobs WHERE id = $1", job) is not ("succeeded" or "failed"); i++)
            await Task.Delay(100);
        var admin = await Ui.ApiAsync(app.BaseUrl, "admin");
        (await admin.PutAsJsonAsync("/api/portal/site", new { siteName = "连云港市知识产权公共服务平台", sponsor = "连云港市市场监督管理局（知识产权局）" }))
            .EnsureSuccessStatusCode();
    }

    private async Task<IPage> AnonymousAsync(int width, int height)
    {
        var context = await browser.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = app.BaseUrl, Locale = "zh-CN", TimezoneId = "Asia/Shanghai", ViewportSize = new ViewportSize { Width = width, Height = height },
        });
        context.SetDefaultTimeout(20_000);
        context.SetDefaultNavigationTimeout(45_000);
        return await context.NewPageAsync();
    }

    private static async Task NoSeriousViolationsAsync(IPage page, string name)
    {
        var result = await page.RunAxe();
        var serious = result.Violations.Where(v => v.Impact is "serious" or "critical")
            .Select(v => $"{v.Id} ({v.Impact}): {v.Help} — {string.Join(" | ", v.Nodes.Take(3).Select(n => n.Html))}").ToList();
        serious.ShouldBeEmpty($"axe-core on {name}");
    }

    [Fact]
    public async Task Anonymous_Portal_AtDesktopAndPhoneWidth_ByKeyboard_WithoutSeriousA11yViolations()
    {
        await ArrangeOnceAsync();
        var page = await AnonymousAsync(1280, 900);
        await Ui.WithFailureShotAsync(page, "portal-home", async () =>
        {
            await page.GotoAsync("/");
            await Expect(page.Locator("[data-testid=portal-home]")).ToBeVisibleAsync();
            await Expect(page.Locator("[data-testid=public-platform-name]")).ToHaveTextAsync("连云港市知识产权公共服务平台");
            await Expect(page.Locator("[data-testid=figure-invention_applications]")).ToContainTextAsync("2017 年");
            await Expect(page.Locator("[data-testid=figure-valid_trademarks] [data-testid=figure-note]")).ToContainTextAsync("商标");
            await Expect(page.Locator("[data-testid=trend-invention_applications]")).ToBeVisibleAsync();
            await Expect(page.Locator("[data-testid=footer-sponsor]")).ToHaveTextAsync("主办单位：连云港市市场监督管理局（知识产权局）");
            // nothing the admin left empty is shown
            await Expect(page.Locator("[data-testid=footer-icp]")).ToHaveCountAsync(0);
            (await page.TitleAsync()).ShouldStartWith("首页 · ");
            (await page.Locator("meta[name=description]").GetAttributeAsync("content"))!.ShouldContain("规划目标");
            await Ui.ShotAsync(page, "portal-home-1280");
            await NoSeriousViolationsAsync(page, "/");

            // keyboard only: the skip link comes first, then the navigation; Enter on 新闻动态 opens it
            await page.Keyboard.PressAsync("Tab");
            (await page.EvaluateAsync<string>("document.activeElement.className")).ShouldContain("skip-link");
            for (var i = 0; i < 20 && await page.EvaluateAsync<string>("document.activeElement.textContent.trim()") != "新闻动态"; i++)
                await page.Keyboard.PressAsync("Tab");
            await page.Keyboard.PressAsync("Enter");
            await Expect(page).ToHaveURLAsync(new Regex("/news$"));
            await Expect(page.Locator("[data-testid=portal-news-list]")).ToBeVisibleAsync();
            (await page.TitleAsync()).ShouldStartWith("新闻动态 · ");
            await NoSeriousViolationsAsync(page, "/news");

            await page.GotoAsync("/statistics");
            await Expect(page.Locator("[data-testid=statistic-invention_applications]")).ToBeVisibleAsync();
            await Ui.ShotAsync(page, "portal-statistics-1280");
            await NoSeriousViolationsAsync(page, "/statistics");
        });

        var phone = await AnonymousAsync(375, 812);
        await Ui.WithFailureShotAsync(phone, "portal-home-375", async () =>
        {
            await phone.GotoAsync("/");
            await Expect(phone.Locator("[data-testid=portal-home]")).ToBeVisibleAsync();
            await Expect(phone.Locator("[data-testid=public-nav]")).ToBeHiddenAsync();
            (await phone.EvaluateAsync<int>("document.documentElement.scrollWidth")).ShouldBeLessThanOrEqualTo(375);
            await Ui.ShotAsync(phone, "portal-home-375");
            await phone.ClickAsync("[data-testid=public-nav-toggle]");
            await Expect(phone.Locator("[data-testid=public-nav]")).ToBeVisibleAsync();
            await Ui.ShotAsync(phone, "portal-nav-375");
            await phone.ClickAsync("[data-testid=public-nav] >> text=政策文件");
            await Expect(phone).ToHaveURLAsync(new Regex("/policies$"));
            await Expect(phone.Locator("[data-testid=public-nav]")).ToBeHiddenAsync();
        });
    }

    [Fact]
    public async Task Bureau_PublishesNews_AndTheAnonymousVisitorReadsIt()
    {
        var title = "连云港市开展2026年知识产权宣传周活动 " + Guid.NewGuid().ToString("N")[..6];
        var staff = await Ui.LoginAsync(browser, "bureau", app.BaseUrl);
        await Ui.WithFailureShotAsync(staff, "portal-publish", async () =>
        {
            await staff.GotoAsync("/portal");
            await Expect(staff.Locator("[data-testid=portal-admin]")).ToBeVisibleAsync();
            await staff.ClickAsync("[data-testid=content-new]");
            await staff.FillAsync("[data-testid=content-title] input, input[data-testid=content-title]", title);
            await staff.ClickAsync("[data-testid=rich-text]");
            await staff.Keyboard.TypeAsync("四月二十六日为世界知识产权日。");
            await staff.ClickAsync("[data-testid=rte-bold]");
            // the button says bold is on, and the caret stayed in the text
            await Expect(staff.Locator("[data-testid=rte-bold]")).ToHaveAttributeAsync("aria-pressed", "true");
            await Expect(staff.Locator("[data-testid=rich-text]")).ToBeFocusedAsync();
            await staff.Keyboard.TypeAsync("欢迎参加");
            await Ui.ShotAsync(staff, "portal-editor");
            await staff.ClickAsync("[data-testid=content-save]");
            await Expect(staff.Locator("[data-testid=content-status]")).ToHaveTextAsync("草稿");
            await staff.ClickAsync("[data-testid=content-publish]");
            await Expect(staff.Locator("[data-testid=content-status]")).ToHaveTextAsync("已发布");
        });

        var visitor = await AnonymousAsync(1280, 900);
        await Ui.WithFailureShotAsync(visitor, "portal-news-read", async () =>
        {
            await visitor.GotoAsync("/news");
            await visitor.ClickAsync($"text={title}");
            await Expect(visitor.Locator("[data-testid=portal-article-body] strong")).ToHaveTextAsync("欢迎参加");
            await Expect(visitor.Locator("[data-testid=portal-article]")).ToContainTextAsync("世界知识产权日");
            await Ui.ShotAsync(visitor, "portal-news-item");
        });
    }
    [Fact]
    public async Task Bureau_MakesAssessmentResultsPublic_AndTheVisitorFindsThemUnderPublishedReports()
    {
        await ArrangeOnceAsync();
        var api = await Ui.ApiAsync(app.BaseUrl, "bureau");
        var plan = await app.ScalarAsync<long>("SELECT id FROM plans WHERE seed = '001'");
        var created = await api.PostAsJsonAsync($"/api/plans/{plan}/assessments", new { year = 2016, targetKind = "district" });
        created.StatusCode.ShouldBe(System.Net.HttpStatusCode.Created, await created.Content.ReadAsStringAsync());
        var scheme = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("scheme").GetProperty("id").GetInt64();
        (await api.PostAsync($"/api/plans/assessments/{scheme}/score", null)).EnsureSuccessStatusCode();
        (await api.PostAsync($"/api/plans/assessments/{scheme}/publish", null)).EnsureSuccessStatusCode();

        var staff = await Ui.LoginAsync(browser, "bureau", app.BaseUrl);
        await Ui.WithFailureShotAsync(staff, "portal-report-public", async () =>
        {
            await staff.GotoAsync($"/indicators/assessments/{scheme}");
            await Expect(staff.Locator("[data-testid=assessment-public-tag]")).ToHaveCountAsync(0);
            await staff.ClickAsync("[data-testid=assessment-public]");
            await staff.ClickAsync(".el-message-box__btns .el-button--primary");
            await Expect(staff.Locator("[data-testid=assessment-public-tag]")).ToHaveTextAsync("已向社会公开");
            await Expect(staff.Locator("[data-testid=assessment-public]")).ToHaveTextAsync("撤回公开");
            await Ui.ShotAsync(staff, "assessment-public-bureau");
        });

        foreach (var (width, height) in new[] { (1280, 900), (375, 812) })
        {
            var visitor = await AnonymousAsync(width, height);
            await Ui.WithFailureShotAsync(visitor, $"portal-reports-{width}", async () =>
            {
                await visitor.GotoAsync("/reports");
                var item = visitor.Locator($"[data-testid=report-assessment-{scheme}]");
                await Expect(item).ToContainTextAsync("2016 年度考核结果");
                await Expect(item).ToContainTextAsync("年度考核 · 县区考核");
                (await visitor.TitleAsync()).ShouldStartWith("公开报告 · ");
                (await visitor.EvaluateAsync<int>("document.documentElement.scrollWidth")).ShouldBeLessThanOrEqualTo(width);
                await Ui.ShotAsync(visitor, $"portal-reports-{width}");
                if (width > 1000) await NoSeriousViolationsAsync(visitor, "/reports");
                // the web page the link opens: every district of the jurisdiction
                var href = await item.Locator("a", new() { HasText = "阅读网页版" }).GetAttributeAsync("href");
                var html = await visitor.APIRequest.GetAsync(href!);
                html.Status.ShouldBe(200);
                (await html.TextAsync()).ShouldContain("本报告为向社会公开的考核结果");
            });
        }
    }
}
