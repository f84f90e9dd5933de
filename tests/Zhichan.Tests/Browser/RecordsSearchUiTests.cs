using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Playwright;
using Zhichan.Tests.Infrastructure;
using Zhichan.Tests.Records.Api;
using static Microsoft.Playwright.Assertions;

namespace Zhichan.Tests.Browser;

/// <summary>
/// The search page's advanced search in a real browser (issue 19), on an app of its own with the 10-row database export:
/// build an expression from rows, see it, edit it, run it, save it, re-run it from the list; pasted numbers with the ones
/// not found; a syntax error with its position; the syntax help.
/// </summary>
[Collection("Browser")]
public class RecordsSearchUiTests(BrowserFixture browser, KestrelFactory app) : IClassFixture<KestrelFactory>
{
    private async Task ImportSampleAsync()
    {
        var client = app.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri(app.BaseUrl + "/"), AllowAutoRedirect = false, HandleCookies = true });
        var login = await client.PostAsJsonAsync("/api/auth/login", new { username = "bureau", password = ZhichanFactory.Password });
        login.StatusCode.ShouldBe(HttpStatusCode.OK);
        client.DefaultRequestHeaders.Add("X-XSRF-TOKEN", (await login.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("csrfToken").GetString());
        var imp = await RecordsApi.ImportAsync(client, "patents/cn-db-export-sample.csv");
        imp.Str("status").ShouldBe("succeeded", imp.ToString());
    }

    [Fact]
    public async Task AdvancedSearch_BuildEditRunSaveAndRerun()
    {
        await ImportSampleAsync();
        var page = await Ui.LoginAsync(browser, "bureau", app.BaseUrl);
        await page.GotoAsync("/records/search");
        await Expect(page.Locator("[data-testid=hit]").First).ToBeVisibleAsync();

        await Ui.WithFailureShotAsync(page, "records-advanced-search", async () =>
        {
            // build: title 无人机, applicant 中科大数据研究院, and a fourth row "NOT IPC B64C"
            await page.ClickAsync("[data-testid=advanced-toggle]");
            var rows = page.Locator("[data-testid=advanced-row]");
            await Expect(rows).ToHaveCountAsync(3);
            await rows.Nth(0).Locator("input[data-testid=row-value]").FillAsync("无人机");
            await rows.Nth(1).Locator("input[data-testid=row-value]").FillAsync("中科大数据研究院");
            await page.ClickAsync("[data-testid=add-row]");
            await Expect(rows).ToHaveCountAsync(4);
            await Ui.SelectAsync(page, "[data-testid=advanced-row] >> nth=3 >> [data-testid=row-op]", "排除 NOT");
            await Ui.SelectAsync(page, "[data-testid=advanced-row] >> nth=3 >> [data-testid=row-field]", "IPC 分类号 IPC");
            await rows.Nth(3).Locator("input[data-testid=row-value]").FillAsync("B64C");
            var expression = page.Locator("textarea[data-testid=advanced-expression]");
            await Expect(expression).ToHaveValueAsync("TI=无人机 AND AP=中科大数据研究院 NOT IPC=B64C");
            await Ui.ShotAsync(page, "records-advanced-search");

            // edit it by hand, run it: the URL carries it, the hits match it, the page shows what the server understood
            await expression.FillAsync("TI=(无人机 OR 摄像头) AND AP=中科大数据研究院 NOT IPC=B64C");
            await Expect(page.Locator("[data-testid=advanced-search]")).ToContainTextAsync("检索式已手动修改");
            await page.ClickAsync("[data-testid=advanced-run]");
            await Expect(page).ToHaveURLAsync(new Regex(@"q=TI(=|%3D)(\(|%28)"));
            await Expect(page.Locator("[data-testid=understood-expression]")).ToContainTextAsync("TI=(无人机 OR 摄像头) AND AP=中科大数据研究院 AND NOT IPC=B64C");
            var titles = page.Locator("[data-testid=hit-title]");
            await Expect(titles.First).ToBeVisibleAsync();
            var first = await page.Locator("[data-testid=result-count]").InnerTextAsync();
            foreach (var title in await titles.AllInnerTextsAsync()) (title.Contains("无人机") || title.Contains("摄像头")).ShouldBeTrue(title);

            // save it under a name: it appears in 我的检索
            await page.ClickAsync("[data-testid=advanced-save]");
            var dialog = page.Locator("[data-testid=save-search-dialog]");
            await dialog.Locator("input[data-testid=save-search-name]").FillAsync("无人机与摄像头");
            await dialog.Locator("[data-testid=save-search-confirm]").ClickAsync();
            var saved = page.Locator("[data-testid=saved-searches] [data-testid=saved-search]", new() { HasTextString = "无人机与摄像头" });
            await Expect(saved).ToBeVisibleAsync();

            // another search, then the saved one again from the list
            await page.FillAsync("input[data-testid=search-input]", "监测");
            await page.PressAsync("input[data-testid=search-input]", "Enter");
            await Expect(page).ToHaveURLAsync(new Regex("q=%E7%9B%91%E6%B5%8B"));
            await saved.ClickAsync();
            await Expect(page).ToHaveURLAsync(new Regex(@"q=TI(=|%3D)(\(|%28)"));
            await Expect(page.Locator("[data-testid=result-count]")).ToHaveTextAsync(new Regex(Regex.Escape(first.Split('（')[0])));
            await Ui.ShotAsync(page, "records-saved-search");

            // numbers pasted as a list: found in order, the one without a record named
            await page.FillAsync("input[data-testid=search-input]", "CN218751475U; CN216774847U; CN209999999U");
            await page.PressAsync("input[data-testid=search-input]", "Enter");
            await Expect(page.Locator("[data-testid=numbers-report]")).ToContainTextAsync("共查询 3 个号码，找到 2 个");
            await Expect(page.Locator("[data-testid=numbers-not-found]")).ToContainTextAsync("CN209999999U");
            await Expect(page.Locator("[data-testid=hit]")).ToHaveCountAsync(2);
            await Ui.ShotAsync(page, "records-search-numbers");

            // a syntax error says where
            await page.FillAsync("input[data-testid=search-input]", "TI=(无人机");
            await page.PressAsync("input[data-testid=search-input]", "Enter");
            await Expect(page.Locator(".error")).ToContainTextAsync("检索式第 4 个字符处");

            // the syntax help lists every field code
            await page.ClickAsync("[data-testid=help-open]");
            var help = page.Locator("[data-testid=help-fields]");
            await Expect(help).ToContainTextAsync("TIAB");
            await Expect(help).ToContainTextAsync("优先权号");
            await Ui.ShotAsync(page, "records-search-help");
        });
    }
}
