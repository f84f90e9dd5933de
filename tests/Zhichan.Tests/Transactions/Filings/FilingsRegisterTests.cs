using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Zhichan.Api.Platform.Files;
using Zhichan.Tests.Infrastructure;
using Zhichan.Tests.Records.Api;

namespace Zhichan.Tests.Transactions.Filings;

/// <summary>
/// Open licences (term rules, publish, public list, taking one), the gazette's transfer events of the real legal-status
/// file matched to filings and the unmatched list per jurisdiction (ADR 0032), the indicator with its drill-down, and the
/// XLSX import (all or nothing) and export.
/// </summary>
public class FilingsRegisterTests(ZhichanFactory app) : FilingsTest(app)
{
    [Fact]
    public async Task OpenLicence_TermRules_HolderOnly_PublishedSeenByAnyone_TakingCreatesADraftFiling()
    {
        await ImportHengruiAsync();
        var hengrui = await App.CreateClientAsAsync("hengrui");
        var other = await OtherEnterpriseAsync();
        object Form(string number, DateOnly from, DateOnly to) => new { number, feeBasis = "royalty", royaltyRate = 2.5m, termFrom = from.ToString("yyyy-MM-dd"), termTo = to.ToString("yyyy-MM-dd") };
        var from = Today;
        // shorter than a year, beyond the expiry (2036-07-12), another holder's patent: refused
        (await (await hengrui.PostAsJsonAsync("/api/transactions/open-licences", Form(PatentB, from, from.AddMonths(6)))).ShouldBeProblemAsync(HttpStatusCode.BadRequest))
            .GetProperty("errors").GetProperty("termTo")[0].GetString().ShouldBe("开放许可的许可期限不少于 1 年");
        (await (await hengrui.PostAsJsonAsync("/api/transactions/open-licences", Form(PatentB, from, new DateOnly(2036, 7, 13)))).ShouldBeProblemAsync(HttpStatusCode.BadRequest))
            .GetProperty("errors").GetProperty("termTo")[0].GetString()!.ShouldContain("2036-07-12");
        (await (await other.PostAsJsonAsync("/api/transactions/open-licences", Form(PatentB, from, from.AddYears(2)))).ShouldBeProblemAsync(HttpStatusCode.BadRequest))
            .GetProperty("errors").GetProperty("number")[0].GetString()!.ShouldContain("只有专利权人");
        // exactly one year, and up to the expiry day: accepted
        var created = await ReadAsync(await hengrui.PostAsJsonAsync("/api/transactions/open-licences", Form(PatentB, from, from.AddYears(1).AddDays(-1))), HttpStatusCode.Created);
        var id = created.GetProperty("id").GetInt64();
        created.GetProperty("stateName").GetString().ShouldBe("未发布");
        (await hengrui.PostAsJsonAsync("/api/transactions/open-licences", Form(PatentB, from, new DateOnly(2036, 7, 12)))).StatusCode.ShouldBe(HttpStatusCode.Conflict);

        var anonymous = App.CreateAnonymousClient();
        (await anonymous.GetFromJsonAsync<JsonElement>("/api/public/open-licences")).GetProperty("total").GetInt64().ShouldBe(0);
        (await other.PostAsJsonAsync($"/api/transactions/open-licences/{id}/take", new { })).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await other.PostAsJsonAsync($"/api/transactions/open-licences/{id}/publish", new { })).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        await ReadAsync(await hengrui.PostAsJsonAsync($"/api/transactions/open-licences/{id}/publish", new { }), HttpStatusCode.OK);
        var pub = await anonymous.GetFromJsonAsync<JsonElement>("/api/public/open-licences");
        pub.GetProperty("items")[0].GetProperty("applicationNumber").GetString().ShouldBe(PatentB);
        pub.GetProperty("items")[0].GetProperty("holderName").GetString().ShouldBe("江苏恒瑞医药股份有限公司");
        (await hengrui.PostAsJsonAsync($"/api/transactions/open-licences/{id}/take", new { })).StatusCode.ShouldBe(HttpStatusCode.Conflict);

