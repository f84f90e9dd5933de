using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Zhichan.Tests.Indicators;
using Zhichan.Tests.Infrastructure;

namespace Zhichan.Tests.Plans;

/// <summary>
/// Progress reports with attachments (checked like every upload; downloadable by the bureau and the reporting unit only) and
/// reported indicator values, which become indicator values only when the bureau accepts the report, with the report as
/// lineage, and a new value version — never a silent overwrite — when a later report is accepted (ADR 0106).
/// </summary>
public class ProgressReportValuesTests(ZhichanFactory app) : IndicatorTestBase(app)
{
    protected override bool LoadsPlans => true;

    private static readonly byte[] Pdf = Encoding.ASCII.GetBytes("%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n");

    private static MultipartFormDataContent File(byte[] bytes, string name)
    {
        var form = new MultipartFormDataContent();
        var content = new ByteArrayContent(bytes);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        form.Add(content, "file", name);
        return form;
    }

    private async Task<long> UploadAsync(HttpClient client, byte[] bytes, string name) =>
        (await JsonAsync(await client.PostAsync("/api/plans/reports/attachments", File(bytes, name)), HttpStatusCode.Created)).GetProperty("id").GetInt64();

    private async Task<long> HaizhouTaskAsync(HttpClient bureau)
    {
        var plan = await App.ScalarAsync<long>("SELECT id FROM plans WHERE seed = '001'");
        var lead = await App.ScalarAsync<long>("SELECT id FROM org_units WHERE name = '海州区'");
        var t = await JsonAsync(await bureau.PostAsJsonAsync($"/api/plans/{plan}/tasks", new { title = "海州区商标品牌培育", leadOrgUnitIds = new[] { lead } }), HttpStatusCode.Created);
        return t.GetProperty("id").GetInt64();
    }

    private static object Report(string content, long[] attachments, params object[] values) =>
        new { period = "2025-Q2", content, percent = 50, attachmentIds = attachments, indicatorValues = values };

    [Fact]
    public async Task Attachments_CheckedStoredAndDownloadableByBureauAndReportingUnitOnly()
    {
        var bureau = await App.CreateClientAsAsync("bureau");
        var task = await HaizhouTaskAsync(bureau);
        var haizhou = await App.CreateClientAsAsync("haizhou");

        // bad files: type, content that does not match the extension, empty, too large
        async Task<string> Refused(byte[] bytes, string name)
        {
            var p = await (await haizhou.PostAsync("/api/plans/reports/attachments", File(bytes, name))).ShouldBeProblemAsync(HttpStatusCode.BadRequest);
            return p.GetProperty("errors").GetProperty("file")[0].GetString()!;
        }
        (await Refused([0x4D, 0x5A, 0x90, 0x00], "tool.exe")).ShouldContain("类型不允许");
        (await Refused([0x4D, 0x5A, 0x90, 0x00], "renamed.pdf")).ShouldContain("内容与扩展名不符");
        (await Refused([], "empty.pdf")).ShouldContain("为空");
        var big = new byte[10 * 1024 * 1024 + 10];
        Pdf.CopyTo(big, 0);
        (await Refused(big, "big.pdf")).ShouldContain("超过单个文件上限 10 MB");
        (await App.ScalarAsync<long>("SELECT count(*) FROM progress_report_files")).ShouldBe(0);

        var file = await UploadAsync(haizhou, Pdf, "佐证材料.pdf");
        var report = await JsonAsync(await haizhou.PostAsJsonAsync($"/api/plans/tasks/{task}/reports", Report("已完成培育名单", [file])), HttpStatusCode.Created);
        var reportId = report.GetProperty("id").GetInt64();
        var att = report.GetProperty("attachments")[0];
        att.GetProperty("fileName").GetString().ShouldBe("佐证材料.pdf");
        att.GetProperty("contentType").GetString().ShouldBe("application/pdf");
        att.GetProperty("sizeBytes").GetInt64().ShouldBe(Pdf.Length);
        var link = att.GetProperty("downloadLink").GetString()!;
        link.ShouldBe($"/api/plans/reports/{reportId}/attachments/{file}");

        // a file cannot be attached twice, nor can another unit's upload or an unrelated stored file be attached
        var again = await (await haizhou.PostAsJsonAsync($"/api/plans/tasks/{task}/reports", Report("再次引用", [file])))
            .ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        again.GetProperty("errors").GetProperty("attachmentIds")[0].GetString()!.ShouldContain("附件不存在或已用于其他报告");
        var police = await App.CreateClientAsAsync("police");
        var policeFile = await UploadAsync(police, Pdf, "公安.pdf");
        await (await haizhou.PostAsJsonAsync($"/api/plans/tasks/{task}/reports", Report("别人的附件", [policeFile]))).ShouldBeProblemAsync(HttpStatusCode.BadRequest);

        // download: the reporting unit and the bureau; other units not
        var own = await haizhou.GetAsync(link);
        own.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await own.Content.ReadAsByteArrayAsync()).ShouldBe(Pdf);
        own.Content.Headers.ContentType!.MediaType.ShouldBe("application/pdf");
        (await bureau.GetAsync(link)).StatusCode.ShouldBe(HttpStatusCode.OK);
        await (await police.GetAsync(link)).ShouldBeProblemAsync(HttpStatusCode.NotFound);
        await (await (await App.CreateClientAsAsync("lianyun")).GetAsync(link)).ShouldBeProblemAsync(HttpStatusCode.NotFound);
        await (await (await App.CreateClientAsAsync("hengrui")).GetAsync(link)).ShouldBeProblemAsync(HttpStatusCode.Forbidden);
        await (await bureau.GetAsync($"/api/plans/reports/{reportId}/attachments/{policeFile}")).ShouldBeProblemAsync(HttpStatusCode.NotFound);

