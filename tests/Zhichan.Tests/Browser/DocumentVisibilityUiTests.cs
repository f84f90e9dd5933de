using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Zhichan.Tests.Browser;

/// <summary>
/// Case documents in the browser (ADR 0210): the bureau sees each document's visibility and shares an internal one; the enterprise
/// that complained sees its own evidence and, only once shared, the bureau's document. The login page links to the public typical
/// cases. Screenshots: artifacts/screenshots/protection-file-visibility-*.png, login-public-links.png.
/// </summary>
[Collection("Browser")]
public class DocumentVisibilityUiTests(BrowserFixture browser)
{
    [Fact]
    public async Task Bureau_SharesInternalDocument_EnterpriseSeesItOnlyAfterwards()
    {
        var u = Random.Shared.Next(100000, 999999).ToString();
        var hengruiApi = await Ui.ApiAsync(browser, "hengrui");
        var submitted = await hengruiApi.PostAsJsonAsync("/api/protection/public/complaints", new
        {
            type = "trademark", complainantKind = "organisation", complainantName = "江苏恒瑞医药股份有限公司", complainantPhone = $"13{u}000",
            respondentName = $"连云港某某药房{u}有限公司", facts = "被投诉人销售假冒我公司注册商标的药品，附购买凭证。", regionCode = "320706",
            evidence = new[] { new { fileName = $"购买凭证{u}.pdf", contentBase64 = Convert.ToBase64String(Encoding.ASCII.GetBytes("%PDF-1.4 receipt")) } },
        });
        var text = await submitted.Content.ReadAsStringAsync();
        submitted.IsSuccessStatusCode.ShouldBeTrue(text);
        var receipt = JsonDocument.Parse(text).RootElement.GetProperty("receiptNumber").GetString()!;
        var bureauApi = await Ui.ApiAsync(browser, "bureau");
        var id = (await bureauApi.GetFromJsonAsync<JsonElement>($"/api/protection/cases?q={receipt}")).GetProperty("items")[0].GetProperty("id").GetInt64();
        (await bureauApi.PostAsJsonAsync($"/api/protection/cases/{id}/transitions", new { action = "accept" })).EnsureSuccessStatusCode();
        using (var form = new MultipartFormDataContent { { new StringContent("document"), "kind" } })
        {
            form.Add(new ByteArrayContent(Encoding.ASCII.GetBytes("%PDF-1.4 notice")), "file", $"责令改正通知书{u}.pdf");
            (await bureauApi.PostAsync($"/api/protection/cases/{id}/files", form)).EnsureSuccessStatusCode();
        }

        var enterprise = await Ui.LoginAsync(browser, "hengrui");
        await Ui.WithFailureShotAsync(enterprise, "protection-file-visibility-enterprise", async () =>
        {
            await enterprise.GotoAsync($"/protection/cases/{id}");
            // a party sees its own data, and is told so (ADR 0212)
            await Expect(enterprise.Locator("[data-testid=case-data-view]")).ToHaveTextAsync("本单位提交的投诉");
            var files = enterprise.Locator("[data-testid=case-files]");
            await Expect(files).ToContainTextAsync($"购买凭证{u}.pdf");
            await Expect(files).Not.ToContainTextAsync("责令改正通知书");
            await Expect(enterprise.Locator("[data-testid=file-visibility-toggle]")).ToHaveCountAsync(0);
            await Expect(enterprise.Locator("[data-testid=timeline]")).Not.ToContainTextAsync("上传文件");
        });

        var staff = await Ui.LoginAsync(browser, "bureau");
        await Ui.WithFailureShotAsync(staff, "protection-file-visibility-staff", async () =>
        {
            await staff.GotoAsync($"/protection/cases/{id}");
            await Expect(staff.Locator("[data-testid=handling-unit]")).ToBeVisibleAsync();
            await Expect(staff.Locator("[data-testid=case-data-view]")).ToHaveCountAsync(0); // the bureau sees everything
            var evidence = staff.Locator("[data-testid=case-files] li", new() { HasTextString = $"购买凭证{u}.pdf" });
            var notice = staff.Locator("[data-testid=case-files] li", new() { HasTextString = $"责令改正通知书{u}.pdf" });
            await Expect(evidence.Locator("[data-testid=file-visibility]")).ToHaveTextAsync("当事人可见");
            await Expect(notice.Locator("[data-testid=file-visibility]")).ToHaveTextAsync("仅内部");
            await notice.Locator("[data-testid=file-visibility-toggle]").ClickAsync();
            await Expect(notice.Locator("[data-testid=file-visibility]")).ToHaveTextAsync("当事人可见");
            await Expect(staff.Locator("[data-testid=timeline]")).ToContainTextAsync("文件可见范围");
            await staff.EvaluateAsync("() => document.querySelectorAll('.el-message').forEach(e => e.remove())");
            await Ui.ShotAsync(staff, "protection-file-visibility-staff");
        });

        await Ui.WithFailureShotAsync(enterprise, "protection-file-visibility-enterprise", async () =>
        {
            await enterprise.ReloadAsync();
            await Expect(enterprise.Locator("[data-testid=case-files]")).ToContainTextAsync($"责令改正通知书{u}.pdf");
            await Ui.ShotAsync(enterprise, "protection-file-visibility-enterprise");
        });
    }

    [Fact]
    public async Task LoginPage_LinksToPublicTypicalCases()
    {
        var page = await browser.NewPageAsync();
        await Ui.WithFailureShotAsync(page, "login-public-links", async () =>
        {
            await page.GotoAsync("/login");
            await Expect(page.Locator("[data-testid=link-typical-cases]")).ToHaveTextAsync("典型案例");
            await Ui.ShotAsync(page, "login-public-links");
            await page.ClickAsync("[data-testid=link-typical-cases]");
            await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/typical-cases$"));
            await Expect(page.Locator("[data-testid=typical-cases]")).ToBeVisibleAsync();
        });
    }
}