        var taken = (await ReadAsync(await other.PostAsJsonAsync($"/api/transactions/open-licences/{id}/take", new { }), HttpStatusCode.Created)).GetProperty("filing");
        (taken.GetProperty("state").GetString(), taken.GetProperty("licenceType").GetString(), taken.GetProperty("feeBasis").GetString(), taken.GetProperty("royaltyRate").GetDecimal())
            .ShouldBe(("draft", "ordinary", "royalty", 2.5m));
        taken.GetProperty("parties").EnumerateArray().Select(p => (p.GetProperty("role").GetString(), p.GetProperty("name").GetString()))
            .ShouldBe([("licensor", "江苏恒瑞医药股份有限公司"), ("licensee", "连云港测试企业（测试）")]);
        taken.GetProperty("regionCode").GetString().ShouldBe("320706");
        (await ActAsync(other, taken.GetProperty("id").GetInt64(), "submit")).GetProperty("filing").GetProperty("stateName").GetString().ShouldBe("已提交");
        // the licensor sees the filing made under its declaration (its unit is a party)
        (await hengrui.GetAsync($"/api/transactions/filings/{taken.GetProperty("id").GetInt64()}")).StatusCode.ShouldBe(HttpStatusCode.OK);

        await ReadAsync(await hengrui.PostAsJsonAsync($"/api/transactions/open-licences/{id}/withdraw", new { }), HttpStatusCode.OK);
        (await anonymous.GetFromJsonAsync<JsonElement>("/api/public/open-licences")).GetProperty("total").GetInt64().ShouldBe(0);
        (await other.PostAsJsonAsync($"/api/transactions/open-licences/{id}/take", new { })).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Gazette_RealTransferEvent_MatchedToTheFiling_UnmatchedListedByJurisdiction()
    {
        var bureau = await App.CreateClientAsAsync("bureau");
        var admin = await App.CreateClientAsAsync("admin");
        // the real 2017 record of 201410158948.X (包头北方创业股份有限公司, 内蒙古) and its real events of the gazette day 2016-12-28
        var record = await RecordsApi.ImportAsync(bureau, Cn2017.Utf8Csv(Cn2017.At(158229)), "baotou.csv");
        record.Str("status").ShouldBe("succeeded");
        var lines = File.ReadAllLines(TestData.File("legal-status/cn-legal-status-20161228-part1.csv"), Encoding.UTF8);
        var sample = lines.Take(1).Concat(lines.Where(l => l.Contains(",201410158948.X,", StringComparison.Ordinal))).ToList();
        sample.Count.ShouldBeGreaterThan(1);
        var legal = await RecordsApi.ImportAsync(bureau, Encoding.UTF8.GetBytes(string.Join("\r\n", sample) + "\r\n"), "legal-status-sample.csv");
        legal.Str("status").ShouldBe("succeeded", legal.ToString());

        async Task<List<JsonElement>> UnmatchedAsync(HttpClient c) =>
            (await ReadAsync(await c.GetAsync("/api/transactions/filings/unmatched-gazette"), HttpStatusCode.OK)).GetProperty("items").EnumerateArray().ToList();
        var all = await UnmatchedAsync(admin);
        all.Count.ShouldBe(1);
        (all[0].Str("applicationNumber"), all[0].Str("kind"), all[0].Str("eventDate"), all[0].Str("infoText")).ShouldBe(("201410158948.X", "transfer", "2016-12-28", "专利申请权的转移"));
        (await UnmatchedAsync(bureau)).ShouldBeEmpty("a record of 包头 is outside 连云港's jurisdiction");
        (await UnmatchedAsync(await App.CreateClientAsAsync("lianyun"))).ShouldBeEmpty();

        // a licence filing for the patent does not match a transfer; an assignment filing dated around the event does
        var holder = await EntityIdAsync("包头北方创业股份有限公司");
        object Form(string kind, string contract) => new
        {
            kind, licenceType = kind == "licence" ? "ordinary" : null, termFrom = kind == "licence" ? contract : null, termTo = kind == "licence" ? "2020-12-31" : null,
            parties = new object[] { new { role = kind == "licence" ? "licensor" : "assignor", entityId = holder }, new { role = kind == "licence" ? "licensee" : "assignee", entityId = holder } },
            rights = new[] { new { kind = "patent", number = "CN201410158948.X" } }, feeBasis = "lump_sum", amount = 1m, contractDate = contract, effectiveDate = contract, regionCode = "150200",
        };
        var licence = await ApprovedAsync(admin, bureau, Form("licence", "2016-11-01"));
        (await GetAsync(bureau, licence)).GetProperty("gazette").GetArrayLength().ShouldBe(0);
        var early = await ApprovedAsync(admin, bureau, Form("assignment", "2017-03-01"));
        (await GetAsync(bureau, early)).GetProperty("gazette").GetArrayLength().ShouldBe(0, "a contract signed after the event cannot be what the gazette published");
        (await UnmatchedAsync(admin)).Count.ShouldBe(1);
        var assignment = await ApprovedAsync(admin, bureau, Form("assignment", "2016-11-01"));
        var linked = (await GetAsync(bureau, assignment)).GetProperty("gazette").EnumerateArray().ToList();
        linked.Count.ShouldBe(1);
        (linked[0].Str("kindName"), linked[0].Str("statusText")).ShouldBe(("转让", "专利申请权、专利权的转移"));
        (await UnmatchedAsync(admin)).ShouldBeEmpty();
    }