        // adding to a report awaiting review: its own unit only; after the review no more
        var png = new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0 };
        (await JsonAsync(await haizhou.PostAsync($"/api/plans/reports/{reportId}/attachments", File(png, "现场照片.png")), HttpStatusCode.Created))
            .GetProperty("contentType").GetString().ShouldBe("image/png");
        await (await police.PostAsync($"/api/plans/reports/{reportId}/attachments", File(png, "x.png"))).ShouldBeProblemAsync(HttpStatusCode.Forbidden);
        await JsonAsync(await bureau.PostAsJsonAsync($"/api/plans/reports/{reportId}/review", new { decision = "accept" }));
        await (await haizhou.PostAsync($"/api/plans/reports/{reportId}/attachments", File(png, "late.png"))).ShouldBeProblemAsync(HttpStatusCode.Conflict);
        var listed = await JsonAsync(await haizhou.GetAsync($"/api/plans/tasks/{task}/reports"));
        listed[0].GetProperty("attachments").GetArrayLength().ShouldBe(2);
        (await App.ScalarAsync<long>("SELECT count(*) FROM audit_log WHERE entity = 'progress_report_files'")).ShouldBe(3);
    }

    [Fact]
    public async Task ReportedValues_BecomeIndicatorValuesOnAcceptance_WithLineage_AndNewVersionsNeverOverwrite()
    {
        var bureau = await App.CreateClientAsAsync("bureau");
        var task = await HaizhouTaskAsync(bureau);
        var haizhou = await App.CreateClientAsAsync("haizhou");
        object Value(decimal v) => new { code = "well_known_trademarks", regionCode = "320706", year = 2025, value = v };

        // refused at submission: a records indicator, another district's region, a duplicate
        var rec = await (await haizhou.PostAsJsonAsync($"/api/plans/tasks/{task}/reports",
            Report("x", [], new { code = "invention_applications", regionCode = "320706", year = 2025, value = 3 }))).ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        rec.GetProperty("errors").GetProperty("indicatorValues")[0].GetString()!.ShouldContain("由数据中心记录计算");
        await (await haizhou.PostAsJsonAsync($"/api/plans/tasks/{task}/reports",
            Report("x", [], new { code = "well_known_trademarks", regionCode = "320703", year = 2025, value = 3 }))).ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        await (await haizhou.PostAsJsonAsync($"/api/plans/tasks/{task}/reports", Report("x", [], Value(1), Value(2)))).ShouldBeProblemAsync(HttpStatusCode.BadRequest);

        async Task<JsonElement> Current() =>
            ValueOf(await JsonAsync(await bureau.GetAsync("/api/indicators/well_known_trademarks/values?region=320706&year=2025")), "320706", 2025);

        var first = (await JsonAsync(await haizhou.PostAsJsonAsync($"/api/plans/tasks/{task}/reports", Report("认定驰名商标 3 件", [], Value(3))), HttpStatusCode.Created));
        first.GetProperty("reportedValues")[0].GetProperty("name").GetString().ShouldBe("驰名商标数");
        first.GetProperty("reportedValues")[0].GetProperty("regionName").GetString().ShouldBe("海州区");   // the reviewer reads the name, not 320706
        (await Current()).GetProperty("status").GetString().ShouldBe("pending_report");      // submitted is not a value yet

        // a returned report never creates a value
        var returned = await JsonAsync(await haizhou.PostAsJsonAsync($"/api/plans/tasks/{task}/reports", Report("认定 9 件", [], Value(9))), HttpStatusCode.Created);
        await JsonAsync(await bureau.PostAsJsonAsync($"/api/plans/reports/{returned.GetProperty("id").GetInt64()}/review", new { decision = "return", comment = "数字无依据" }));
        (await Current()).GetProperty("status").GetString().ShouldBe("pending_report");

        // accepted: the value, with the report, the reporting unit and the acceptance as lineage
        var firstId = first.GetProperty("id").GetInt64();
        var accepted = await JsonAsync(await bureau.PostAsJsonAsync($"/api/plans/reports/{firstId}/review", new { decision = "accept" }));
        var v1 = await Current();
        v1.GetProperty("value").GetDecimal().ShouldBe(3m);
        v1.GetProperty("status").GetString().ShouldBe("accepted");
        var lineage = v1.GetProperty("lineage");
        lineage.GetProperty("progressReportId").GetInt64().ShouldBe(firstId);
        lineage.GetProperty("reportingUnit").GetString().ShouldBe("海州区");
        lineage.GetProperty("acceptedBy").GetString().ShouldNotBeNullOrEmpty();
        lineage.GetProperty("acceptedAt").ValueKind.ShouldBe(JsonValueKind.String);
        lineage.GetProperty("valueVersion").GetInt32().ShouldBe(1);
        accepted.GetProperty("reportedValues")[0].GetProperty("valueId").GetInt64().ShouldBe(v1.GetProperty("id").GetInt64());

        // a later accepted report for the same indicator, region and year: version 2, version 1 kept
        var second = await JsonAsync(await haizhou.PostAsJsonAsync($"/api/plans/tasks/{task}/reports", Report("又认定 1 件，累计 4 件", [], Value(4))), HttpStatusCode.Created);
        await JsonAsync(await bureau.PostAsJsonAsync($"/api/plans/reports/{second.GetProperty("id").GetInt64()}/review", new { decision = "accept" }));
        var v2 = await Current();
        v2.GetProperty("value").GetDecimal().ShouldBe(4m);
        v2.GetProperty("id").GetInt64().ShouldBe(v1.GetProperty("id").GetInt64());
        v2.GetProperty("lineage").GetProperty("valueVersion").GetInt32().ShouldBe(2);
        v2.GetProperty("lineage").GetProperty("progressReportId").GetInt64().ShouldBe(second.GetProperty("id").GetInt64());
        var versions = await JsonAsync(await bureau.GetAsync($"/api/indicators/values/{v2.GetProperty("id").GetInt64()}/versions"));
        versions.EnumerateArray().Select(x => (x.GetProperty("valueVersion").GetInt32(), x.GetProperty("value").GetDecimal(), x.GetProperty("current").GetBoolean()))
            .ShouldBe([(2, 4m, true), (1, 3m, false)]);
        versions[1].GetProperty("progressReportId").GetInt64().ShouldBe(firstId);
        versions[1].GetProperty("supersededByReport").GetInt64().ShouldBe(second.GetProperty("id").GetInt64());
        (await App.ScalarAsync<long>("SELECT count(*) FROM audit_log WHERE entity = 'indicator_values' AND action = 'new_value_version'")).ShouldBe(1);
        // the district sees its own value's versions; another district not
        (await (await haizhou.GetAsync($"/api/indicators/values/{v2.GetProperty("id").GetInt64()}/versions")).Content.ReadAsStringAsync()).ShouldContain("\"valueVersion\":2");
        await (await (await App.CreateClientAsAsync("lianyun")).GetAsync($"/api/indicators/values/{v2.GetProperty("id").GetInt64()}/versions"))
            .ShouldBeProblemAsync(HttpStatusCode.Forbidden);
    }
}
