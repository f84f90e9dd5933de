using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Zhichan.Api.Features.Records.Normalisation;
using Zhichan.Tests.Browser;
using static Microsoft.Playwright.Assertions;

namespace Zhichan.Tests.Transactions.Custody;

/// <summary>
/// Custody in the browser: the enterprise proposes a contract over two patents (checked live), the agency confirms it and
/// marks the fee in its grace period paid, the enterprise reads its calendar. Screenshots: artifacts/screenshots/custody-*.png.
/// </summary>
[Collection("Browser")]
public class CustodyUiTests(BrowserFixture browser)
{
    private static DateOnly Today => Zhichan.Api.Platform.ChinaTime.Today(TimeProvider.System);

    private static string AppNo(int serial)
    {
        var d = $"20181{serial:D7}";
        return $"{d}.{ApplicationNumber.ComputeCheckDigit(d)}";
    }

    private static async Task CleanShotAsync(IPage page, string name)
    {
        await page.EvaluateAsync("() => document.querySelectorAll('.el-message').forEach(e => e.remove())");
        await Ui.ShotAsync(page, name);
    }

    [Fact]
    public async Task Enterprise_Proposes_AgencyConfirmsAndMarksPaid_EnterpriseSeesItsCalendar()
    {
        var app = browser.App;
        // hengrui's entity linked to its unit (as the entity register does), and two of its patents: one due in 20 days, one in its grace period
        await app.ExecuteAsync("""
            INSERT INTO entities (match_key, name, kind, region_code, org_unit_id)
            SELECT 'custody-ui-hengrui', u.name, 'enterprise', '320771', u.id FROM org_units u
            WHERE u.name = '江苏恒瑞医药股份有限公司' AND NOT EXISTS (SELECT 1 FROM entities e WHERE e.org_unit_id = u.id)
            """);
        var serial = Random.Shared.Next(1, 9_000_000);
        var (due, grace) = (AppNo(serial), AppNo(serial + 1));
        foreach (var (n, filed) in new[] { (due, Today.AddDays(20).AddYears(-5)), (grace, Today.AddDays(-40).AddYears(-5)) })
            await app.ExecuteAsync("""
                INSERT INTO records (record_key, right_type, application_number, application_date, grant_date, title, first_applicant, applicants, status)
                VALUES ($1, 'patent_invention', $1, $2, $3, '一种抗肿瘤化合物的制备方法（测试）', '江苏恒瑞医药股份有限公司', ARRAY['江苏恒瑞医药股份有限公司'], 'in_force')
                """, n, filed, Today.AddYears(-3));

        var hengrui = await Ui.LoginAsync(browser, "hengrui");
        string contractUrl = "";
        await Ui.WithFailureShotAsync(hengrui, "custody-propose", async () =>
        {
            await hengrui.GotoAsync("/transactions/custody");
            await hengrui.ClickAsync("[data-testid=custody-create]");
            await Ui.SelectAsync(hengrui, "[data-testid=custody-party]", "示例知识产权代理事务所");
            await hengrui.FillAsync("textarea[data-testid=custody-rights-input], [data-testid=custody-rights-input] textarea", $"{due}\n{grace}");
            await Expect(hengrui.Locator("[data-testid=custody-checked]")).ToContainTextAsync("一种抗肿瘤化合物");
            await CleanShotAsync(hengrui, "custody-enterprise-form");
            await hengrui.ClickAsync("[data-testid=custody-submit]");
            await Expect(hengrui).ToHaveURLAsync(new Regex(@"/transactions/custody/contracts/\d+$"));
            await Expect(hengrui.Locator("[data-testid=custody-status]")).ToHaveTextAsync("草稿");
            await Expect(hengrui.Locator("[data-testid=custody-action-withdraw]")).ToBeVisibleAsync();
            await Expect(hengrui.Locator("[data-testid=custody-action-confirm]")).ToHaveCountAsync(0);
            contractUrl = new Uri(hengrui.Url).AbsolutePath;
            await CleanShotAsync(hengrui, "custody-enterprise-draft");
        });

        var agency = await Ui.LoginAsync(browser, "agency");
        await Ui.WithFailureShotAsync(agency, "custody-agency", async () =>
        {
            await agency.GotoAsync("/transactions/custody");
            await Expect(agency.Locator("[data-testid=custody-contracts-table]")).ToContainTextAsync("江苏恒瑞医药股份有限公司");
            await agency.GotoAsync(contractUrl);
            await agency.ClickAsync("[data-testid=custody-action-confirm]");
            await agency.ClickAsync(".el-message-box__btns .el-button--primary");
            await Expect(agency.Locator("[data-testid=custody-status]")).ToHaveTextAsync("生效");
            await Expect(agency.Locator("[data-testid=custody-timeline]")).ToContainTextAsync("确认生效");
            await CleanShotAsync(agency, "custody-agency-contract");

            await agency.GotoAsync("/transactions/custody/calendar");
            var row = agency.Locator("[data-testid=custody-calendar-table] .el-table__row", new() { HasTextString = grace }).Filter(new() { HasTextString = "第 6 年" });
            await Expect(row).ToContainTextAsync("宽限期");
            await row.Locator("[data-testid=custody-pay]").ClickAsync();
            await agency.FillAsync("[data-testid=custody-receipt]", "ZL-示例-0001");
            await agency.ClickAsync("[data-testid=custody-pay-save]");
            await Expect(row).ToContainTextAsync("ZL-示例-0001");
            await Expect(row).ToContainTextAsync("已缴");
            await CleanShotAsync(agency, "custody-agency-calendar");
        });

        await Ui.WithFailureShotAsync(hengrui, "custody-calendar", async () =>
        {
            await hengrui.GotoAsync("/transactions/custody?tab=calendar");
            var table = hengrui.Locator("[data-testid=custody-calendar-table]");
            await Expect(table.Locator(".el-table__row", new() { HasTextString = due })).ToContainTextAsync("待缴");
            await Expect(table.Locator(".el-table__row", new() { HasTextString = grace }).Filter(new() { HasTextString = "第 6 年" })).ToContainTextAsync("已缴");
            await Expect(hengrui.Locator("[data-testid=custody-chart]")).ToBeVisibleAsync();
            await CleanShotAsync(hengrui, "custody-enterprise-calendar");

            // the record page shows custody on the right's timeline, linking back to the contract
            await table.Locator(".el-table__row", new() { HasTextString = due }).Locator("[data-testid=custody-record-link]").ClickAsync();
            var custody = hengrui.Locator("[data-testid=legal-timeline] [data-source=custody]");
            await Expect(custody).ToContainTextAsync("纳入托管");
            await Expect(custody.Locator("a")).ToHaveAttributeAsync("href", contractUrl);
            await CleanShotAsync(hengrui, "custody-record-timeline");
        });
    }
}
