using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Zhichan.Api.Platform.Files;
using Zhichan.Tests.Infrastructure;
using Zhichan.Tests.Registries.Experts;

namespace Zhichan.Tests.Transactions.Pledges;

/// <summary>
/// Valuations (评估) by agencies and who sees them; the gazette's pledge events linked to pledges by number and date window (ADR 0033)
/// and the unmatched ones listed; 质押融资额 and 质押项目数 with their drill-down; the XLSX import with a bad row and the export.
/// </summary>
public class PledgesRegisterTests(ZhichanFactory app) : PledgesTestBase(app)
{
    [Fact]
    public async Task Valuations_AgencyRecords_EnterpriseSeesItsOwn_BankThoseItsPledgesUse()
    {
        var agency = await App.CreateClientAsAsync("agency");
        var bank = await App.CreateClientAsAsync("bank");
        var hengrui = await App.CreateClientAsAsync("hengrui");
        var body = new { entityId = HengruiEntity, method = "income", value = 12_345_678.9m, valuedOn = Today.AddDays(-5), rights = new[] { new { kind = "patent", number = Patents[0].App } } };
        await (await hengrui.PostAsJsonAsync("/api/transactions/valuations", body)).ShouldBeProblemAsync(HttpStatusCode.Forbidden);
        (await (await agency.PostAsJsonAsync("/api/transactions/valuations", body with { method = "guess" })).ShouldBeProblemAsync(HttpStatusCode.BadRequest))
            .GetProperty("errors").GetProperty("method")[0].GetString()!.ShouldContain("无效");
        var v = await agency.PostAsJsonAsync("/api/transactions/valuations", body).JsonAsync(HttpStatusCode.Created);
        var id = v.GetProperty("id").GetInt64();
        v.GetProperty("agencyId").GetInt64().ShouldBe(AgencyId); // the agency's own, whatever it names
        v.GetProperty("methodLabel").GetString().ShouldBe("收益法");
        v.GetProperty("rights")[0].GetProperty("recordId").GetInt64().ShouldBe(RecordIds[Patents[0].App]);

        var form = new MultipartFormDataContent { { new ByteArrayContent("%PDF-1.4\n示例评估报告\n%%EOF"u8.ToArray()), "file", "评估报告.pdf" } };
        (await agency.PostAsync($"/api/transactions/valuations/{id}/report", form).JsonAsync()).GetProperty("reportFileName").GetString().ShouldBe("评估报告.pdf");

        (await hengrui.GetAsync("/api/transactions/valuations").JsonAsync()).GetProperty("total").GetInt64().ShouldBe(1);
        (await bank.GetAsync("/api/transactions/valuations").JsonAsync()).GetProperty("total").GetInt64().ShouldBe(0);
        await (await bank.GetAsync($"/api/transactions/valuations/{id}/report")).ShouldBeProblemAsync(HttpStatusCode.NotFound);
        await (await (await App.CreateClientAsAsync("police")).GetAsync("/api/transactions/valuations")).ShouldBeProblemAsync(HttpStatusCode.Forbidden);

        // a pledge using it makes it visible to its bank; a valuation of another client cannot be used
        var other = await (await App.CreateClientAsAsync("bureau")).PostAsJsonAsync("/api/transactions/valuations", new { agencyId = AgencyId, entityId = HaizhouEntity, body.method, body.value, body.valuedOn, body.rights })
            .JsonAsync(HttpStatusCode.Created);
        (await (await hengrui.PostAsJsonAsync("/api/transactions/pledges", new
        {
            bankUnitId = Bank, amount = 1_000_000m, termFrom = Today, termTo = Today.AddYears(1), valuationId = other.GetProperty("id").GetInt64(),
            rights = new[] { new { kind = "patent", number = Patents[0].App } },
        })).ShouldBeProblemAsync(HttpStatusCode.BadRequest)).GetProperty("errors").GetProperty("valuationId")[0].GetString()!.ShouldContain("不是为出质人所做");
        var pledge = await hengrui.PostAsJsonAsync("/api/transactions/pledges", new
        {
            bankUnitId = Bank, amount = 1_000_000m, termFrom = Today, termTo = Today.AddYears(1), valuationId = id,
            rights = new[] { new { kind = "patent", number = Patents[0].App } },
        }).JsonAsync(HttpStatusCode.Created);
        pledge.GetProperty("valuation").GetProperty("value").GetDecimal().ShouldBe(12_345_678.9m);
        (await bank.GetAsync("/api/transactions/valuations").JsonAsync()).GetProperty("total").GetInt64().ShouldBe(1);
        var file = await bank.GetAsync($"/api/transactions/valuations/{id}/report");
        file.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await file.Content.ReadAsByteArrayAsync()).Length.ShouldBeGreaterThan(10);
    }

    [Fact]
    public async Task GazettePledgeEvents_LinkByNumberAndWindow_UnmatchedListed_IndicatorsAndDrillDown()
    {
        var bureau = await App.CreateClientAsAsync("bureau");
        var bank = await App.CreateClientAsAsync("bank");
        var id = await PledgeInStateAsync(bureau, bank, HengruiEntity, "effective", 25_000_000m);
        await PledgeInStateAsync(bureau, bank, HaizhouEntity, "effective", 5_000_000m, number: Patents[1].App);
        await PledgeInStateAsync(bureau, bank, HaizhouEntity, "applied", 7_000_000m, number: Patents[2].App); // not effective: not counted

        async Task Gazette(string app, DateOnly date, string code, string status) => await App.ExecuteAsync("""
            INSERT INTO legal_status_events (record_key, application_number, raw_application_number, event_date, code, status_text, record_id, row_number)
            VALUES ('CN:P:' || $1, $1, $1, $2, $3, $4, (SELECT id FROM records WHERE application_number = $1), 1)
            """, app, date, code, status);
        await Gazette(Patents[0].App, Today.AddDays(20), "pledged", "专利权质押合同登记的生效");          // in the window: linked
        await Gazette(Patents[0].App, Today.AddYears(-2), "pledge_released", "专利权质押合同登记的注销"); // long before: an older pledge
        await Gazette("201710000001.1", Today, "pledged", "专利权质押合同登记的生效");                      // no pledge names this number
        var detail = await bureau.GetAsync($"/api/transactions/pledges/{id}").JsonAsync();
        var linked = detail.GetProperty("gazetteEvents").EnumerateArray().ToList();
        linked.Count.ShouldBe(1);
        linked[0].GetProperty("codeLabel").GetString().ShouldBe("质押登记生效");
        var unmatched = await bureau.GetAsync("/api/transactions/pledges/gazette-unmatched").JsonAsync();
        unmatched.GetProperty("total").GetInt64().ShouldBe(2);
        unmatched.GetProperty("items").EnumerateArray().Select(e => e.GetProperty("applicationNumber").GetString()).Order().ShouldBe(["201611175526.9", "201710000001.1"]);
        await (await bank.GetAsync("/api/transactions/pledges/gazette-unmatched")).ShouldBeProblemAsync(HttpStatusCode.Forbidden);

        // 质押融资额 (亿元) and 质押项目数: the effective pledges of the year by the pledgor's region (320771 and 320706 within 320700)
        static decimal ValueOf(JsonElement vs, string region) => vs.GetProperty("values").EnumerateArray()
            .First(v => v.GetProperty("regionCode").GetString() == region && v.GetProperty("status").GetString() == "computed").GetProperty("value").GetDecimal();
        var amount = await bureau.GetAsync($"/api/indicators/pledge_financing_amount/values?region=320700&year={Today.Year}").JsonAsync();
        ValueOf(amount, "320700").ShouldBe(0.3m);
        ValueOf(await bureau.GetAsync($"/api/indicators/pledge_financing_amount/values?region=320706&year={Today.Year}").JsonAsync(), "320706").ShouldBe(0.05m);
        ValueOf(await bureau.GetAsync($"/api/indicators/pledge_projects/values?region=320700&year={Today.Year}").JsonAsync(), "320700").ShouldBe(2m);
        var link = amount.GetProperty("values").EnumerateArray().First(v => v.GetProperty("regionCode").GetString() == "320700").GetProperty("drillDownLink").GetString()!;
        var rows = await bureau.GetAsync(link).JsonAsync();
        rows.GetProperty("total").GetInt64().ShouldBe(2);
        rows.GetProperty("items").EnumerateArray().Select(r => r.GetProperty("link").GetString()).ShouldContain($"/transactions/pledges/{id}");
        rows.GetProperty("items").EnumerateArray().Select(r => r.GetProperty("name").GetString()).ShouldContain($"{Hengrui} → 示例银行连云港分行（演示）");
    }

    [Fact]
    public async Task Import_BadRowsReported_GoodRowsStoredAndCounted_ExportLinesUp()
    {
        var bureau = await App.CreateClientAsAsync("bureau");
        var header = new[] { "出质人", "质权人", "专利号", "担保金额（元）", "借款起始日", "借款到期日", "质押登记号", "登记日期", "状态", "注销日期", "备注" };
        var res = await bureau.PostAsync("/api/transactions/pledges/import", RegistryPeopleApi.Xlsx(header,
            [Hengrui, "示例银行连云港分行（演示）", $"{Patents[0].App}、ZL{Patents[1].App}", "3000000", "2024-03-01", "2025-02-28", "Y2024001", "2024-03-05", "注销", "2025-02-20", "示例"],
            [HaizhouCo, "示例银行连云港分行（演示）", Patents[2].App, "1000000", "2024-06-01", "2025-06-01", "Y2024002", "2024-06-03", "", "", "示例"],
            ["不存在的公司", "示例银行连云港分行（演示）", Patents[2].App, "1000000", "2024-06-01", "2025-06-01", "Y2024003", "2024-06-03", "", "", ""],
            [Hengrui, "某不存在银行", "201799999999.9", "-5", "2024-06-01", "2024-01-01", "Y2024001", "明天", "违约", "", ""])).JsonAsync();
        res.GetProperty("created").GetInt32().ShouldBe(2);
        res.GetProperty("rejected").GetInt32().ShouldBe(2);
        var errors = res.GetProperty("errors").EnumerateArray().Select(e => (Row: e.GetProperty("row").GetInt64(), Field: e.GetProperty("field").GetString())).ToList();
        errors.ShouldContain((4, "出质人"));
        foreach (var field in new[] { "质权人", "专利号", "担保金额（元）", "借款到期日", "质押登记号", "登记日期", "状态" }) errors.ShouldContain((5, field));
        var list = await bureau.GetAsync("/api/transactions/pledges?year=2024").JsonAsync();
        list.GetProperty("total").GetInt64().ShouldBe(2);
        list.GetProperty("countsByState").GetProperty("released").GetInt64().ShouldBe(1);
        (await bureau.GetAsync("/api/indicators/pledge_projects/values?region=320700&year=2024").JsonAsync()).GetProperty("values").EnumerateArray()
            .First(v => v.GetProperty("regionCode").GetString() == "320700").GetProperty("value").GetDecimal().ShouldBe(2m);
        await (await (await App.CreateClientAsAsync("hengrui")).PostAsync("/api/transactions/pledges/import", RegistryPeopleApi.Xlsx(header)))
            .ShouldBeProblemAsync(HttpStatusCode.Forbidden);

        // the export has the import's headers; hengrui's export holds its own pledge only
        var xlsx = await (await App.CreateClientAsAsync("hengrui")).GetAsync("/api/transactions/pledges/export");
        xlsx.StatusCode.ShouldBe(HttpStatusCode.OK);
        var (head, sheet) = XlsxSheet.Read(new MemoryStream(await xlsx.Content.ReadAsByteArrayAsync()));
        head.ShouldContain("质押登记号");
        var rows = sheet.ToList();
        rows.Count.ShouldBe(1);
        rows[0].Cells.ShouldContain("Y2024001");
        rows[0].Cells.ShouldContain($"{Patents[0].App}、{Patents[1].App}");
    }
}
