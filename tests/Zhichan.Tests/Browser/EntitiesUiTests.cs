using System.Net.Http.Json;
using System.Text.Json;
using Zhichan.Tests.Infrastructure;
using Zhichan.Tests.Records.Api;
using Zhichan.Tests.Registries.Entities;
using static Microsoft.Playwright.Assertions;

namespace Zhichan.Tests.Browser;

/// <summary>
/// 创新主体 in the browser, on an app of its own: the enterprise's own page with its patents and a claim it made, the bureau's
/// correction queue (accepting the claim), the entity page with the links' rules, the register. Screenshots:
/// artifacts/screenshots/entities-*.png.
/// </summary>
[Collection("Browser")]
public class EntitiesUiTests(BrowserFixture browser, KestrelFactory app) : IClassFixture<KestrelFactory>
{
    [Fact]
    public async Task Enterprise_ClaimsRecords_BureauAcceptsInTheQueue_EntityPageShowsTheCorrection()
    {
        var bureau = await ClientAsync("bureau");
        var csv = Cn2017.Utf8Csv(Cn2017.First(3).Select((r, i) =>
        {
            var row = (string[])r.Clone();
            row[Cn2017.Col("applicant")] = i < 2 ? "江苏恒瑞医药股份有限公司" : "江苏恒瑞医药有限公司";
            row[Cn2017.Col("applicant_address")] = "江苏省连云港市经济技术开发区昆仑山路7号";
            return (IReadOnlyList<string>)row;
        }));
        (await RecordsApi.ImportAsync(bureau, csv, "entities-ui.csv", "cnipa-csv")).Str("status").ShouldBe("succeeded");
        await EntitiesTest.ResolveAsync(bureau);
        var typo = (await bureau.GetFromJsonAsync<JsonElement>("/api/registries/entities?scope=all&q=" + Uri.EscapeDataString("江苏恒瑞医药有限公司")))
            .GetProperty("items")[0].GetProperty("id").GetInt64();
        var typoRecord = (await bureau.GetFromJsonAsync<JsonElement>($"/api/registries/entities/{typo}/records")).GetProperty("items")[0].GetProperty("recordId").GetInt64();
        var hengruiApi = await ClientAsync("hengrui");
        var mine = await hengruiApi.GetFromJsonAsync<JsonElement>("/api/registries/entities/mine");
        var hr = mine.GetProperty("id").GetInt64();
        (await hengruiApi.PostAsJsonAsync($"/api/registries/entities/{hr}/corrections",
            new { kind = "claim", recordIds = new[] { typoRecord }, reason = "申请人名称漏写“股份”，为本公司申请" })).EnsureSuccessStatusCode();

        var enterprise = await Ui.LoginAsync(browser, "hengrui", app.BaseUrl);
        await Ui.WithFailureShotAsync(enterprise, "entities-mine", async () =>
        {
            await enterprise.GotoAsync("/registries/mine");
            await Expect(enterprise.Locator("[data-testid=my-entity-name]")).ToHaveTextAsync("江苏恒瑞医药股份有限公司");
            await Expect(enterprise.Locator("[data-testid=entity-records] .el-table__row")).ToHaveCountAsync(2);
            await Expect(enterprise.Locator("[data-testid=correction-status]")).ToHaveTextAsync("待审核");
            await Expect(enterprise.Locator("body")).ToContainTextAsync("申报评审模块上线后");
            await Ui.ShotAsync(enterprise, "entities-mine-enterprise");
        });

        var staff = await Ui.LoginAsync(browser, "bureau", app.BaseUrl);
        await Ui.WithFailureShotAsync(staff, "entities-staff", async () =>
        {
            await staff.GotoAsync("/registries/entities/corrections");
            await Expect(staff.Locator("[data-testid=correction]")).ToHaveCountAsync(1);
            await Ui.ShotAsync(staff, "entities-corrections-queue");
            await staff.Locator("[data-testid=correction-accept]").ClickAsync();
            await Expect(staff.Locator("[data-testid=correction]")).ToHaveCountAsync(0);

            await staff.GotoAsync($"/registries/entities/{hr}");
            await Expect(staff.Locator("[data-testid=entity-name]")).ToContainTextAsync("江苏恒瑞医药股份有限公司");
            await Expect(staff.Locator("[data-testid=entity-records] .el-table__row")).ToHaveCountAsync(3);
            await Expect(staff.Locator("[data-testid=entity-records]")).ToContainTextAsync("更正申请");
            await Expect(staff.Locator("[data-testid=entity-links]")).ToContainTextAsync("名称完全一致");
            await Expect(staff.Locator("[data-testid=entity-history]")).ToContainTextAsync("接受更正申请");
            await Ui.ShotAsync(staff, "entities-page-bureau");

            await staff.GotoAsync("/registries/entities");
            await staff.FillAsync("input[data-testid=entities-q], [data-testid=entities-q] input", "恒瑞");
            await staff.ClickAsync("[data-testid=entities-search]");
            await Expect(staff.Locator("[data-testid=entities-table] .el-table__row").First).ToContainTextAsync("江苏恒瑞医药");
            await Ui.ShotAsync(staff, "entities-list-bureau");
        });
    }

    private async Task<HttpClient> ClientAsync(string user)
    {
        var client = new HttpClient(new HttpClientHandler { CookieContainer = new System.Net.CookieContainer(), UseCookies = true }) { BaseAddress = new Uri(app.BaseUrl) };
        var res = await client.PostAsJsonAsync("/api/auth/login", new { username = user, password = ZhichanFactory.Password });
        res.EnsureSuccessStatusCode();
        client.DefaultRequestHeaders.Add("X-XSRF-TOKEN", JsonDocument.Parse(await res.Content.ReadAsStringAsync()).RootElement.GetProperty("csrfToken").GetString());
        return client;
    }
}