    [Fact]
    public async Task Indicator_CountsFilingsByYearOfFilingAndRegion_WithDrillDown_RefreshedAfterDecisions()
    {
        // the reset empties the catalogue too: load it again
        foreach (var t in App.Services.GetServices<Zhichan.Api.Platform.IStartupTask>().OfType<Zhichan.Api.Features.Indicators.IndicatorCatalogueLoader>()) await t.RunAsync(CancellationToken.None);
        await ImportHengruiAsync();
        var hengrui = await App.CreateClientAsAsync("hengrui");
        var bureau = await App.CreateClientAsAsync("bureau");
        var a = await ApprovedAsync(hengrui, bureau, await LicenceFormAsync());
        var b = await ApprovedAsync(hengrui, bureau, await LicenceFormAsync(PatentB, region: "320706"));
        var pending = await CreateAsync(hengrui, await LicenceFormAsync(PatentB));
        await ActAsync(hengrui, pending, "submit");
        await App.ExecuteAsync("UPDATE licence_filings SET approved_on = '2024-05-10' WHERE id = $1", b);
        // a cancellation still counts (it was 备案); the refresh after the decision recomputes
        await ActAsync(hengrui, a, "cancel", new { note = "合同解除" });

        async Task<Dictionary<string, JsonElement>> ValuesAsync(int year) =>
            (await ReadAsync(await bureau.GetAsync($"/api/indicators/licence_assignment_filings/values?region=320771,320706,320700&year={year}"), HttpStatusCode.OK))
            .GetProperty("values").EnumerateArray().ToDictionary(v => v.GetProperty("regionCode").GetString()!);
        var now = await ValuesAsync(Today.Year);
        now["320771"].GetProperty("value").GetDecimal().ShouldBe(1);
        now["320700"].GetProperty("value").GetDecimal().ShouldBe(1);
        now["320771"].GetProperty("status").GetString().ShouldBe("computed");
        var y2024 = await ValuesAsync(2024);
        y2024["320706"].GetProperty("value").GetDecimal().ShouldBe(1);
        var rows = await ReadAsync(await bureau.GetAsync(now["320700"].GetProperty("drillDownLink").GetString()!), HttpStatusCode.OK);
        rows.GetProperty("total").GetInt64().ShouldBe(1);
        rows.GetProperty("items")[0].GetProperty("link").GetString().ShouldBe($"/transactions/filings/{a}");
        rows.GetProperty("items")[0].GetProperty("kind").GetString().ShouldBe("许可合同备案");
    }

