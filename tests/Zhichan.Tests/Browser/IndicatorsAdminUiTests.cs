using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Zhichan.Tests.Browser;

/// <summary>
/// 目标考核 administration in a real browser, on the 连云港 slice of the 2017 file (see <see cref="IndicatorsUiTests.SliceApp"/>):
/// the bureau defines a custom assessment unit with the region picker (the server's Chinese error lands on the members field),
/// opens the unit's indicator values, renames it, and a department reads the list without edit buttons (ADR 0105); the bureau
/// reviews a progress report and sees its attachment (downloadable) and its reported value before accepting it (ADR 0106).
/// </summary>
[Collection("Browser")]
public class IndicatorsAdminUiTests(BrowserFixture browser, IndicatorsUiTests.SliceApp app) : IClassFixture<IndicatorsUiTests.SliceApp>
{
    private static Task<JsonElement> JsonAsync(HttpResponseMessage res, HttpStatusCode expected = HttpStatusCode.OK) => IndicatorsUiTests.JsonAsync(res, expected);

    /// <summary>
    /// Picks a region in the unit dialog's cascader: opens the panel, expands the path, checks the last node's radio, then
    /// closes the panel (it stays open after a pick, so that several regions can be added in a row) by a click on the dialog's header.
    /// </summary>
    private static async Task PickRegionAsync(IPage page, params string[] path)
    {
        await page.Locator("[data-testid=member-picker]").ClickAsync();
        var menus = page.Locator(".el-cascader__dropdown:visible .el-cascader-menu");
        for (var i = 0; i < path.Length - 1; i++)
            await menus.Nth(i).Locator(".el-cascader-node", new() { HasText = path[i] }).ClickAsync();
        await menus.Nth(path.Length - 1).Locator(".el-cascader-node", new() { HasText = path[^1] }).Locator(".el-radio").ClickAsync();
        await Expect(page.Locator("[data-testid=unit-members]")).ToContainTextAsync(path[^1]);
        await page.Locator(".el-dialog__header:visible").ClickAsync();
        await Expect(page.Locator(".el-cascader__dropdown")).ToBeHiddenAsync();
    }

    private async Task WaitForRecomputationAsync()
    {
        for (var i = 0; ; i++)
        {
            var status = await app.App.ScalarAsync<string>("SELECT status FROM jobs WHERE kind = 'indicators.recompute' ORDER BY id DESC LIMIT 1");
            if (status == "succeeded") return;
            if (status == "failed" || i > 900) throw new InvalidOperationException($"recomputation {status}");
            await Task.Delay(100);
        }
    }

