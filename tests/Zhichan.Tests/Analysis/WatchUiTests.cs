using System.Net.Http.Json;
using Zhichan.Tests.Browser;
using Zhichan.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;
using static Zhichan.Tests.Analysis.AnalysisTestData;
using static Zhichan.Tests.Analysis.WatchesApi;

namespace Zhichan.Tests.Analysis;

/// <summary>
/// 监控预警 in the browser, on an app of its own: the enterprise creates a saved-search watch in the page, an import of real 2017
/// rows follows, the alert appears in the watch's history with its evidence; the bureau's 非正常申请 screening lists the real batch.
/// Screenshots: artifacts/screenshots/watches-*.png.
/// </summary>
[Collection("Browser")]
public class WatchUiTests(BrowserFixture browser, KestrelFactory app) : IClassFixture<KestrelFactory>
{
    [Fact]
    public async Task Enterprise_CreatesAWatchInThePage_SeesItsAlertAfterAnImport_BureauSeesTheScreening()
    {
        var page = await Ui.LoginAsync(browser, "hengrui", app.BaseUrl);
        await Ui.WithFailureShotAsync(page, "watches-enterprise", async () =>
        {
            await Expect(Ui.MenuEntry(page, "analysis.watches")).ToHaveCountAsync(1);
            await page.GotoAsync("/analysis/watches");
            await Expect(page.Locator("[data-testid=watches-table]")).ToContainTextAsync("还没有监控");
            await page.ClickAsync("[data-testid=watches-create]");
            await page.FillAsync("input[data-testid=watch-name], [data-testid=watch-name] input", "恒瑞医药新申请");
            await page.FillAsync("input[data-testid=watch-q], [data-testid=watch-q] input", "恒瑞医药");
            await page.ClickAsync("[data-testid=watch-submit]");
            await Expect(page.Locator(".el-message--success")).ToContainTextAsync("已创建监控");
            await Expect(page.Locator("[data-testid=watches-table]")).ToContainTextAsync("恒瑞医药新申请");
        });

        var bureau = await Ui.ApiAsync(app.BaseUrl, "bureau");
        await ImportAsync(bureau, [.. HengruiLater, .. Pengrun], "watch-ui.csv");
        (await bureau.PostAsJsonAsync("/api/analysis/watches/evaluate", new { })).EnsureSuccessStatusCode();

        await Ui.WithFailureShotAsync(page, "watches-enterprise", async () =>
        {
            await page.ReloadAsync();
            await Expect(page.Locator("[data-testid=watch-hit-count]").First).ToHaveTextAsync("1");
            await Ui.ShotAsync(page, "watches-enterprise-list");
            await page.Locator("[data-testid=watch-open]").First.ClickAsync();
            await Expect(page.Locator("[data-testid=watch-hits]")).ToContainTextAsync("导入后新增 5 条符合检索式的记录");
            await page.Locator("[data-testid=hit-show]").First.ClickAsync();
            var records = page.Locator("[data-testid=hit-records] .el-table__body tr");
            await Expect(records).ToHaveCountAsync(5);
            await Expect(page.Locator("[data-testid=hit-records]")).ToContainTextAsync("江苏恒瑞医药股份有限公司");
            await Ui.ShotAsync(page, "watches-enterprise-history");
            // the screening is the bureau's: not in the enterprise's menu
            await Expect(Ui.MenuEntry(page, "analysis.screening")).ToHaveCountAsync(0);
        });

        var staff = await Ui.LoginAsync(browser, "bureau", app.BaseUrl);
        await Ui.WithFailureShotAsync(staff, "watches-screening", async () =>
        {
            await Expect(Ui.MenuEntry(staff, "analysis.screening")).ToHaveCountAsync(1);
            await staff.GotoAsync("/analysis/screening");
            var table = staff.Locator("[data-testid=screening-table]");
            await Expect(table).ToContainTextAsync("江苏彭润食品有限公司");
            await Expect(table).ToContainTextAsync("一种养阴润肺茶的制作方法");
            await table.Locator(".el-table__expand-icon").First.ClickAsync();
            await Expect(staff.Locator("[data-testid=screening-records] .el-table__body tr")).ToHaveCountAsync(25);
            await Ui.ShotAsync(staff, "watches-bureau-screening");
            await staff.GotoAsync("/analysis/watches");
            await Expect(staff.Locator("[data-testid=watches-table]")).ToContainTextAsync("还没有监控");
            await staff.ClickAsync("[data-testid=watches-create]");
            await Expect(staff.Locator("[data-testid=watch-kind]")).ToContainTextAsync("地区指标");
            await Ui.ShotAsync(staff, "watches-bureau-form");
        });
    }
}
