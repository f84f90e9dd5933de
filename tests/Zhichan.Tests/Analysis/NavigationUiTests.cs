using System.Net.Http.Json;
using Zhichan.Tests.Browser;
using Zhichan.Tests.Infrastructure;
using Zhichan.Tests.Records.Api;
using static Microsoft.Playwright.Assertions;

namespace Zhichan.Tests.Analysis;

/// <summary>
/// 专利导航 in the browser on the real 锂电池 rows of 2017: the bureau creates a project in the page, sees the trend chart and its
/// table, writes a chapter's narrative and publishes a version, which then shows that text; the enterprise's form offers only its
/// two kinds. Screenshots: artifacts/screenshots/navigation-*.png.
/// </summary>
[Collection("Browser")]
public class NavigationUiTests(BrowserFixture browser, KestrelFactory app) : IClassFixture<KestrelFactory>
{
    [Fact]
    public async Task Bureau_CreatesAProject_SeesAChartAndItsTable_WritesANarrative_PublishesAVersion()
    {
        var bureau = await Ui.ApiAsync(app.BaseUrl, "bureau");
        var imp = await RecordsApi.ImportAsync(bureau, Cn2017.Utf8Csv(NavigationTestData.First), "lithium-ui.csv");
        imp.Str("status").ShouldBe("succeeded", imp.ToString());
        var expected = (await RecordsApi.SearchAsync(bureau, $"q={RecordsApi.Q(NavigationTestData.Q)}&from=2014-01-01&to=2017-12-31&pageSize=1")).GetProperty("total").GetInt64();

        var page = await Ui.LoginAsync(browser, "bureau", app.BaseUrl);
        await Ui.WithFailureShotAsync(page, "navigation-bureau", async () =>
        {
            await Expect(Ui.MenuEntry(page, "analysis.navigation")).ToHaveCountAsync(1);
            await page.GotoAsync("/analysis/navigation");
            await Expect(page.Locator("[data-testid=nav-table]")).ToContainTextAsync("还没有导航项目");
            await page.ClickAsync("[data-testid=nav-create]");
            await page.FillAsync("input[data-testid=nav-name], [data-testid=nav-name] input", "锂电池产业导航");
            await page.FillAsync("input[data-testid=nav-q], [data-testid=nav-q] input", "锂电池");
            await Ui.ShotAsync(page, "navigation-bureau-form");
            await page.ClickAsync("[data-testid=nav-submit]");

            await Expect(page.Locator("[data-testid=nav-workspace]")).ToBeVisibleAsync();
            await Expect(page.Locator("[data-testid=nav-total]")).ToHaveTextAsync(expected.ToString());
            var trend = page.Locator("[data-testid=nav-chart-trend]");
            await Expect(trend.Locator("canvas")).ToHaveCountAsync(1);
            await Ui.ShotAsync(page, "navigation-bureau-analyses");
            await trend.Locator("label:has-text('表格')").ClickAsync();
            await Expect(trend.Locator(".el-table")).ToContainTextAsync("2017");
            await Expect(trend.Locator(".el-table")).ToContainTextAsync("申请量（按申请年）");

            await page.ClickAsync(".el-tabs__item:has-text('报告')");
            await page.FillAsync("textarea[data-testid=nav-narrative-status], [data-testid=nav-narrative-status] textarea", "锂电池产业申请量持续增长。");
            await page.ClickAsync("[data-testid=nav-save]");
            await Expect(page.Locator(".el-message--success").Filter(new() { HasText = "正文已保存" })).ToContainTextAsync("正文已保存");
            await page.ClickAsync("[data-testid=nav-publish]");
            await page.ClickAsync(".el-message-box .el-button--primary");
            await Expect(page.Locator("[data-testid=nav-version-1]")).ToBeVisibleAsync();
            await page.ClickAsync("[data-testid=nav-version-1]");
            await Expect(page.Locator("[data-testid=nav-version-tag]")).ToHaveTextAsync("第 1 版");
            await page.ClickAsync(".el-tabs__item:has-text('报告')");
            await Expect(page.Locator("[data-testid=nav-narrative-text-status]")).ToHaveTextAsync("锂电池产业申请量持续增长。");
            // the bureau makes the version public on the portal (公开报告)
            await page.ClickAsync("[data-testid=nav-version-toggle-public-1]");
            await page.ClickAsync(".el-message-box .el-button--primary");
            await Expect(page.Locator("[data-testid=nav-version-public-1]")).ToHaveTextAsync("已公开");
            await Expect(page.Locator("[data-testid=nav-version-toggle-public-1]")).ToHaveTextAsync("撤回公开");
            await Ui.ShotAsync(page, "navigation-bureau-version");
        });

        var enterprise = await Ui.LoginAsync(browser, "hengrui", app.BaseUrl);
        await Ui.WithFailureShotAsync(enterprise, "navigation-enterprise", async () =>
        {
            await enterprise.GotoAsync("/analysis/navigation");
            await Expect(enterprise.Locator("[data-testid=nav-table]")).ToContainTextAsync("还没有导航项目");
            await enterprise.ClickAsync("[data-testid=nav-create]");
            await enterprise.ClickAsync("[data-testid=nav-kind]");
            await Expect(enterprise.Locator(".el-select-dropdown__item:visible")).ToHaveTextAsync(["企业经营类", "研发活动类"]);
            await Ui.ShotAsync(enterprise, "navigation-enterprise-form");
        });
    }
}
