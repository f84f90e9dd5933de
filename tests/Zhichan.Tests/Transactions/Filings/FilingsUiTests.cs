using Microsoft.Playwright;
using Zhichan.Tests.Browser;
using Zhichan.Tests.Records.Api;
using static Microsoft.Playwright.Assertions;

namespace Zhichan.Tests.Transactions.Filings;

/// <summary>
/// Filings in the browser: 恒瑞 (enterprise) fills the form with a real patent of its own checked live, picks the licensee from
/// the entities register and submits; the bureau sees it in the list, accepts it (7 working days shown) and approves it (备案号).
/// Also the open-licence page, the unfiled gazette page and the public open-licence list. Screenshots: artifacts/screenshots/filings-*.png.
/// </summary>
[Collection("Browser")]
public class FilingsUiTests(BrowserFixture browser)
{
    private static async Task CleanShotAsync(IPage page, string name)
    {
        await page.EvaluateAsync("() => document.querySelectorAll('.el-message').forEach(e => e.remove())");
        await Ui.ShotAsync(page, name);
    }

    private static async Task FillDateAsync(IPage page, string testId, string date)
    {
        var input = page.Locator($"[data-testid={testId}] input, input[data-testid={testId}]").First;
        await input.FillAsync(date);
        await input.PressAsync("Enter");
    }

    [Fact]
    public async Task Enterprise_CreatesAndSubmits_BureauAcceptsAndApproves()
    {
        var api = await Ui.ApiAsync(browser, "bureau");
        var imp = await RecordsApi.ImportAsync(api, Cn2017.Utf8Csv(Cn2017.At(92424, 191496, 180343)), "filings-ui-hengrui.csv");
        imp.Str("status").ShouldBe("succeeded", imp.ToString());
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var note = $"界面测试备注（ {Random.Shared.Next(100000, 999999)}）";

        var hengrui = await Ui.LoginAsync(browser, "hengrui");
        await Ui.WithFailureShotAsync(hengrui, "filings-form", async () =>
        {
            await hengrui.GotoAsync("/transactions/filings");
            await Expect(hengrui.Locator("[data-testid=filings-list]")).ToBeVisibleAsync();
            await hengrui.ClickAsync("[data-testid=filing-create]");
            await Expect(hengrui.Locator("[data-testid=filing-form]")).ToBeVisibleAsync();
            // the licensee from the register, by name
            await hengrui.Locator("[data-testid=party-entity-1] input, input[data-testid=party-entity-1]").First.FillAsync("上海恒瑞");
            await hengrui.Locator(".el-select-dropdown__item:visible", new() { HasTextString = "上海恒瑞医药有限公司" }).First.ClickAsync();
            // the patent checked live: its title appears
            var number = hengrui.Locator("[data-testid=right-number-0] input, input[data-testid=right-number-0]").First;
            await number.FillAsync("CN201610551755.X");
            await number.PressAsync("Tab");
            await Expect(hengrui.Locator("[data-testid=right-title-0]")).ToContainTextAsync("一种右美托咪定及其中间体的制备方法");
            await FillDateAsync(hengrui, "filing-term-from", today.ToString("yyyy-MM-dd"));
            await FillDateAsync(hengrui, "filing-term-to", today.AddYears(3).ToString("yyyy-MM-dd"));
            await hengrui.Locator("[data-testid=filing-amount] input").FillAsync("300000");
            await hengrui.Locator("[data-testid=filing-form] textarea").Last.FillAsync(note);
            await FillDateAsync(hengrui, "filing-contract-date", today.AddDays(-7).ToString("yyyy-MM-dd"));
            await FillDateAsync(hengrui, "filing-effective-date", today.AddDays(-5).ToString("yyyy-MM-dd"));
            await CleanShotAsync(hengrui, "filings-form");
            await hengrui.ClickAsync("[data-testid=filing-save]");
            await Expect(hengrui.Locator("[data-testid=filing-state]")).ToHaveTextAsync("草稿");
            await hengrui.ClickAsync("[data-testid=filing-action-submit]");
            await hengrui.Locator(".el-message-box__btns .el-button--primary").ClickAsync();
            await Expect(hengrui.Locator("[data-testid=filing-state]")).ToHaveTextAsync("已提交");
            await Expect(hengrui.Locator("[data-testid=filing-timeline]")).ToContainTextAsync("提交");
            await CleanShotAsync(hengrui, "filings-enterprise-submitted");
        });

        var bureau = await Ui.LoginAsync(browser, "bureau");
        await Ui.WithFailureShotAsync(bureau, "filings-bureau", async () =>
        {
            await bureau.GotoAsync("/transactions/filings");
            await bureau.Locator("[data-testid=filings-tabs] .el-tabs__item", new() { HasTextString = "已提交" }).ClickAsync();
            var row = bureau.Locator("[data-testid=filings-table] .el-table__row", new() { HasTextString = "201610551755.X" }).First;
            await Expect(row).ToContainTextAsync("上海恒瑞医药有限公司");
            await CleanShotAsync(bureau, "filings-bureau-list");
            await row.ClickAsync();
            await bureau.ClickAsync("[data-testid=filing-action-accept]");
            await Expect(bureau.Locator("[data-testid=filing-state]")).ToHaveTextAsync("受理");
            await Expect(bureau.Locator("[data-testid=filing-detail]")).ToContainTextAsync("剩 7 个工作日");
            await bureau.ClickAsync("[data-testid=filing-action-approve]");
            await Expect(bureau.Locator("[data-testid=filing-state]")).ToHaveTextAsync("备案");
            await Expect(bureau.Locator("[data-testid=filing-detail] h2")).ToContainTextAsync($"X{today.Year}320771");
            await CleanShotAsync(bureau, "filings-bureau-approved");

            await bureau.GotoAsync("/transactions/filings/unmatched-gazette");
            await Expect(bureau.Locator("[data-testid=unmatched-gazette]")).ToBeVisibleAsync();
            await Expect(bureau.Locator(".el-breadcrumb")).ToContainTextAsync("许可/转让备案");
            await CleanShotAsync(bureau, "filings-unmatched");

            await bureau.GotoAsync("/transactions/filings/open-licences");
            await Expect(bureau.Locator("[data-testid=open-licences]")).ToContainTextAsync("专利法 第五十条");
            await CleanShotAsync(bureau, "filings-open-licences");
        });

        var anonymous = await browser.NewPageAsync();
        await anonymous.GotoAsync("/open-licences");
        await Expect(anonymous.Locator("[data-testid=public-open-licences]")).ToBeVisibleAsync();
        await CleanShotAsync(anonymous, "filings-public-open-licences");
    }
}