    [Fact]
    public async Task Bureau_DefinesCustomUnitWithRegionPicker_OpensItsValues_DepartmentReadsOnly()
    {
        var page = await Ui.LoginAsync(browser, "bureau", app.App.BaseUrl);
        await page.SetViewportSizeAsync(1440, 1000);
        var form = page.Locator("[data-testid=unit-form]");

        await Ui.WithFailureShotAsync(page, "custom-unit-create", async () =>
        {
            // the menu entry under 目标考核
            await page.GotoAsync("/indicators");
            await Ui.MenuEntry(page, "indicators.units").ClickAsync();
            await Expect(page).ToHaveURLAsync(new Regex("/indicators/units$"));
            await Expect(page.Locator("[data-testid=units-table]")).ToContainTextAsync("尚未定义自定义考核单元");

            // 连云港市 with 连云区 inside it: the server refuses, in Chinese, on the members field
            await page.ClickAsync("[data-testid=unit-create]");
            await form.Locator(".el-form-item:has-text('单元名称') input").FillAsync("沿海片区");
            await PickRegionAsync(page, "江苏省", "连云港市");
            await PickRegionAsync(page, "江苏省", "连云港市", "连云区");
            await page.ClickAsync("[data-testid=unit-save]");
            var members = form.Locator(".el-form-item:has-text('成员地区')");
            await Expect(members.Locator(".el-form-item__error")).ToContainTextAsync("“连云区”属于“连云港市”，成员地区不能相互包含");
            await Ui.ShotAsync(page, "custom-unit-error");

            // drop the city, add 海州区 and 赣榆区: saved, listed with the members' names and who created it
            await page.Locator("[data-testid=unit-members] .el-tag", new() { HasText = "连云港市" }).Locator(".el-tag__close").ClickAsync();
            await PickRegionAsync(page, "江苏省", "连云港市", "海州区");
            await PickRegionAsync(page, "江苏省", "连云港市", "赣榆区");
            await Expect(page.Locator("[data-testid=unit-members] .el-tag")).ToHaveCountAsync(3);
            await Ui.ShotAsync(page, "custom-unit-dialog");
            await page.ClickAsync("[data-testid=unit-save]");
            await Expect(page.Locator(".el-message--success")).ToContainTextAsync("正在重新计算");
            var row = page.Locator("[data-testid=units-table] .el-table__row", new() { HasText = "沿海片区" });
            foreach (var text in new[] { "U00001", "连云区", "海州区", "赣榆区", "连云港市", "市局业务员" }) await Expect(row).ToContainTextAsync(text);
            await Ui.ShotAsync(page, "custom-units");
        });

        // the unit's values: computed from the records of its three members, a record counted once
        await WaitForRecomputationAsync();
        var bureau = await app.BureauClientAsync();
        var values = await JsonAsync(await bureau.GetAsync("/api/indicators/invention_applications/values?region=320703,320706,320707,U00001&year=2017"));
        decimal Of(string region) => values.GetProperty("values").EnumerateArray().First(v => v.GetProperty("regionCode").GetString() == region).GetProperty("value").GetDecimal();
        var unitValue = Of("U00001");
        unitValue.ShouldBe(Of("320703") + Of("320706") + Of("320707"));   // first-named counting: the sum of the members
        unitValue.ShouldBeGreaterThan(0m);
        await Ui.WithFailureShotAsync(page, "custom-unit-values", async () =>
        {
            await page.Locator("[data-testid=units-table] .el-table__row", new() { HasText = "沿海片区" }).Locator("[data-testid=unit-values]").ClickAsync();
            await Expect(page).ToHaveURLAsync(new Regex("/indicators/values\\?region=U00001"));
            await Expect(page.Locator("[data-testid=unit-scope]")).ToContainTextAsync("由 连云区、海州区、赣榆区 组成");
            await Expect(page.Locator("[data-testid=scope-select]")).ToContainTextAsync("沿海片区（U00001）");
            var table = page.Locator("[data-testid=values-table] .el-table__row", new() { HasText = "沿海片区" });
            await Expect(table).ToContainTextAsync($"{unitValue:0} 件");
            await Expect(table).ToContainTextAsync("成员：连云区、海州区、赣榆区");
            await Expect(page.Locator("[data-testid=values-table] .el-table__row")).ToHaveCountAsync(4);   // the unit and its three members
            await Ui.ShotAsync(page, "custom-unit-values");

            // its records: those of all three members (the drill-down, not the one-region records search)
            await table.Locator("[data-testid=drill-down]").ClickAsync();
            var drawer = page.Locator("[data-testid=region-drill]");
            await Expect(drawer).ToContainTextAsync("沿海片区 · 2017 年");
            await Expect(drawer.Locator("[data-testid=drill-total]")).ToHaveTextAsync($"{unitValue:0}");
            await Ui.ShotAsync(page, "custom-unit-records");
        });

        // renamed through the same dialog (UpdateCustomUnit)
        await Ui.WithFailureShotAsync(page, "custom-unit-edit", async () =>
        {
            await page.GotoAsync("/indicators/units");
            await page.Locator("[data-testid=units-table] .el-table__row", new() { HasText = "沿海片区" }).Locator("[data-testid=unit-edit]").ClickAsync();
            await Expect(page.Locator("[data-testid=unit-members] .el-tag")).ToHaveCountAsync(3);
            await form.Locator(".el-form-item:has-text('单元名称') input").FillAsync("沿海三区");
            await page.ClickAsync("[data-testid=unit-save]");
            await Expect(page.Locator("[data-testid=units-table]")).ToContainTextAsync("沿海三区");
        });

        // the plan page creates a yearly assessment of the custom units
        await Ui.WithFailureShotAsync(page, "custom-unit-assessment", async () =>
        {
            await page.GotoAsync($"/indicators/plans/{app.PlanId}");
            // the year defaults to the plan's current year; creating asks for confirmation with the year and the kind
            await page.Locator("[data-testid=assessment-year] input").FillAsync("2017");
            await page.Locator("[data-testid=assessment-year] input").BlurAsync();
            await page.ClickAsync("[data-testid=new-custom-assessment]");
            await Expect(page.Locator(".el-message-box")).ToContainTextAsync("2017 年度");
            await page.ClickAsync(".el-message-box__btns .el-button--primary");
            await Expect(page.Locator(".el-message--error")).ToContainTextAsync("至少需要 2 个单元");   // one unit is no ranking
            await JsonAsync(await bureau.PostAsJsonAsync("/api/indicators/units", new { name = "东海灌云片区", memberCodes = new[] { "320722", "320723" } }), HttpStatusCode.Created);
            await page.ClickAsync("[data-testid=new-custom-assessment]");
            await page.ClickAsync(".el-message-box__btns .el-button--primary");
            await Expect(page).ToHaveURLAsync(new Regex("/indicators/assessments/\\d+$"));
            await Expect(page.Locator("[data-testid=assessment-page] h2")).ToContainTextAsync("2017 年度自定义考核单元考核");
            await Ui.ShotAsync(page, "custom-unit-assessment");
        });

        // a department reads the units but cannot create or edit them
        var police = await Ui.LoginAsync(browser, "police", app.App.BaseUrl);
        await Ui.WithFailureShotAsync(police, "custom-units-readonly", async () =>
        {
            await police.GotoAsync("/indicators/units");
            await Expect(police.Locator("[data-testid=units-table]")).ToContainTextAsync("沿海三区");
            await Expect(police.Locator("[data-testid=unit-values]")).ToHaveCountAsync(2);
            await Expect(police.Locator("[data-testid=unit-create]")).ToHaveCountAsync(0);
            await Expect(police.Locator("[data-testid=unit-edit]")).ToHaveCountAsync(0);
            await Ui.ShotAsync(police, "custom-units-readonly");
        });
    }

