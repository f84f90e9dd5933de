using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;
using Zhichan.Tests.Browser;
using Zhichan.Tests.Records.Api;
using Zhichan.Tests.Registries.Entities;
using static Microsoft.Playwright.Assertions;

namespace Zhichan.Tests.Programmes.Calls;

/// <summary>
/// Applications in the browser: the bureau announces a 专利资助 call; 恒瑞 (enterprise) opens it from the programme page, fills
/// the form rendered from the definition with a real granted patent of its own, sees the live eligibility panel pass, attaches
/// the certificate, accepts the declaration and submits; the bureau finds it in its intake list and passes the formal check.
/// Also the public page of announced calls. Screenshots: artifacts/screenshots/programmes-*.png.
/// </summary>
[Collection("Browser")]
public class CallsUiTests(BrowserFixture browser)
{
    private static async Task CleanShotAsync(IPage page, string name)
    {
        await page.EvaluateAsync("() => document.querySelectorAll('.el-message').forEach(e => e.remove())");
        await Ui.ShotAsync(page, name);
    }

    [Fact]
    public async Task Enterprise_FillsAndSubmits_BureauAcceptsInTheFormalCheck()
    {
        var api = await Ui.ApiAsync(browser, "bureau");
        var imp = await RecordsApi.ImportAsync(api, Cn2017.Utf8Csv(Cn2017.At(174369, 191496, 198468)), "programmes-ui-hengrui.csv");
        imp.Str("status").ShouldBe("succeeded", imp.ToString());
        await EntitiesTest.ResolveAsync(api);
        var types = await api.GetFromJsonAsync<JsonElement>("/api/programmes");
        var typeId = types.EnumerateArray().Single(t => t.GetProperty("code").GetString() == "patent_subsidy").GetProperty("id").GetInt64();
        var title = $"专利资助界面测试批次 {Random.Shared.Next(1000, 9999)}";
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var created = await api.PostAsJsonAsync("/api/programmes/calls", new
        {
            typeId, year = today.Year, title, regionCode = "320700", applyFrom = today.AddDays(-3).ToString("yyyy-MM-dd"), applyTo = today.AddDays(30).ToString("yyyy-MM-dd"),
        });
        var callId = JsonDocument.Parse(await created.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetInt64();
        (await api.PostAsync($"/api/programmes/calls/{callId}/open", null)).EnsureSuccessStatusCode();

        var hengrui = await Ui.LoginAsync(browser, "hengrui");
        await Ui.WithFailureShotAsync(hengrui, "programmes-apply", async () =>
        {
            await hengrui.GotoAsync($"/programmes/types/{typeId}");
            await Expect(hengrui.Locator("[data-testid=programme-rules]")).ToContainTextAsync("所列专利均为本单位持有且有效");
            await hengrui.Locator("[data-testid=programme-calls] .el-table__row", new() { HasTextString = title }).Locator("[data-testid=call-apply]").ClickAsync();
            await Expect(hengrui.Locator("[data-testid=application-status]")).ToHaveTextAsync("草稿");
            await hengrui.Locator("[data-testid=field-patents]").FillAsync("CN201610551755.X");
            await hengrui.Locator("[data-testid=field-amount] input").FillAsync("3000");
            await hengrui.Locator("[data-testid=field-bankAccount]").FillAsync("江苏银行连云港分行 3201000000");
            await hengrui.Locator("[data-testid=declarations] .el-checkbox").First.ClickAsync();
            await hengrui.ClickAsync("[data-testid=application-save]");
            await Expect(hengrui.Locator("[data-testid=rule-form_patents_held]")).ToHaveTextAsync("符合");
            await Expect(hengrui.Locator("[data-testid=eligibility-panel]")).ToContainTextAsync("一种右美托咪定及其中间体的制备方法");
            await hengrui.Locator("[data-testid=file-input]").SetInputFilesAsync(new FilePayload
            {
                Name = "专利证书.pdf", MimeType = "application/pdf", Buffer = "%PDF-1.4\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n"u8.ToArray(),
            });
            await Expect(hengrui.Locator("[data-testid=application-files]")).ToContainTextAsync("专利证书.pdf");
            await CleanShotAsync(hengrui, "programmes-enterprise-form");
            await hengrui.ClickAsync("[data-testid=action-submit]");
            await hengrui.Locator(".el-message-box__btns .el-button--primary").ClickAsync();
            await Expect(hengrui.Locator("[data-testid=application-status]")).ToHaveTextAsync("已提交");
            await Expect(hengrui.Locator("[data-testid=application-timeline]")).ToContainTextAsync("提交申报");
            await CleanShotAsync(hengrui, "programmes-enterprise-submitted");
        });

        var bureau = await Ui.LoginAsync(browser, "bureau");
        await Ui.WithFailureShotAsync(bureau, "programmes-check", async () =>
        {
            await bureau.GotoAsync("/programmes");
            var row = bureau.Locator("[data-testid=applications-check] .el-table__row", new() { HasTextString = title }).First;
            await Expect(row).ToContainTextAsync("江苏恒瑞医药股份有限公司");
            await CleanShotAsync(bureau, "programmes-bureau-list");
            await row.Locator("a").First.ClickAsync();
            await Expect(bureau.Locator("[data-testid=field-bankAccount]")).ToContainTextAsync("3201000000");
            await bureau.Locator("textarea[data-testid=action-note], [data-testid=action-note] textarea").First.FillAsync("材料齐全，予以受理");
            await bureau.ClickAsync("[data-testid=action-accept]");
            await Expect(bureau.Locator("[data-testid=application-status]")).ToHaveTextAsync("形式审查通过（待评审）");
            await Expect(bureau.Locator("[data-testid=application-timeline]")).ToContainTextAsync("材料齐全，予以受理");
            await CleanShotAsync(bureau, "programmes-bureau-accepted");
            await bureau.GotoAsync($"/programmes/types/{typeId}");
            await CleanShotAsync(bureau, "programmes-bureau-programme");
        });

        var visitor = await browser.NewPageAsync();
        await visitor.GotoAsync("/programmes/public");
        await Expect(visitor.Locator("[data-testid=public-calls]")).ToContainTextAsync(title);
        await CleanShotAsync(visitor, "programmes-public");
    }
}
