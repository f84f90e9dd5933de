using Zhichan.Tests.Browser;
using static Microsoft.Playwright.Assertions;

namespace Zhichan.Tests.Analysis;

/// <summary>
/// 订阅与简报 in the browser, on the shared app: the enterprise subscribes in the page (with the industry's search), previews the
/// week so far, sends it now, finds it in the history and opens it (sections and the e-mail as sent); a district user has the
/// page with its explanations. Screenshots: artifacts/screenshots/briefings-*.png.
/// </summary>
[Collection("Browser")]
public class BriefingUiTests(BrowserFixture browser)
{
    [Fact]
    public async Task Enterprise_SubscribesPreviewsAndSends_ThenReadsTheBriefing()
    {
        var page = await Ui.LoginAsync(browser, "hengrui");
        var name = "恒瑞周报" + Guid.NewGuid().ToString("N")[..4];
        await Ui.WithFailureShotAsync(page, "briefings-enterprise", async () =>
        {
            await Expect(Ui.MenuEntry(page, "analysis.briefings")).ToHaveCountAsync(1);
            await page.GotoAsync("/analysis/briefings");
            await page.ClickAsync("[data-testid=subscription-create]");
            await page.FillAsync("input[data-testid=subscription-name], [data-testid=subscription-name] input", name);
            await page.ClickAsync("[data-testid=subscription-filings]");
            // the server's own check of the industry condition, shown under the field
            await page.ClickAsync("[data-testid=subscription-save]");
            await Expect(page.Locator("[data-testid=subscription-dialog]")).ToContainTextAsync("至少填写检索式、行业或地区之一");
            await page.FillAsync("input[data-testid=subscription-q], [data-testid=subscription-q] input", "AP=(恒瑞医药)");
            await page.FillAsync("input[data-testid=subscription-region], [data-testid=subscription-region] input", "320700");
            await page.ClickAsync("[data-testid=subscription-save]");
            await Expect(page.Locator(".el-message--success").Filter(new() { HasText = "已创建订阅" })).ToContainTextAsync("已创建订阅");
            var row = page.Locator("[data-testid=subscriptions-table] .el-table__body tr", new() { HasText = name });
            await Expect(row).ToContainTextAsync("检索式 AP=(恒瑞医药)，地区 连云港市");
            await Expect(row).ToContainTextAsync("行业新增专利");

            await row.Locator("[data-testid=subscription-preview]").ClickAsync();
            var preview = page.Locator("[data-testid=briefing-preview]");
            await Expect(preview.Locator("[data-testid=briefing-section-watches]")).ToContainTextAsync("我的监控预警");
            await Expect(preview.Locator("[data-testid=briefing-section-filings]")).ToContainTextAsync("行业新增专利");
            await Ui.ShotAsync(page, "briefings-enterprise-preview");
            await page.Keyboard.PressAsync("Escape");

            await row.Locator("[data-testid=subscription-send]").ClickAsync();
            await Expect(page.Locator(".el-message--success").Filter(new() { HasText = "已生成并发送本期简报" })).ToContainTextAsync("已生成并发送本期简报");
            var history = page.Locator("[data-testid=briefings-table] .el-table__body tr", new() { HasText = name });
            await Expect(history.First).ToContainTextAsync("手动发送");
            await Ui.ShotAsync(page, "briefings-enterprise-list");
            await history.First.Locator("[data-testid=briefing-open]").ClickAsync();
            await Expect(page.Locator("[data-testid=briefing]")).ToContainTextAsync(name);
            await Expect(page.Locator("[data-testid=briefing-section-calls]")).ToContainTextAsync("项目申报通知");
            // an example call is marked once, whether or not its title already says so
            await Expect(page.Locator("[data-testid=briefing-sections]")).Not.ToContainTextAsync("（示例）（示例）");
            await Ui.ShotAsync(page, "briefings-enterprise-detail");
            await page.Locator(".el-tabs__item", new() { HasText = "邮件原文" }).ClickAsync();
            await Expect(page.FrameLocator("[data-testid=briefing-mail]").Locator("h1")).ToContainTextAsync(name);
        });

        var district = await Ui.LoginAsync(browser, "lianyun");
        await Ui.WithFailureShotAsync(district, "briefings-district", async () =>
        {
            await Expect(Ui.MenuEntry(district, "analysis.briefings")).ToHaveCountAsync(1);
            await district.GotoAsync("/analysis/briefings");
            await Expect(district.Locator("[data-testid=subscriptions-table]")).ToContainTextAsync("还没有订阅");
            await Expect(district.Locator("[data-testid=briefings-table]")).ToContainTextAsync("还没有收到简报");
            await Ui.ShotAsync(district, "briefings-district");
        });
    }
}