    [Fact]
    public async Task Bureau_ReviewsProgressReport_SeesAttachmentAndReportedValue_AcceptingCountsIt()
    {
        // arranged through the API (the report dialog has its own test): 海州区 reports on its task with a PDF and a value
        var bureau = await app.BureauClientAsync();
        var lead = await app.App.ScalarAsync<long>("SELECT id FROM org_units WHERE name = '海州区'");
        var task = (await JsonAsync(await bureau.PostAsJsonAsync($"/api/plans/{app.PlanId}/tasks", new { title = "海州区商标品牌培育", leadOrgUnitIds = new[] { lead } }),
            HttpStatusCode.Created)).GetProperty("id").GetInt64();
        var haizhou = await app.ClientAsync("haizhou");
        var pdf = Encoding.ASCII.GetBytes("%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n");
        using var upload = new MultipartFormDataContent();
        var content = new ByteArrayContent(pdf);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/pdf");
        upload.Add(content, "file", "驰名商标认定批复.pdf");
        var file = (await JsonAsync(await haizhou.PostAsync("/api/plans/reports/attachments", upload), HttpStatusCode.Created)).GetProperty("id").GetInt64();
        await JsonAsync(await haizhou.PostAsJsonAsync($"/api/plans/tasks/{task}/reports", new
        {
            period = "2025-Q2", content = "辖区企业新获认定驰名商标 3 件，批复见附件。", percent = 60, attachmentIds = new[] { file },
            indicatorValues = new[] { new { code = "well_known_trademarks", regionCode = "320706", year = 2025, value = 3 } },
        }), HttpStatusCode.Created);

        var page = await Ui.LoginAsync(browser, "bureau", app.App.BaseUrl);
        await page.SetViewportSizeAsync(1440, 2000);
        await Ui.WithFailureShotAsync(page, "report-review", async () =>
        {
            await page.GotoAsync($"/indicators/plans/{app.PlanId}");
            var row = page.Locator("[data-testid=reports] .el-table__row", new() { HasText = "海州区商标品牌培育" });
            await Expect(row).ToContainTextAsync("辖区企业新获认定驰名商标 3 件");
            await Expect(row.Locator("[data-testid=report-files]")).ToContainTextAsync("驰名商标认定批复.pdf");
            var reported = row.Locator("[data-testid=report-values] tbody tr");
            await Expect(reported).ToHaveCountAsync(1);
            foreach (var text in new[] { "驰名商标数", "海州区", "2025", "3", "件" }) await Expect(reported).ToContainTextAsync(text);
            await Expect(row).ToContainTextAsync("通过后以上数值计入指标");
            await row.ScrollIntoViewIfNeededAsync();
            await Ui.ShotAsync(page, "report-review");
            await page.Locator("[data-testid=reports]").ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotDir, "report-review-list.png") });

            // the attachment downloads with its name
            var download = await page.RunAndWaitForDownloadAsync(() => row.Locator("[data-testid=report-file]").ClickAsync());
            download.SuggestedFilename.ShouldBe("驰名商标认定批复.pdf");

            // accepting counts the value; the report leaves the queue
            await row.GetByRole(AriaRole.Button, new() { Name = "通过" }).ClickAsync();
            await Expect(page.Locator(".el-message--success")).ToContainTextAsync("已通过");
            await Expect(page.Locator("[data-testid=reports] .el-table__row", new() { HasText = "海州区商标品牌培育" })).ToHaveCountAsync(0);
        });
        var value = await JsonAsync(await bureau.GetAsync("/api/indicators/well_known_trademarks/values?region=320706&year=2025"));
        var v = value.GetProperty("values").EnumerateArray().First(x => x.GetProperty("regionCode").GetString() == "320706" && x.GetProperty("year").GetInt32() == 2025);
        v.GetProperty("value").GetDecimal().ShouldBe(3m);
        v.GetProperty("status").GetString().ShouldBe("accepted");
    }
}
