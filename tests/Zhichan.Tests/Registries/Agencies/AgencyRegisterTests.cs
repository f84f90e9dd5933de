using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Zhichan.Api.Features.Indicators;
using Zhichan.Api.Platform.Files;

namespace Zhichan.Tests.Registries.Agencies;

/// <summary>The register: USCC check, masking, the agency's own changes approved and refused, import with row errors, export, directory, indicator.</summary>
public class AgencyRegisterTests(AgencyFactory app) : AgencyTest(app)
{
    [Fact]
    public async Task CreateAgency_InvalidCreditCode_IsRefusedWithTheReason_ListMasksTheContactPerson()
    {
        var staff = await App.CreateClientAsAsync("bureau");
        var bad = Code(7)[..17] + (Code(7)[17] == '0' ? '1' : '0');
        var res = await staff.PostAsJsonAsync("/api/registries/agencies", new { fields = Fields("某某代理所", bad) });
        var problem = await ReadAsync(res, HttpStatusCode.BadRequest);
        problem.GetProperty("errors").GetProperty("fields.creditCode")[0].GetString()!.ShouldContain("校验位错误");
        var withI = await staff.PostAsJsonAsync("/api/registries/agencies", new { fields = Fields("某某代理所", "91320706MA1I234567") });
        (await ReadAsync(withI, HttpStatusCode.BadRequest)).GetProperty("errors").GetProperty("fields.creditCode")[0].GetString()!.ShouldContain("不使用字母 I");

        var id = await CreateAsync(staff, "连云港某某知识产权代理有限公司", Code(2).ToLowerInvariant());
        var dup = await staff.PostAsJsonAsync("/api/registries/agencies", new { fields = Fields("另一家代理所", Code(2)) });
        (await ReadAsync(dup, HttpStatusCode.BadRequest)).GetProperty("errors").GetProperty("fields.creditCode")[0].GetString()!.ShouldContain("已登记");

        var list = await ReadAsync(await staff.GetAsync("/api/registries/agencies?q=某某知识产权"), HttpStatusCode.OK);
        var row = list.GetProperty("items")[0];
        row.GetProperty("creditCode").GetString().ShouldBe(Code(2));
        row.GetProperty("kindLabels").GetString().ShouldBe("代理、运营");
        row.GetProperty("contactName").GetString().ShouldBe("王某某");
        row.GetProperty("contactPhone").GetString().ShouldBe("139****5678");
        var detail = await ReadAsync(await staff.GetAsync($"/api/registries/agencies/{id}"), HttpStatusCode.OK);
        detail.GetProperty("fields").GetProperty("contactName").GetString().ShouldBe("王小明");
        (await staff.GetAsync("/api/registries/agencies")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await (await App.CreateClientAsAsync("agency")).GetAsync("/api/registries/agencies")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task AgencyChange_Approved_IsAppliedAndAudited_ASecondPendingChangeIsRefused()
    {
        var staff = await App.CreateClientAsAsync("bureau");
        var agency = await App.CreateClientAsAsync("agency");
        (await agency.GetAsync("/api/registries/agencies/mine")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        var id = await CreateOwnAgencyAsync(staff);
        var mine = await ReadAsync(await agency.GetAsync("/api/registries/agencies/mine"), HttpStatusCode.OK);
        mine.GetProperty("id").GetInt64().ShouldBe(id);

        var same = await agency.PostAsJsonAsync("/api/registries/agencies/mine/changes", new { services = "专利申请代理、专利运营" });
        await ReadAsync(same, HttpStatusCode.BadRequest);
        var change = await ReadAsync(await agency.PostAsJsonAsync("/api/registries/agencies/mine/changes",
            new { services = "专利申请代理、专利运营、知识产权评估", agentCount = 6, kinds = new[] { "agency", "valuation" } }), HttpStatusCode.Created);
        change.GetProperty("status").GetString().ShouldBe("pending");
        change.GetProperty("lines").GetArrayLength().ShouldBe(3);
        await ReadAsync(await agency.PostAsJsonAsync("/api/registries/agencies/mine/changes", new { agentCount = 7 }), HttpStatusCode.Conflict);
        // nothing applied while pending
        (await ReadAsync(await staff.GetAsync($"/api/registries/agencies/{id}"), HttpStatusCode.OK)).GetProperty("fields").GetProperty("agentCount").GetInt32().ShouldBe(4);

        var pending = await ReadAsync(await staff.GetAsync("/api/registries/agencies/changes"), HttpStatusCode.OK);
        pending.GetArrayLength().ShouldBe(1);
        var changeId = pending[0].GetProperty("id").GetInt64();
        await ReadAsync(await staff.PostAsJsonAsync($"/api/registries/agencies/changes/{changeId}/decision", new { approve = true }), HttpStatusCode.OK);
        var after = await ReadAsync(await staff.GetAsync($"/api/registries/agencies/{id}"), HttpStatusCode.OK);
        after.GetProperty("fields").GetProperty("agentCount").GetInt32().ShouldBe(6);
        after.GetProperty("kindLabels").GetString().ShouldBe("代理、评估");
        after.GetProperty("changes")[0].GetProperty("status").GetString().ShouldBe("approved");
        (await App.ScalarAsync<long>("SELECT count(*) FROM audit_log WHERE entity = 'agencies' AND action = 'update' AND entity_id = $1", id.ToString())).ShouldBe(1);
        (await App.ScalarAsync<long>("SELECT count(*) FROM audit_log WHERE entity = 'agency_changes' AND entity_id = $1", changeId.ToString())).ShouldBe(2);
        await ReadAsync(await staff.PostAsJsonAsync($"/api/registries/agencies/changes/{changeId}/decision", new { approve = true }), HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task AgencyChange_Refused_NeedsAReason_AndLeavesTheRecordAsItWas()
    {
        var staff = await App.CreateClientAsAsync("bureau");
        var agency = await App.CreateClientAsAsync("agency");
        var id = await CreateOwnAgencyAsync(staff);
        var change = await ReadAsync(await agency.PostAsJsonAsync("/api/registries/agencies/mine/changes", new { name = "连云港改名后的代理事务所" }), HttpStatusCode.Created);
        var changeId = change.GetProperty("id").GetInt64();
        var noReason = await ReadAsync(await staff.PostAsJsonAsync($"/api/registries/agencies/changes/{changeId}/decision", new { approve = false }), HttpStatusCode.BadRequest);
        noReason.GetProperty("errors").GetProperty("reason")[0].GetString()!.ShouldContain("理由");
        await ReadAsync(await staff.PostAsJsonAsync($"/api/registries/agencies/changes/{changeId}/decision", new { approve = false, reason = "名称变更须先提交市场监管部门的变更登记通知书" }), HttpStatusCode.OK);
        var mine = await ReadAsync(await agency.GetAsync("/api/registries/agencies/mine"), HttpStatusCode.OK);
        mine.GetProperty("fields").GetProperty("name").GetString().ShouldBe("连云港测试专利代理事务所");
        mine.GetProperty("changes")[0].GetProperty("status").GetString().ShouldBe("refused");
        mine.GetProperty("changes")[0].GetProperty("reason").GetString()!.ShouldContain("变更登记通知书");
        (await App.ScalarAsync<long>("SELECT count(*) FROM notifications WHERE type = 'agency_change' AND title LIKE '%未通过%'")).ShouldBe(1);
        // a new change may follow once the old one is decided
        await ReadAsync(await agency.PostAsJsonAsync("/api/registries/agencies/mine/changes", new { staffCount = 20 }), HttpStatusCode.Created);
        (await App.ScalarAsync<long>("SELECT count(*) FROM agencies WHERE id = $1 AND name = '连云港测试专利代理事务所'", id)).ShouldBe(1);
    }

    [Fact]
    public async Task ImportAgencies_ReportsRowErrors_IncludingTheCreditCodeCheck_AndStoresOnlyValidRows_ExportMasks()
    {
        var staff = await App.CreateClientAsAsync("bureau");
        var badCheck = Code(5)[..17] + (Code(5)[17] == '0' ? '1' : '0');
        var header = new[] { "机构名称", "统一社会信用代码", "服务类别", "从业人员数", "专利代理师人数", "所在地区", "联系人", "联系人电话", "登记日期" };
        var rows = new List<IReadOnlyList<string?>>
        {
            new[] { "连云港甲知识产权代理有限公司", Code(3), "代理、运营", "10", "3", "海州区", "李四海", "13800001111", "2021-03-01" },
            new[] { "连云港乙知识产权服务有限公司", badCheck, "代理", "5", "1", "320706", "", "", "" },
            new[] { "", Code(4), "代理", "5", "1", "320706", "", "", "" },
            new[] { "连云港丙咨询有限公司", Code(6), "咨询", "5", "1", "320706", "", "", "" },
            new[] { "连云港丁代理事务所", Code(3), "代理", "5", "8", "320706", "", "", "" },
        };
        var content = new MultipartFormDataContent { { new ByteArrayContent(SheetImport.Write(header, rows)), "file", "agencies.xlsx" } };
        var result = await ReadAsync(await staff.PostAsync("/api/registries/agencies/import", content), HttpStatusCode.OK);
        result.GetProperty("created").GetInt32().ShouldBe(1);
        result.GetProperty("rejected").GetInt32().ShouldBe(4);
        var errors = result.GetProperty("errors").EnumerateArray().Select(e => (Row: e.GetProperty("row").GetInt64(), Field: e.GetProperty("field").GetString(), Reason: e.GetProperty("reason").GetString()!)).ToList();
        errors.ShouldContain(e => e.Row == 3 && e.Field == "统一社会信用代码" && e.Reason.Contains("校验位"));
        errors.ShouldContain(e => e.Row == 4 && e.Field == "机构名称");
        errors.ShouldContain(e => e.Row == 5 && e.Field == "服务类别" && e.Reason.Contains("咨询"));
        errors.ShouldContain(e => e.Row == 6 && e.Reason.Contains("第 2 行"));
        errors.ShouldContain(e => e.Row == 6 && e.Field == "专利代理师人数");
        (await App.ScalarAsync<long>("SELECT count(*) FROM agencies")).ShouldBe(1);
        (await App.ScalarAsync<string>("SELECT region_code FROM agencies")).ShouldBe("320706");

        // a missing required header is refused whole
        var noName = new MultipartFormDataContent { { new ByteArrayContent(SheetImport.Write(["统一社会信用代码"], [[Code(8)]])), "file", "x.xlsx" } };
        (await ReadAsync(await staff.PostAsync("/api/registries/agencies/import", noName), HttpStatusCode.BadRequest)).GetProperty("errors").GetProperty("file")[0].GetString()!.ShouldContain("机构名称");

        var export = await staff.GetAsync("/api/registries/agencies/export");
        export.StatusCode.ShouldBe(HttpStatusCode.OK);
        var (head, data) = XlsxSheet.Read(new MemoryStream(await export.Content.ReadAsByteArrayAsync()));
        var line = data.Single().Cells;
        line[Array.IndexOf(head, "联系人")].ShouldBe("李某某");
        line[Array.IndexOf(head, "联系人电话")].ShouldBe("138****1111");
        line[Array.IndexOf(head, "统一社会信用代码")].ShouldBe(Code(3));
    }

    [Fact]
    public async Task PublicDirectory_IsAnonymous_ShowsBusinessContactsOnly_AndNoCancelledAgencies()
    {
        var staff = await App.CreateClientAsAsync("bureau");
        await CreateAsync(staff, "连云港在册代理有限公司", Code(10));
        await CreateAsync(staff, "连云港已注销代理有限公司", Code(11), status: "cancelled", cancelledOn: Today.AddDays(-3));
        var anon = App.CreateAnonymousClient();
        var res = await anon.GetAsync("/api/public/agencies");
        var text = await res.Content.ReadAsStringAsync();
        res.StatusCode.ShouldBe(HttpStatusCode.OK, text);
        var page = JsonDocument.Parse(text).RootElement;
        page.GetProperty("total").GetInt64().ShouldBe(1);
        var a = page.GetProperty("items")[0];
        a.GetProperty("name").GetString().ShouldBe("连云港在册代理有限公司");
        a.GetProperty("businessPhone").GetString().ShouldBe("0518-85550000");
        a.GetProperty("regionName").GetString().ShouldBe("海州区");
        text.ShouldNotContain("王小明");
        text.ShouldNotContain("13912345678");
        text.ShouldNotContain("contactName");
    }

    [Fact]
    public async Task Indicator_CountsAgenciesInTheRegisterAtYearEnd_ByRegion_WithTheRowsBehind_ExamplesNotCounted()
    {
        // the reset empties the catalogue too: load it again
        foreach (var t in App.Services.GetServices<Zhichan.Api.Platform.IStartupTask>().OfType<IndicatorCatalogueLoader>()) await t.RunAsync(CancellationToken.None);
        var staff = await App.CreateClientAsAsync("bureau");
        await CreateAsync(staff, "海州甲代理所", Code(20), region: "320706", registeredOn: new DateOnly(2022, 5, 1));
        await CreateAsync(staff, "连云乙代理所", Code(21), region: "320703", registeredOn: new DateOnly(2023, 5, 1));
        await CreateAsync(staff, "海州丙代理所（已注销）", Code(22), region: "320706", registeredOn: new DateOnly(2022, 1, 1), status: "cancelled", cancelledOn: new DateOnly(2023, 6, 1));
        var example = await CreateAsync(staff, "示例代理所", null, region: "320706", registeredOn: new DateOnly(2022, 1, 1));
        await App.ExecuteAsync("UPDATE agencies SET is_example = true WHERE id = $1", example);
        // every write refreshes the value: this one after the example mark
        await CreateAsync(staff, "赣榆丁代理所", Code(23), region: "320707", registeredOn: new DateOnly(2024, 2, 1));

        async Task<Dictionary<string, JsonElement>> ValuesAsync(int year) =>
            (await ReadAsync(await staff.GetAsync($"/api/indicators/service_agencies/values?region=320706,320703,320700&year={year}"), HttpStatusCode.OK))
            .GetProperty("values").EnumerateArray().ToDictionary(v => v.GetProperty("regionCode").GetString()!);
        var y2022 = await ValuesAsync(2022);
        y2022["320706"].GetProperty("status").GetString().ShouldBe("computed");
        y2022["320706"].GetProperty("value").GetDecimal().ShouldBe(2);
        y2022["320700"].GetProperty("value").GetDecimal().ShouldBe(2);
        var y2023 = await ValuesAsync(2023);
        y2023["320706"].GetProperty("value").GetDecimal().ShouldBe(1); // cancelled in 2023, the example never counted
        y2023["320703"].GetProperty("value").GetDecimal().ShouldBe(1);
        y2023["320700"].GetProperty("value").GetDecimal().ShouldBe(2);
        (await ValuesAsync(Today.Year))["320700"].GetProperty("value").GetDecimal().ShouldBe(3);

        var rows = await ReadAsync(await staff.GetAsync(y2023["320700"].GetProperty("drillDownLink").GetString()!), HttpStatusCode.OK);
        rows.GetProperty("total").GetInt64().ShouldBe(2);
        rows.GetProperty("items").EnumerateArray().Select(r => r.GetProperty("name").GetString()).ShouldBe(["海州甲代理所", "连云乙代理所"]);
        rows.GetProperty("items")[0].GetProperty("link").GetString()!.ShouldStartWith("/registries/agencies/");
        rows.GetProperty("items")[0].GetProperty("kind").GetString().ShouldBe("服务机构");
    }
}
