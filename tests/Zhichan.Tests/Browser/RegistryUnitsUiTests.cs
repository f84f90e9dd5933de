using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;
using Zhichan.Api.Platform.Files;
using static Microsoft.Playwright.Assertions;

namespace Zhichan.Tests.Browser;

/// <summary>
/// 试点示范单位 and 地理标志与特色资源 in the browser (ADR 0028, 0029): the bureau registers a unit through the form (Chinese field
/// errors, the region picker), records an evaluation, attaches a file, imports a sheet with a bad row, and adds a GI's authorised
/// user; a district reads its own region's rows only, with inheritors' personal data masked. Screenshots: artifacts/screenshots/units-*.png.
/// </summary>
[Collection("Browser")]
public class RegistryUnitsUiTests(BrowserFixture browser)
{
    private static string Unique() => Random.Shared.Next(100000, 999999).ToString();

    private static async Task CleanShotAsync(IPage page, string name)
    {
        await page.EvaluateAsync("() => document.querySelectorAll('.el-message').forEach(e => e.remove())");
        await Ui.ShotAsync(page, name);
    }

    [Fact]
    public async Task Bureau_RegistersUnit_EvaluatesAttachesImports_AndAddsGiUser()
    {
        var u = Unique();
        var page = await Ui.LoginAsync(browser, "bureau");
        await Ui.WithFailureShotAsync(page, "units-bureau", async () =>
        {
            // the units the plans name are there with their source
            await page.GotoAsync("/registries/pilots");
            await Expect(page.Locator("[data-testid=pilot-table]")).ToContainTextAsync("巴中经开区");
            await Expect(page.Locator("[data-testid=pilot-table]")).ToContainTextAsync("连云港市国家知识产权强市建设试点城市工作方案");
            await CleanShotAsync(page, "units-pilots-bureau");

            // the form: empty → Chinese errors under the fields; then a unit in 连云区 through the region picker
            await page.ClickAsync("[data-testid=pilot-new]");
            await page.ClickAsync("[data-testid=pilot-save]");
            var form = page.Locator("[data-testid=pilot-form]");
            await Expect(form).ToContainTextAsync("单位名称不能为空");
            await Expect(form).ToContainTextAsync("请选择类别");
            await Expect(form).ToContainTextAsync("请选择所在地区");
            await form.Locator("input").First.FillAsync($"连云区知识产权工作站{u}（示例）");
            await Ui.SelectAsync(page, "[data-testid=pilot-kind]", "知识产权工作站");
            await Ui.SelectAsync(page, "[data-testid=pilot-status]", "已认定");
            await page.ClickAsync("[data-testid=pilot-form] [data-testid=region-picker] .el-cascader");
            await page.Locator(".el-cascader-node", new() { HasTextString = "江苏省" }).ClickAsync();
            await page.Locator(".el-cascader-node", new() { HasTextString = "连云港市" }).ClickAsync();
            await page.Locator(".el-cascader-node", new() { HasTextString = "连云区" }).Locator(".el-radio").ClickAsync();
            await Expect(form).ToContainTextAsync("连云区（320703）");
            await page.ClickAsync("[data-testid=pilot-save]");

            // the detail page: an evaluation and an attachment
            await Expect(page.Locator("[data-testid=pilot-unit] h2")).ToHaveTextAsync($"连云区知识产权工作站{u}（示例）");
            await Ui.SelectAsync(page, "[data-testid=evaluation-result]", "良好");
            await page.ClickAsync("[data-testid=evaluation-add]");
            await Expect(page.Locator("[data-testid=pilot-evaluations]")).ToContainTextAsync("良好");
            var id = page.Url.Split('/')[^1];
            await page.Locator($"[data-testid=files-pilot-{id}] [data-testid=file-input]").SetInputFilesAsync(new FilePayload
            {
                Name = "认定通知.pdf", MimeType = "application/pdf", Buffer = "%PDF-1.4\n%%EOF\n"u8.ToArray(),
            });
            await Expect(page.Locator($"[data-testid=files-pilot-{id}]")).ToContainTextAsync("认定通知.pdf");
            await CleanShotAsync(page, "units-pilot-detail");

            // import with one good and one bad row: the bad row is listed with its reason
            await page.GotoAsync("/registries/pilots");
            await page.ClickAsync("[data-testid=pilot-import]");
            var xlsx = SheetImport.Write(["单位名称", "类别", "级别", "所在地区", "状态"],
                [[$"赣榆区试点学校{u}（示例）", "试点学校", "市级", "320707", "培育中"], ["", "城堡", "", "火星", "已认定"]]);
            await page.Locator("[data-testid=import-input]").SetInputFilesAsync(new FilePayload
            {
                Name = "units.xlsx", MimeType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", Buffer = xlsx,
            });
            await Expect(page.Locator("[data-testid=import-result]")).ToContainTextAsync("新增 1 条，更新 0 条，未导入 1 条");
            await Expect(page.Locator("[data-testid=import-errors]")).ToContainTextAsync("找不到地区“火星”");
            await CleanShotAsync(page, "units-import-errors");
        });

        // a GI arranged through the API; its authorised user added on its page
        var api = await Ui.ApiAsync(browser, "bureau");
        var res = await api.PostAsJsonAsync("/api/registries/gi", new
        {
            product = $"示例紫菜{u}", kind = "cert_mark", regionCodes = new[] { "320703" }, holder = "示例紫菜协会", registrationNumber = $"9{u}",
            registeredOn = "2018-04-01", validUntil = "2028-03-31", status = "registered", notes = "示例",
        });
        res.EnsureSuccessStatusCode();
        var gi = (await res.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("item").GetProperty("id").GetInt64();
        await Ui.WithFailureShotAsync(page, "units-gi", async () =>
        {
            await page.GotoAsync("/registries/gi");
            await Expect(page.Locator("[data-testid=gi-table]")).ToContainTextAsync($"示例紫菜{u}");
            await page.GotoAsync($"/registries/gi/{gi}");
            var userForm = page.Locator("[data-testid=gi-user-form]");
            await page.ClickAsync("[data-testid=gi-user-add]");
            await Expect(userForm).ToContainTextAsync("使用企业不能为空");
            await userForm.Locator("input").First.FillAsync("连云港示例食品有限公司");
            await page.ClickAsync("[data-testid=gi-user-add]");
            await Expect(page.Locator("[data-testid=gi-users]")).ToContainTextAsync("连云港示例食品有限公司");
            await Expect(page.Locator("[data-testid=gi-users]")).ToContainTextAsync("当前有效");
            await CleanShotAsync(page, "units-gi-detail");
        });
    }

    [Fact]
    public async Task Bureau_GiTrademarksValue_DrillsDownToTheRegisterRows()
    {
        var u = Unique();
        var api = await Ui.ApiAsync(browser, "bureau");
        var res = await api.PostAsJsonAsync("/api/registries/gi", new
        {
            product = $"示例海州茶{u}", kind = "collective_mark", regionCodes = new[] { "320706" }, holder = "示例茶叶协会", registrationNumber = $"8{u}",
            registeredOn = "2016-09-01", validUntil = "2026-08-31", status = "registered",
        });
        res.EnsureSuccessStatusCode();
        var gi = (await res.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("item").GetProperty("id").GetInt64();

        var page = await Ui.LoginAsync(browser, "bureau");
        await Ui.WithFailureShotAsync(page, "units-gi-drill", async () =>
        {
            // 目标考核 → 指标数值 (year 2017 by default): the module-sourced value opens the register's rows, each linked to its page
            await page.GotoAsync("/indicators/values?code=gi_trademarks");
            var row = page.Locator("[data-testid=values-table] .el-table__row", new() { HasTextString = "海州区" });
            await row.Locator("[data-testid=drill-rows]").ClickAsync();
            var drawer = page.Locator("[data-testid=module-rows]");
            await Expect(drawer).ToContainTextAsync("地理标志商标量 · 海州区 · 2017 年");
            await Expect(drawer).ToContainTextAsync($"示例海州茶{u}");
            await Expect(drawer).ToContainTextAsync("地理标志集体商标");
            await Expect(drawer).ToContainTextAsync($"注册号 8{u}");
            await CleanShotAsync(page, "units-gi-drill-down");
            await drawer.Locator("[data-testid=module-row-link]", new() { HasTextString = $"示例海州茶{u}" }).ClickAsync();
            await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex($"/registries/gi/{gi}$"));
            await Expect(page.Locator("[data-testid=gi-item] h2")).ToHaveTextAsync($"示例海州茶{u}");
        });
    }

    [Fact]
    public async Task District_ReadsOwnRegionOnly_InheritorsMasked()
    {
        var u = Unique();
        var api = await Ui.ApiAsync(browser, "bureau");
        (await api.PostAsJsonAsync("/api/registries/pilots", new { kind = "pilot_school", name = $"海州区试点学校{u}（示例）", regionCode = "320706", status = "cultivating" }))
            .EnsureSuccessStatusCode();
        (await api.PostAsJsonAsync("/api/registries/pilots", new { kind = "workstation", name = $"连云区工作站{u}（示例）", regionCode = "320703", status = "cultivating" }))
            .EnsureSuccessStatusCode();
        var h = await api.PostAsJsonAsync("/api/registries/heritage", new
        {
            name = $"示例剪纸{u}", level = "municipal", category = "art", regionCode = "320703", listedYear = 2019,
            inheritors = new[] { new { name = "王小明", phone = "13912345678", idNumber = "320703199001011234" } },
        });
        h.EnsureSuccessStatusCode();
        var hid = (await h.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("item").GetProperty("id").GetInt64();

        var page = await Ui.LoginAsync(browser, "lianyun");
        await Ui.WithFailureShotAsync(page, "units-district", async () =>
        {
            await Expect(Ui.MenuEntry(page, "registries.pilots")).ToHaveCountAsync(1);
            await page.GotoAsync("/registries/pilots");
            var table = page.Locator("[data-testid=pilot-table]");
            await Expect(table).ToContainTextAsync($"连云区工作站{u}（示例）");
            await Expect(table).Not.ToContainTextAsync("海州区试点学校");
            await Expect(table).Not.ToContainTextAsync("巴中经开区");
            await Expect(page.Locator("[data-testid=pilot-new]")).ToHaveCountAsync(0);
            await CleanShotAsync(page, "units-pilots-district");

            await page.GotoAsync($"/registries/heritage/{hid}");
            var inheritors = page.Locator("[data-testid=heritage-inheritors]");
            await Expect(inheritors).ToContainTextAsync("139****5678");
            await Expect(inheritors).ToContainTextAsync("320703********1234");
            await Expect(inheritors).Not.ToContainTextAsync("13912345678");
            await CleanShotAsync(page, "units-heritage-district");
        });
    }
}
