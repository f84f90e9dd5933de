using System.Net.Http.Json;
using Microsoft.Playwright;
using Zhichan.Tests.Browser;
using static Microsoft.Playwright.Assertions;

namespace Zhichan.Tests.Transactions.Pledges;

/// <summary>
/// Pledges in the browser: hengrui applies for a pledge of its real patent, the bank registers it, declares default and disposes,
/// then claims from the pool seeing the computed split first; the bureau approves the claim on the pool page. Screenshots go to
/// artifacts/screenshots/pledges-*.png.
/// </summary>
[Collection("Browser")]
public class PledgesUiTests(BrowserFixture browser)
{
    private static async Task CleanShotAsync(IPage page, string name)
    {
        await page.EvaluateAsync("() => document.querySelectorAll('.el-message').forEach(e => e.remove())");
        await Ui.ShotAsync(page, name);
    }

    private static async Task PickDateAsync(IPage page, string testid, DateOnly date)
    {
        var input = page.Locator($"[data-testid={testid}] input, input[data-testid={testid}]").First;
        await input.FillAsync(date.ToString("yyyy-MM-dd"));
        await input.PressAsync("Enter");
    }

    [Fact]
    public async Task Enterprise_Applies_Bank_RegistersDefaultsAndClaims_Bureau_ApprovesTheClaim()
    {
        var (app, _, title) = PledgesTestBase.Patents[1];
        var today = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8));
        var number = $"Y{Random.Shared.Next(100000, 999999)}";
        // the arrangement the UI cannot make: the right as a record of the data centre, hengrui's unit linked to its entity
        await browser.App.ExecuteAsync("""
            INSERT INTO records (record_key, right_type, application_number, title, applicants)
            SELECT 'CN:P:' || $1, 'patent_invention', $1, $2, ARRAY['江苏恒瑞医药股份有限公司'] WHERE NOT EXISTS (SELECT 1 FROM records WHERE application_number = $1)
            """, app, title);
        var entity = await browser.App.ScalarAsync<long>("""
            INSERT INTO entities (match_key, name, kind, region_code, org_unit_id)
            VALUES ('江苏恒瑞医药股份有限公司', '江苏恒瑞医药股份有限公司', 'enterprise', '320771', (SELECT id FROM org_units WHERE name = '江苏恒瑞医药股份有限公司'))
            ON CONFLICT (match_key) DO UPDATE SET org_unit_id = EXCLUDED.org_unit_id RETURNING id
            """);
        var bankUnit = await browser.App.ScalarAsync<long>("SELECT id FROM org_units WHERE name = '示例银行连云港分行（演示）'");

        var hengrui = await Ui.LoginAsync(browser, "hengrui");
        await Ui.WithFailureShotAsync(hengrui, "pledges-enterprise", async () =>
        {
            await hengrui.GotoAsync("/transactions/pledges");
            await hengrui.ClickAsync("[data-testid=pledge-create]");
            await Ui.SelectAsync(hengrui, "[data-testid=pledge-bank]", "示例银行连云港分行（演示）");
            await hengrui.FillAsync("textarea[data-testid=pledge-patents], [data-testid=pledge-patents] textarea", app);
            await hengrui.FillAsync("[data-testid=pledge-amount] input, input[data-testid=pledge-amount]", "2000000");
            await PickDateAsync(hengrui, "pledge-from", today.AddDays(-7));
            await PickDateAsync(hengrui, "pledge-to", today.AddYears(1));
            await CleanShotAsync(hengrui, "pledges-enterprise-form");
            await hengrui.ClickAsync("[data-testid=pledge-submit]");
            await Expect(hengrui.Locator("[data-testid=pledge-state]")).ToHaveTextAsync("申请");
            await Expect(hengrui.Locator("[data-testid=pledge-view]")).ToContainTextAsync(title);
            await CleanShotAsync(hengrui, "pledges-enterprise-applied");
        });
        var pledgeUrl = hengrui.Url;

        var bank = await Ui.LoginAsync(browser, "bank");
        await Ui.WithFailureShotAsync(bank, "pledges-bank", async () =>
        {
            await bank.GotoAsync("/transactions/pledges");
            await Expect(bank.Locator("[data-testid=pledges-table]")).ToContainTextAsync("江苏恒瑞医药股份有限公司");
            await CleanShotAsync(bank, "pledges-bank-list");
            await bank.GotoAsync(pledgeUrl);
            await bank.ClickAsync("[data-testid=action-register]");
            await bank.FillAsync("[data-testid=transition-number] input, input[data-testid=transition-number]", number);
            await bank.ClickAsync("[data-testid=transition-submit]");
            await Expect(bank.Locator("[data-testid=pledge-state]")).ToHaveTextAsync("登记生效");
            await bank.ClickAsync("[data-testid=action-default]");
            await bank.FillAsync("[data-testid=transition-outstanding] input, input[data-testid=transition-outstanding]", "1000000");
            await bank.ClickAsync("[data-testid=transition-submit]");
            await Expect(bank.Locator("[data-testid=pledge-state]")).ToHaveTextAsync("违约");
            await bank.ClickAsync("[data-testid=action-dispose]");
            await bank.FillAsync("[data-testid=transition-recovered] input, input[data-testid=transition-recovered]", "200000");
            await bank.ClickAsync("[data-testid=transition-submit]");
            await Expect(bank.Locator("[data-testid=pledge-state]")).ToHaveTextAsync("处置");
            await Expect(bank.Locator("[data-testid=pledge-timeline]")).ToContainTextAsync("宣告违约");
            await CleanShotAsync(bank, "pledges-bank-disposed");
        });

        // the bureau's pool for this year (marked 示例), with the bank and hengrui as members
        var api = await Ui.ApiAsync(browser, "bureau");
        var year = today.Year;
        (await api.PutAsJsonAsync($"/api/transactions/pledge-pools/{year}", new
        {
            fundSize = 10_000_000m, shareFund = 54m, shareBank = 26m, shareInsurer = 16m, shareValuer = 4m, capPerLoan = 300_000m, capPerYear = 2_000_000m,
            note = "示例资金池，用于演示补偿分担的计算", isExample = true,
        })).EnsureSuccessStatusCode();
        // the pledgor as the pledge names it (other tests of the run may have linked more entities to hengrui's unit)
        var pledgor = await browser.App.ScalarAsync<long>("SELECT entity_id FROM pledges WHERE bank_unit_id = $1 ORDER BY id DESC LIMIT 1", bankUnit);
        (await api.PostAsJsonAsync($"/api/transactions/pledge-pools/{year}/members", new { kind = "bank", bankUnitId = bankUnit, joinedOn = today.AddDays(-30) })).EnsureSuccessStatusCode();
        (await api.PostAsJsonAsync($"/api/transactions/pledge-pools/{year}/members", new { kind = "enterprise", entityId = pledgor, joinedOn = today.AddDays(-30) })).EnsureSuccessStatusCode();
        await api.PostAsJsonAsync($"/api/transactions/pledge-pools/{year}/contributions", new { contributor = "市级财政（示例）", amount = 5_000_000m, paidOn = today.AddDays(-20) });

        await Ui.WithFailureShotAsync(bank, "pledges-bank-claim", async () =>
        {
            await bank.ReloadAsync();
            await bank.ClickAsync("[data-testid=pledge-claim]");
            // loss 800,000: the pool's 54 % is 432,000, capped at 300,000 per loan; the bank takes 208,000 + 132,000
            await Expect(bank.Locator("[data-testid=claim-split]")).ToContainTextAsync("30");
            await Expect(bank.Locator("[data-testid=claim-dialog]")).ToContainTextAsync("单笔上限");
            await CleanShotAsync(bank, "pledges-bank-claim-split");
            await bank.ClickAsync("[data-testid=claim-submit]");
            await Expect(bank.Locator("[data-testid=claim-dialog]")).ToBeHiddenAsync();
        });

        var bureau = await Ui.LoginAsync(browser, "bureau");
        await Ui.WithFailureShotAsync(bureau, "pledges-bureau", async () =>
        {
            await bureau.GotoAsync("/transactions/pledges?tab=pool");
            var row = bureau.Locator("[data-testid=pool-claims] .el-table__row", new() { HasTextString = "江苏恒瑞医药股份有限公司" }).First;
            await Expect(row).ToContainTextAsync("待审核");
            await row.Locator("[data-testid=claim-approve]").ClickAsync();
            await Expect(bureau.Locator("[data-testid=pool-claims]")).ToContainTextAsync("已批准");
            await Expect(bureau.Locator("[data-testid=pool-balance]")).ToContainTextAsync("500");
            await CleanShotAsync(bureau, "pledges-bureau-pool");
            await bureau.GotoAsync("/transactions/pledges");
            await Expect(bureau.Locator("[data-testid=pledges-table]")).ToContainTextAsync(number);
            await CleanShotAsync(bureau, "pledges-bureau-list");
        });
    }
}
