using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Zhichan.Api.Features.Registries.Units;
using Zhichan.Api.Platform;
using Zhichan.Api.Platform.Files;
using Zhichan.Tests.Infrastructure;

namespace Zhichan.Tests.Registries.Units;

/// <summary>
/// The pilot and demonstration units (ADR 0028): CRUD with Chinese field errors, evaluations, attachments with the upload checks,
/// the district's region filter, XLSX import with row errors and export, and the units the seed plans name.
/// </summary>
public class PilotUnitsTests(ZhichanFactory app) : IntegrationTest(app)
{
    internal static readonly byte[] Pdf = Encoding.ASCII.GetBytes("%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n");

    internal static MultipartFormDataContent File(byte[] bytes, string name, string? description = null)
    {
        var form = new MultipartFormDataContent();
        var content = new ByteArrayContent(bytes);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        form.Add(content, "file", name);
        if (description is not null) form.Add(new StringContent(description), "description");
        return form;
    }

    internal static async Task<JsonElement> JsonAsync(HttpResponseMessage res, HttpStatusCode expected = HttpStatusCode.OK)
    {
        var text = await res.Content.ReadAsStringAsync();
        res.StatusCode.ShouldBe(expected, text);
        return JsonDocument.Parse(text).RootElement;
    }

    internal static object Unit(string name, string region, string kind = "demo_park", string? level = "provincial", string status = "recognised",
        string? recognisedOn = "2023-06-01", string? validUntil = "2026-06-01") =>
        new { kind, level, name, regionCode = region, recognisingBody = "江苏省知识产权局", documentNumber = "苏知发〔2023〕示例", recognisedOn, validUntil, status, notes = "示例" };

    [Fact]
    public async Task Create_InvalidFields_AnsweredInChinesePerField_ThenCrudWithEvaluationsAndFiles()
    {
        var bureau = await App.CreateClientAsAsync("bureau");
        var bad = await (await bureau.PostAsJsonAsync("/api/registries/pilots",
            new { kind = "castle", level = "galactic", name = "", regionCode = "999999", status = "", recognisedOn = "2024-01-01", validUntil = "2023-01-01" }))
            .ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        var errors = bad.GetProperty("errors");
        errors.GetProperty("kind")[0].GetString()!.ShouldContain("知识产权强县（区）");
        errors.GetProperty("level")[0].GetString()!.ShouldContain("国家级、省级、市级");
        errors.GetProperty("name")[0].GetString().ShouldBe("单位名称不能为空");
        errors.GetProperty("regionCode")[0].GetString()!.ShouldContain("不是有效的行政区划代码");
        errors.GetProperty("status")[0].GetString().ShouldBe("请选择状态");
        errors.GetProperty("validUntil")[0].GetString().ShouldBe("有效期至不能早于认定日期");

        var created = await JsonAsync(await bureau.PostAsJsonAsync("/api/registries/pilots", Unit("连云区示范园区（示例）", "320703")), HttpStatusCode.Created);
        var id = created.GetProperty("unit").GetProperty("id").GetInt64();
        created.GetProperty("unit").GetProperty("kindName").GetString().ShouldBe("知识产权试点示范园区");
        created.GetProperty("unit").GetProperty("regionName").GetString().ShouldBe("连云区");

        // the same kind, level, name and region twice is a conflict
        (await bureau.PostAsJsonAsync("/api/registries/pilots", Unit("连云区示范园区（示例）", "320703"))).StatusCode.ShouldBe(HttpStatusCode.Conflict);

        var updated = await JsonAsync(await bureau.PutAsJsonAsync($"/api/registries/pilots/{id}", Unit("连云区示范园区（示例）", "320703", status: "reviewing")));
        updated.GetProperty("unit").GetProperty("statusName").GetString().ShouldBe("复核中");

        // evaluations: year not before the recognition, one per year, result from the list
        var badEval = await (await bureau.PostAsJsonAsync($"/api/registries/pilots/{id}/evaluations", new { year = 2020, result = "superb" }))
            .ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        badEval.GetProperty("errors").GetProperty("year")[0].GetString().ShouldBe("评价年度不能早于认定年度 2023");
        badEval.GetProperty("errors").GetProperty("result")[0].GetString()!.ShouldContain("优秀、良好、合格");
        var withEval = await JsonAsync(await bureau.PostAsJsonAsync($"/api/registries/pilots/{id}/evaluations",
            new { year = 2024, result = "good", evaluatedBy = "江苏省知识产权局", notes = "年度考核" }), HttpStatusCode.Created);
        var evaluation = withEval.GetProperty("evaluations")[0];
        evaluation.GetProperty("resultName").GetString().ShouldBe("良好");
        (await bureau.PostAsJsonAsync($"/api/registries/pilots/{id}/evaluations", new { year = 2024, result = "pass" })).StatusCode.ShouldBe(HttpStatusCode.BadRequest);

        // attachments of the unit and of the evaluation, checked like every upload
        var refused = await (await bureau.PostAsync($"/api/registries/unit-files/pilot/{id}", File([0x4D, 0x5A, 0x90, 0x00], "renamed.pdf")))
            .ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        refused.GetProperty("errors").GetProperty("file")[0].GetString()!.ShouldContain("内容与扩展名不符");
        var file = await JsonAsync(await bureau.PostAsync($"/api/registries/unit-files/pilot/{id}", File(Pdf, "认定文件.pdf", "认定通知")), HttpStatusCode.Created);
        await JsonAsync(await bureau.PostAsync($"/api/registries/unit-files/evaluation/{evaluation.GetProperty("id").GetInt64()}", File(Pdf, "评价报告.pdf")), HttpStatusCode.Created);
        (await bureau.PostAsync("/api/registries/unit-files/castle/1", File(Pdf, "x.pdf"))).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        var detail = await JsonAsync(await bureau.GetAsync($"/api/registries/pilots/{id}"));
        detail.GetProperty("files")[0].GetProperty("description").GetString().ShouldBe("认定通知");
        detail.GetProperty("evaluations")[0].GetProperty("files")[0].GetProperty("fileName").GetString().ShouldBe("评价报告.pdf");
        var download = await bureau.GetAsync(file.GetProperty("downloadLink").GetString());
        (await download.Content.ReadAsByteArrayAsync()).ShouldBe(Pdf);

        // deleting the unit removes its evaluations and files
        (await bureau.DeleteAsync($"/api/registries/pilots/{id}")).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        (await App.ScalarAsync<long>("SELECT count(*) FROM registry_unit_files")).ShouldBe(0);
        (await App.ScalarAsync<long>("SELECT count(*) FROM audit_log WHERE entity IN ('pilot_units', 'pilot_unit_evaluations', 'registry_unit_files')")).ShouldBeGreaterThanOrEqualTo(6);
    }

