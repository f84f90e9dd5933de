using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Zhichan.Tests.Browser;
using static Microsoft.Playwright.Assertions;

namespace Zhichan.Tests.Transactions.Market;

/// <summary>
/// The market in the browser: an agency's offer (naming the real patent CN201611175526.9 of 江苏恒瑞医药) is on the market;
/// the enterprise publishes a need through the form, the bureau approves it from the review queue, the enterprise reads its
/// match explained part by part and starts a 对接, and an anonymous visitor browses the public market. Screenshots go to
/// artifacts/screenshots/market-*.png.
/// </summary>
[Collection("Browser")]
public class MarketUiTests(BrowserFixture browser)
{
    private static async Task CleanShotAsync(IPage page, string name)
    {
        await page.EvaluateAsync("() => document.querySelectorAll('.el-message').forEach(e => e.remove())");
        await Ui.ShotAsync(page, name);
    }

    private static ILocator Field(IPage page, string id) => page.Locator($"input[data-testid={id}], [data-testid={id}] input, textarea[data-testid={id}], [data-testid={id}] textarea").First;

    [Fact]
    public async Task Enterprise_PublishesANeed_BureauReviewsIt_TheMatchIsExplained_AndADealStarts()
    {
        var u = Random.Shared.Next(100000, 999999).ToString();
        await browser.App.ExecuteAsync("""
            INSERT INTO records (record_key, right_type, application_number, application_date, title, first_applicant, applicants, ipc_main, ipc, ipc_classes,
                                 industries, industry_codes, province_code, city_code, county_code, status)
            SELECT 'CN201611175526.9', 'patent_invention', '201611175526.9', '2016-12-19', '一种包含奈妥匹坦的固体组合物', '江苏恒瑞医药股份有限公司',
                   ARRAY['江苏恒瑞医药股份有限公司'], 'A61K 9/20', ARRAY['A61K 9/20', 'A61K 31/496', 'A61K 47/38', 'A61P 1/08'],
                   ARRAY['A', 'A61', 'A61K', 'A61P', 'A61K 9', 'A61K 31'], '[{"code": "2720", "weight": 1}]'::jsonb, ARRAY['2720', '27', 'C'],
                   '320000', '320700', '320771', 'pending'
            WHERE NOT EXISTS (SELECT 1 FROM records WHERE application_number = '201611175526.9')
            """);
        var agencyApi = await Ui.ApiAsync(browser, "agency");
        var bureauApi = await Ui.ApiAsync(browser, "bureau");
        var created = await agencyApi.PostAsJsonAsync("/api/transactions/market/listings", new
        {
            side = "offer", title = $"奈妥匹坦固体组合物技术（示例 {u}）", description = "含奈妥匹坦的固体组合物及其制备方法，溶出度好，适合口服固体制剂生产。",
            tradeModes = new[] { "licence", "transfer" }, ipForms = new[] { "patent" }, maturity = 7, price = 1_500_000,
            rights = new[] { new { kind = "patent", number = "CN201611175526.9" } }, contactName = "李华", contactPhone = "13800001111",
        });
        created.EnsureSuccessStatusCode();
        var offerId = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("listing").GetProperty("id").GetInt64();
        (await agencyApi.PostAsync($"/api/transactions/market/listings/{offerId}/submit", JsonContent.Create(new { }))).EnsureSuccessStatusCode();
        (await bureauApi.PostAsJsonAsync($"/api/transactions/market/listings/{offerId}/review", new { decision = "approve" })).EnsureSuccessStatusCode();

        var hengrui = await Ui.LoginAsync(browser, "hengrui");
        var needTitle = $"寻求奈妥匹坦口服固体制剂技术 {u}";
        await Ui.WithFailureShotAsync(hengrui, "market-need", async () =>
        {
            await hengrui.GotoAsync("/transactions/market?tab=mine");
            await hengrui.ClickAsync("[data-testid=new-need]");
            await Field(hengrui, "f-title").FillAsync(needTitle);
            await Field(hengrui, "f-description").FillAsync("计划开发含奈妥匹坦的口服固体制剂，寻求组合物及制备工艺技术许可。");
            await hengrui.Locator("[data-testid=listing-form] .el-checkbox", new() { HasTextString = "许可" }).ClickAsync();
            await hengrui.Locator("[data-testid=listing-form] .el-input-number input").FillAsync("1000000");
            await Field(hengrui, "f-ipc").FillAsync("A61K 9/20");
            await Field(hengrui, "f-industries").FillAsync("2720");
            await hengrui.Locator("[data-testid=listing-form] .el-date-editor input").FillAsync(DateTime.UtcNow.AddDays(60).ToString("yyyy-MM-dd"));
            await hengrui.Keyboard.PressAsync("Enter");
            await Field(hengrui, "f-contact").FillAsync("张明");
            await Field(hengrui, "f-phone").FillAsync("13912345678");
            await CleanShotAsync(hengrui, "market-form");
            await hengrui.ClickAsync("[data-testid=f-save]");
            await Expect(hengrui).ToHaveURLAsync(new Regex(@"/transactions/market/listings/\d+$"));
            await hengrui.ClickAsync("[data-testid=listing-submit]");
            await Expect(hengrui.Locator("[data-testid=listing-info]")).ToContainTextAsync("待审核");
            await Expect(hengrui.Locator("[data-testid=match-list]")).ToContainTextAsync("发布后才计算匹配");
        });
        var needUrl = hengrui.Url;

        var bureau = await Ui.LoginAsync(browser, "bureau");
        await Ui.WithFailureShotAsync(bureau, "market-review", async () =>
        {
            await bureau.GotoAsync("/transactions/market?tab=review");
            var row = bureau.Locator("[data-testid=review-queue] .el-table__row", new() { HasTextString = needTitle });
            await Expect(row).ToContainTextAsync("待审核");
            await CleanShotAsync(bureau, "market-review-queue");
            await row.Locator("[data-testid=queue-review]").ClickAsync();
            await bureau.ClickAsync("[data-testid=review-approve]");
            await bureau.ClickAsync("[data-testid=review-save]");
            await Expect(bureau.Locator("[data-testid=review-queue] .el-table__row", new() { HasTextString = needTitle })).ToHaveCountAsync(0);
        });

        await Ui.WithFailureShotAsync(hengrui, "market-matches", async () =>
        {
            await hengrui.GotoAsync(needUrl);
            var match = hengrui.Locator("[data-testid=match]", new() { HasTextString = $"示例 {u}" });
            await Expect(match).ToContainTextAsync("IPC 相同大组 A61K 9");
            await Expect(match).ToContainTextAsync("行业相同：化学药品制剂制造（2720）");
            await Expect(match).ToContainTextAsync("超出预算");
            await Expect(match).ToContainTextAsync("不相符");
            await CleanShotAsync(hengrui, "market-matches");
            await match.Locator("[data-testid=match-start-deal]").ClickAsync();
            await Field(hengrui, "deal-note").FillAsync("希望约谈许可条件");
            await hengrui.ClickAsync("[data-testid=deal-start]");
            await Expect(hengrui).ToHaveURLAsync(new Regex(@"/transactions/market/deals/\d+$"));
            await Expect(hengrui.Locator("[data-testid=deal-timeline]")).ToContainTextAsync("已联系");
            await Expect(hengrui.Locator("[data-testid=deal-contact]").First).ToContainTextAsync("1391234567");
            await hengrui.ClickAsync("[data-testid=deal-advance-save]");
            await Expect(hengrui.Locator("[data-testid=deal-timeline]")).ToContainTextAsync("已约谈");
            await CleanShotAsync(hengrui, "market-deal");
        });

        await Ui.WithFailureShotAsync(bureau, "market-deals-bureau", async () =>
        {
            await bureau.GotoAsync("/transactions/market?tab=deals");
            await Expect(bureau.Locator("[data-testid=deal-list]")).ToContainTextAsync(needTitle);
            await CleanShotAsync(bureau, "market-deals-bureau");
            await bureau.GotoAsync("/transactions/market?tab=stats");
            await Expect(bureau.Locator("[data-testid=deal-stats]")).ToBeVisibleAsync();
            await CleanShotAsync(bureau, "market-stats");
        });

        // 海州区 reads the listings of its region (the agency's unit lies there) with their review history, and reviews nothing
        var haizhou = await Ui.LoginAsync(browser, "haizhou");
        await Ui.WithFailureShotAsync(haizhou, "market-district", async () =>
        {
            await haizhou.GotoAsync($"/transactions/market/listings/{offerId}");
            await Expect(haizhou.Locator("[data-testid=listing-timeline]")).ToContainTextAsync("已发布");
            await Expect(haizhou.Locator("[data-testid=listing-review]")).ToHaveCountAsync(0);
            await Expect(haizhou.Locator("[data-testid=listing-contact]")).ToContainTextAsync("138****1111");
            await CleanShotAsync(haizhou, "market-district");
        });

        var visitor = await browser.NewPageAsync();
        await Ui.WithFailureShotAsync(visitor, "market-public", async () =>
        {
            await visitor.GotoAsync("/market");
            await Expect(visitor.Locator("[data-testid=listing-table]")).ToContainTextAsync($"示例 {u}");
            await CleanShotAsync(visitor, "market-public");
            await visitor.Locator("[data-testid=listing-table] a", new() { HasTextString = $"示例 {u}" }).ClickAsync();
            await Expect(visitor.Locator("[data-testid=listing-contact]")).ToContainTextAsync("138****1111");
            await CleanShotAsync(visitor, "market-public-listing");
        });
    }
}
