using System.Net.Http.Json;
using System.Text.Json;
using Zhichan.Tests.Infrastructure;
using Zhichan.Tests.Records.Api;
using Zhichan.Tests.Registries.Entities;
using static Microsoft.Playwright.Assertions;

namespace Zhichan.Tests.Browser;

/// <summary>
/// 创新主体 in the browser, on an app of its own: the enterprise's own page with its patents and a claim it made, the bureau's
/// correction queue (accepting the claim), the entity page with the links' rules; the bureau edits the master data (credit code
/// checked inline), adds and reveals a contact, revokes a label and links a record by hand; the register. Screenshots:
/// artifacts/screenshots/entities-*.png.
/// </summary>
[Collection("Browser")]
public class EntitiesUiTests(BrowserFixture browser, KestrelFactory app) : IClassFixture<KestrelFactory>
{
    [Fact]
    public async Task Enterprise_ClaimsRecords_BureauAcceptsInTheQueue_EntityPageShowsTheCorrection_BureauEditsContactsLabelsAndLinks()
    {
        var bureau = await Ui.ApiAsync(app.BaseUrl, "bureau");
        var csv = Cn2017.Utf8Csv(Cn2017.First(4).Select((r, i) =>
        {
            var row = (string[])r.Clone();
            row[Cn2017.Col("applicant")] = i < 2 ? "江苏恒瑞医药股份有限公司" : i == 2 ? "江苏恒瑞医药有限公司" : "连云港某某精细化工有限公司（示例）";
            row[Cn2017.Col("applicant_address")] = "江苏省连云港市经济技术开发区昆仑山路7号";
            return (IReadOnlyList<string>)row;
        }));
        (await RecordsApi.ImportAsync(bureau, csv, "entities-ui.csv", "cnipa-csv")).Str("status").ShouldBe("succeeded");
        await EntitiesTest.ResolveAsync(bureau);
        var typo = (await bureau.GetFromJsonAsync<JsonElement>("/api/registries/entities?scope=all&q=" + Uri.EscapeDataString("江苏恒瑞医药有限公司")))
            .GetProperty("items")[0].GetProperty("id").GetInt64();
        var typoRecord = (await bureau.GetFromJsonAsync<JsonElement>($"/api/registries/entities/{typo}/records")).GetProperty("items")[0].GetProperty("recordId").GetInt64();
        var other = (await bureau.GetFromJsonAsync<JsonElement>("/api/registries/entities?scope=all&q=" + Uri.EscapeDataString("连云港某某精细化工有限公司（示例）")))
            .GetProperty("items")[0].GetProperty("id").GetInt64();
        var otherNumber = (await bureau.GetFromJsonAsync<JsonElement>($"/api/registries/entities/{other}/records")).GetProperty("items")[0]
            .GetProperty("applicationNumber").GetString()!;
        var hengruiApi = await Ui.ApiAsync(app.BaseUrl, "hengrui");
        var mine = await hengruiApi.GetFromJsonAsync<JsonElement>("/api/registries/entities/mine");
        var hr = mine.GetProperty("id").GetInt64();
        (await hengruiApi.PostAsJsonAsync($"/api/registries/entities/{hr}/corrections",
            new { kind = "claim", recordIds = new[] { typoRecord }, reason = "申请人名称漏写“股份”，为本公司申请" })).EnsureSuccessStatusCode();

        (await bureau.PostAsJsonAsync($"/api/registries/entities/{hr}/labels", new { kind = "high_tech", validFrom = "2024-01-01", source = "测试登记（示例）" }))
            .EnsureSuccessStatusCode();
        var first17 = "91320700MA1AAAAAA";
        var code = first17 + Zhichan.Api.Platform.Security.CreditCodes.CheckCharacter(first17);

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

            // master data: the GB 32100 check speaks at once, a valid code saves
            await staff.ClickAsync("[data-testid=entity-edit]");
            await staff.FillAsync("input[data-testid=edit-credit], [data-testid=edit-credit] input", first17 + (code[17] == '0' ? '1' : '0'));
            await Expect(staff.Locator("[data-testid=entity-edit-dialog]")).ToContainTextAsync("校验位错误");
            await Ui.ShotAsync(staff, "entities-edit-credit-check");
            await staff.FillAsync("input[data-testid=edit-credit], [data-testid=edit-credit] input", code);
            await staff.ClickAsync("[data-testid=edit-submit]");
            await Expect(staff.Locator("[data-testid=entity-credit]")).ToHaveTextAsync(code);

            // contacts: added, shown masked, revealed in full (audited)
            await staff.ClickAsync("[data-testid=contact-add]");
            await staff.FillAsync("input[data-testid=contact-name], [data-testid=contact-name] input", "张示例");
            await staff.FillAsync("input[data-testid=contact-phone], [data-testid=contact-phone] input", "0518-85550000");
            await staff.ClickAsync("[data-testid=contact-submit]");
            await Expect(staff.Locator("[data-testid=entity-contacts] .el-table__row")).ToHaveCountAsync(1);
            await Expect(staff.Locator("[data-testid=entity-contacts]")).Not.ToContainTextAsync("0518-85550000");
            await staff.ClickAsync("[data-testid=contacts-reveal]");
            await Expect(staff.Locator("[data-testid=entity-contacts]")).ToContainTextAsync("0518-85550000");

            // labels: revoked with a reason
            await staff.Locator("[data-testid=label-revoke]").Locator("visible=true").First.ClickAsync();
            await staff.FillAsync(".el-message-box input", "复审未通过（示例）");
            await staff.ClickAsync(".el-message-box__btns .el-button--primary");
            await Expect(staff.Locator("[data-testid=entity-labels]")).ToContainTextAsync("已撤销");

            // manual link by application number: the record joins with rule 人工关联
            await staff.ClickAsync("[data-testid=entity-link]");
            await staff.FillAsync("input[data-testid=link-q], [data-testid=link-q] input", otherNumber);
            await staff.ClickAsync("[data-testid=link-search]");
            await Expect(staff.Locator("[data-testid=link-hits] .el-table__row")).ToHaveCountAsync(1);
            await staff.FillAsync("input[data-testid=link-reason], [data-testid=link-reason] input", "核对地址为同一单位（示例）");
            await staff.ClickAsync("[data-testid=link-submit]");
            await Expect(staff.Locator("[data-testid=entity-records] .el-table__row")).ToHaveCountAsync(4);
            await Expect(staff.Locator("[data-testid=entity-records]")).ToContainTextAsync("人工关联");
            await Ui.ShotAsync(staff, "entities-page-edited");

            await staff.GotoAsync("/registries/entities");
            await staff.FillAsync("input[data-testid=entities-q], [data-testid=entities-q] input", "恒瑞");
            await staff.ClickAsync("[data-testid=entities-search]");
            await Expect(staff.Locator("[data-testid=entities-table] .el-table__row").First).ToContainTextAsync("江苏恒瑞医药");
            await Ui.ShotAsync(staff, "entities-list-bureau");
        });
    }
}