    [Fact]
    public async Task District_SeesOnlyItsRegion_CannotWrite_AndListFiltersApply()
    {
        var bureau = await App.CreateClientAsAsync("bureau");
        var mine = (await JsonAsync(await bureau.PostAsJsonAsync("/api/registries/pilots", Unit("连云区知识产权工作站（示例）", "320703", kind: "workstation", level: "municipal")), HttpStatusCode.Created))
            .GetProperty("unit").GetProperty("id").GetInt64();
        var other = (await JsonAsync(await bureau.PostAsJsonAsync("/api/registries/pilots", Unit("海州区试点学校（示例）", "320706", kind: "pilot_school")), HttpStatusCode.Created))
            .GetProperty("unit").GetProperty("id").GetInt64();
        var otherFile = (await JsonAsync(await bureau.PostAsync($"/api/registries/unit-files/pilot/{other}", File(Pdf, "a.pdf")), HttpStatusCode.Created)).GetProperty("id").GetInt64();

        (await JsonAsync(await bureau.GetAsync("/api/registries/pilots"))).GetProperty("total").GetInt64().ShouldBe(2);
        var schools = await JsonAsync(await bureau.GetAsync("/api/registries/pilots?kind=pilot_school"));
        schools.GetProperty("items").EnumerateArray().Select(u => u.GetProperty("id").GetInt64()).ShouldBe([other]);
        (await JsonAsync(await bureau.GetAsync("/api/registries/pilots?q=工作站&level=municipal"))).GetProperty("total").GetInt64().ShouldBe(1);
        (await JsonAsync(await bureau.GetAsync("/api/registries/pilots?region=320706"))).GetProperty("total").GetInt64().ShouldBe(1);

        var lianyun = await App.CreateClientAsAsync("lianyun");
        var list = await JsonAsync(await lianyun.GetAsync("/api/registries/pilots"));
        list.GetProperty("items").EnumerateArray().Select(u => u.GetProperty("id").GetInt64()).ShouldBe([mine]);
        (await lianyun.GetAsync($"/api/registries/pilots/{other}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await lianyun.GetAsync($"/api/registries/unit-files/{otherFile}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await lianyun.PostAsJsonAsync("/api/registries/pilots", Unit("x", "320703"))).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await (await App.CreateClientAsAsync("police")).GetAsync("/api/registries/pilots")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await (await App.CreateClientAsAsync("hengrui")).GetAsync("/api/registries/gi")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Import_ReportsRowErrorsInChinese_StoresValidRows_UpdatesOnReimport_AndExportRoundTrips()
    {
        var bureau = await App.CreateClientAsAsync("bureau");
        var header = new[] { "单位名称*", "类别", "级别", "所在地区", "认定机关", "文号", "认定日期", "有效期至", "状态", "备注" };
        var xlsx = SheetImport.Write(header, new List<string?[]>
        {
            new[] { "赣榆区知识产权强县（示例）", "强县", "国家级", "赣榆区", "国家知识产权局", "国知发〔2022〕示例", "2022/12/1", "2025-12-01", "已认定", "示例" },
            new[] { "连云区快维中心（示例）", "知识产权快速维权中心", "", "320703", "", "", "45000", "", "培育中", "" },
            new[] { "", "城堡", "银河级", "火星", "", "", "2022年13月1日", "", "很好", "" },
            new[] { "灌南县试点学校（示例）", "试点学校", "市级", "320724", "", "", "2024-01-01", "2023-01-01", "已认定", "" },
        });
        var result = await JsonAsync(await bureau.PostAsync("/api/registries/pilots/import", File(xlsx, "units.xlsx")));
        result.GetProperty("created").GetInt32().ShouldBe(2);
        result.GetProperty("rejected").GetInt32().ShouldBe(2);
        var errors = result.GetProperty("errors").EnumerateArray().Select(e => (Row: e.GetProperty("row").GetInt64(), Field: e.GetProperty("field").GetString(),
            Reason: e.GetProperty("reason").GetString()!)).ToList();
        errors.ShouldContain(e => e.Row == 4 && e.Field == "单位名称" && e.Reason == "单位名称不能为空");
        errors.ShouldContain(e => e.Row == 4 && e.Field == "类别" && e.Reason.Contains("知识产权强县（区）"));
        errors.ShouldContain(e => e.Row == 4 && e.Field == "所在地区" && e.Reason == "找不到地区“火星”");
        errors.ShouldContain(e => e.Row == 4 && e.Field == "认定日期");
        errors.ShouldContain(e => e.Row == 5 && e.Field == "有效期至" && e.Reason == "不能早于认定日期");
        errors.ShouldNotContain(e => e.Row == 2 || e.Row == 3);
        (await App.ScalarAsync<DateTime>("SELECT recognised_on::timestamp FROM pilot_units WHERE name = '连云区快维中心（示例）'")).ShouldBe(new DateTime(2023, 3, 15));

        // a header row without a required column is refused whole, naming it
        var noStatus = SheetImport.Write(["单位名称", "类别", "所在地区"], [["a", "强县", "320703"]]);
        var p = await (await bureau.PostAsync("/api/registries/pilots/import", File(noStatus, "x.xlsx"))).ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        p.GetProperty("errors").GetProperty("file")[0].GetString()!.ShouldContain("表头缺少必填列：状态");

        // the export carries the import's headers: importing it again updates, never duplicates
        var export = await bureau.GetAsync("/api/registries/pilots/export");
        export.StatusCode.ShouldBe(HttpStatusCode.OK);
        var bytes = await export.Content.ReadAsByteArrayAsync();
        var again = await JsonAsync(await bureau.PostAsync("/api/registries/pilots/import", File(bytes, "export.xlsx")));
        again.GetProperty("created").GetInt32().ShouldBe(0);
        again.GetProperty("updated").GetInt32().ShouldBe(2);
        again.GetProperty("rejected").GetInt32().ShouldBe(0);
    }

    [Fact]
    public async Task Seeds_NameThePlansUnitsWithTheirSource_AndNoInventedNumbersOrDates()
    {
        foreach (var t in App.Services.GetServices<IStartupTask>().OfType<PilotUnitSeeds>()) await t.RunAsync(CancellationToken.None);
        var bureau = await App.CreateClientAsAsync("bureau");
        var list = await JsonAsync(await bureau.GetAsync("/api/registries/pilots?pageSize=50"));
        list.GetProperty("total").GetInt64().ShouldBe(8);
        foreach (var u in list.GetProperty("items").EnumerateArray())
        {
            u.GetProperty("sourceTitle").GetString().ShouldNotBeNullOrWhiteSpace();
            var quote = u.GetProperty("sourceQuote").GetString()!;
            var plans = Directory.GetFiles(Path.Combine(TestData.RepoRoot, "..", "shared", "seeds"), "*.txt").Select(System.IO.File.ReadAllText);
            plans.Any(text => text.Contains(quote, StringComparison.Ordinal)).ShouldBeTrue($"quote not found in the seed plans: {quote}");
            u.GetProperty("documentNumber").ValueKind.ShouldBe(JsonValueKind.Null);
            u.GetProperty("recognisedOn").ValueKind.ShouldBe(JsonValueKind.Null);
        }
        // a seed the bureau deleted is not brought back by the next start
        var id = list.GetProperty("items").EnumerateArray().First(u => u.GetProperty("name").GetString() == "巴中经开区").GetProperty("id").GetInt64();
        (await bureau.DeleteAsync($"/api/registries/pilots/{id}")).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        foreach (var t in App.Services.GetServices<IStartupTask>().OfType<PilotUnitSeeds>()) await t.RunAsync(CancellationToken.None);
        (await App.ScalarAsync<long>("SELECT count(*) FROM pilot_units")).ShouldBe(7);
    }
}
