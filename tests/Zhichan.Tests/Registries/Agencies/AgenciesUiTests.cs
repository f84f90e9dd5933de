using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;
using Zhichan.Tests.Browser;
using static Microsoft.Playwright.Assertions;

namespace Zhichan.Tests.Registries.Agencies;

/// <summary>
/// Service agencies in the browser: the agency keeps its own record (a change request the bureau approves), the bureau grades
/// with the breakdown shown, draws inspections and publishes them, and an anonymous visitor verifies the published draw and
/// reads the directory. Screenshots go to artifacts/screenshots/agencies-*.png.
/// </summary>
[Collection("Browser")]
public class AgenciesUiTests(BrowserFixture browser)
{
    private static string Unique() => Random.Shared.Next(100000, 999999).ToString();

    private static async Task CleanShotAsync(IPage page, string name)
    {
        await page.EvaluateAsync("() => document.querySelectorAll('.el-message').forEach(e => e.remove())");
        await Ui.ShotAsync(page, name);
    }

    [Fact]
    public async Task Agency_RequestsAChange_BureauApprovesIt_AndGradesWithTheBreakdown()
    {
        var u = Unique();
        var agency = await Ui.LoginAsync(browser, "agency");
        await Ui.WithFailureShotAsync(agency, "agencies-mine", async () =>
        {
            // the demo agency row (marked 示例) is the agency account's own record
            await agency.GotoAsync("/registries/agencies");
            await Expect(agency.Locator("[data-testid=my-agency]")).ToContainTextAsync("示例数据");
            await agency.ClickAsync("[data-testid=change-start]");
            await agency.FillAsync("textarea[data-testid=field-services], [data-testid=field-services] textarea", $"专利申请代理、专利运营（示例 {u}）");
            await agency.ClickAsync("[data-testid=change-submit]");
            await Expect(agency.Locator("[data-testid=change-pending]")).ToBeVisibleAsync();
            await CleanShotAsync(agency, "agencies-mine");
        });

        var bureau = await Ui.LoginAsync(browser, "bureau");
        await Ui.WithFailureShotAsync(bureau, "agencies-bureau", async () =>
        {
            await bureau.GotoAsync("/registries/agencies?tab=changes");
            var card = bureau.Locator("[data-testid=change-review] .el-card", new() { HasTextString = u });
            await Expect(card).ToContainTextAsync("服务内容");
            await card.Locator("[data-testid=change-approve]").ClickAsync();
            await Expect(bureau.Locator("[data-testid=change-review] .el-card", new() { HasTextString = u })).ToHaveCountAsync(0);

            await bureau.GotoAsync("/registries/agencies?tab=register");
            await Expect(bureau.Locator("[data-testid=agencies-table]")).ToContainTextAsync("示例知识产权代理事务所");
            await CleanShotAsync(bureau, "agencies-register");

            await bureau.GotoAsync("/registries/agencies?tab=grading");
            await bureau.ClickAsync("[data-testid=grading-compute]");
            var row = bureau.Locator("[data-testid=gradings-table] .el-table__row", new() { HasTextString = "示例知识产权代理事务所" });
            await Expect(row).ToContainTextAsync("待发布");
            await row.Locator(".el-table__expand-icon").ClickAsync();
            await Expect(bureau.Locator("[data-testid=grade-breakdown]").First).ToContainTextAsync("基础分");
            await CleanShotAsync(bureau, "agencies-grading");
        });
    }

    [Fact]
    public async Task Bureau_DrawsAndPublishes_AnonymousVerifiesTheDraw_AndReadsTheDirectory()
    {
        var u = Unique();
        var api = await Ui.ApiAsync(browser, "bureau");
        var units = await api.GetFromJsonAsync<JsonElement>("/api/admin/org-units");
        var bureauUnit = units.EnumerateArray().First(x => x.GetProperty("kind").GetString() == "bureau").GetProperty("id").GetInt64();
        foreach (var n in new[] { "甲", "乙", "丙" })
            (await api.PostAsJsonAsync("/api/registries/inspections/inspectors", new { name = $"张{n}{u[..2]}", orgUnitId = bureauUnit })).EnsureSuccessStatusCode();
        (await api.PostAsJsonAsync("/api/registries/inspections/items", new { name = $"专利代理机构执业情况检查 {u}", kind = "key" })).EnsureSuccessStatusCode();

        var page = await Ui.LoginAsync(browser, "bureau");
        long drawId = 0;
        await Ui.WithFailureShotAsync(page, "agencies-draw", async () =>
        {
            await page.GotoAsync("/registries/inspections");
            await page.FillAsync("input[data-testid=draw-title], [data-testid=draw-title] input", $"专利代理机构双随机抽查 {u}");
            await Ui.SelectAsync(page, "[data-testid=draw-items]", u);
            await page.Keyboard.PressAsync("Escape");
            await page.ClickAsync("[data-testid=draw-submit]");
            await Expect(page.Locator("[data-testid=draw-view]")).ToBeVisibleAsync();
            await Expect(page.Locator("[data-testid=draw-seed]")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex("^[0-9a-f]{64}$"));
            drawId = long.Parse(new Uri(page.Url).Segments[^1]);
            await page.ClickAsync("[data-testid=draw-publish]");
            await Expect(page.Locator("[data-testid=draw-publish]")).ToHaveCountAsync(0);
            await CleanShotAsync(page, "agencies-draw");
        });

        var visitor = await browser.NewPageAsync();
        await Ui.WithFailureShotAsync(visitor, "agencies-public", async () =>
        {
            await visitor.GotoAsync($"/inspections/{drawId}");
            await visitor.ClickAsync("[data-testid=draw-verify]");
            await Expect(visitor.Locator("[data-testid=verify-result]")).ToContainTextAsync("复核一致");
            await Expect(visitor.Locator("[data-testid=draw-targets]")).ToContainTextAsync("某");
            await CleanShotAsync(visitor, "agencies-public-draw");
            await visitor.GotoAsync("/agencies");
            await Expect(visitor.Locator("[data-testid=public-agencies-table]")).ToContainTextAsync("示例知识产权代理事务所");
            await CleanShotAsync(visitor, "agencies-public-directory");
        });
    }
}