    [Fact]
    public async Task Import_ABadRowStoresNothing_AValidFileStoresAllAsFiled_ExportListsThem()
    {
        await ImportHengruiAsync();
        var bureau = await App.CreateClientAsAsync("bureau");
        string[] header = ["类型", "许可方/转让方", "被许可方/受让方", "专利号", "许可类型", "期限起始日", "期限终止日", "付费方式", "金额（元）", "提成比例（%）", "合同签订日", "合同生效日", "地区", "备案号", "备案日"];
        string?[] good = ["许可", "江苏恒瑞医药股份有限公司", "上海恒瑞医药有限公司", PatentA, "普通许可", "2023-01-01", "2025-12-31", "一次总付", "200000", null, "2022-12-01", "2023-01-01", "320771", "X2023320771 00007", "2023-02-10"];
        string?[] assignment = ["转让", "上海恒瑞医药有限公司", "江苏恒瑞医药股份有限公司", PatentShanghai, null, null, null, "一次总付", "800000", null, "2023-03-01", "2023-03-01", "海州区", "Z202332070600003", "2023-04-02"];
        string?[] bad = ["许可", "江苏恒瑞医药股份有限公司", "上海恒瑞医药有限公司", "201799999999.1", "普通许可", "2023-01-01", "2040-12-31", "提成", null, null, "2023-01-01", "2023-01-01", "320771", "X1", "2023-02-10"];
        async Task<JsonElement> ImportAsync(params string?[][] rows)
        {
            var content = new MultipartFormDataContent { { new ByteArrayContent(SheetImport.Write(header, rows)), "file", "filings.xlsx" } };
            return await ReadAsync(await bureau.PostAsync("/api/transactions/filings/import", content), HttpStatusCode.OK);
        }
        var refused = await ImportAsync(good, bad, assignment);
        (refused.GetProperty("created").GetInt32(), refused.GetProperty("rejected").GetInt32()).ShouldBe((0, 1));
        var errors = refused.GetProperty("errors").EnumerateArray().ToList();
        errors.ShouldAllBe(e => e.GetProperty("row").GetInt64() == 3);
        errors.Select(e => e.GetProperty("field").GetString()).ShouldContain("专利号");
        errors.Select(e => e.GetProperty("field").GetString()).ShouldContain("提成比例（%）");
        (await App.ScalarAsync<long>("SELECT count(*) FROM licence_filings")).ShouldBe(0);

        var stored = await ImportAsync(good, assignment);
        stored.GetProperty("created").GetInt32().ShouldBe(2);
        var list = await bureau.GetFromJsonAsync<JsonElement>("/api/transactions/filings?state=approved&year=2023");
        list.GetProperty("total").GetInt64().ShouldBe(2);
        list.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("regionCode").GetString()).ShouldBe(["320706", "320771"], ignoreOrder: true);
        (await ImportAsync(good)).GetProperty("errors")[0].GetProperty("reason").GetString()!.ShouldContain("备案号已存在");

        var export = await bureau.GetAsync("/api/transactions/filings/export?kind=assignment");
        export.StatusCode.ShouldBe(HttpStatusCode.OK);
        var (head, data) = XlsxSheet.Read(new MemoryStream(await export.Content.ReadAsByteArrayAsync()));
        head[0].ShouldBe("类型");
        var rows = data.ToList();
        rows.Count.ShouldBe(1);
        rows[0].Cells[0].ShouldBe("转让");
        rows[0].Cells[3].ShouldBe(PatentShanghai);
        rows[0].Cells[Array.IndexOf(head, "备案号")].ShouldBe("Z202332070600003");
    }
}
