using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Zhichan.Tests.Infrastructure;

namespace Zhichan.Tests.Records.Api;

/// <summary>Column mappings for layouts the importer does not know: preview, suggestion, saving, importing with one.</summary>
public class ImportMappingTests(ZhichanFactory app) : IntegrationTest(app)
{
    // real rows of the 2017 file under the headers of another system
    private static readonly string[] OtherHeader = ["专利申请号", "申请日期", "发明名称", "专利权人", "通信地址", "邮编", "分类"];

    private static byte[] OtherLayout(int count) => Encoding.UTF8.GetBytes(Cn2017.Csv(OtherHeader, Cn2017.First(count).Select(r => new[]
    {
        r[Cn2017.Col("application_no")], r[Cn2017.Col("application_date")], r[Cn2017.Col("title")], r[Cn2017.Col("applicant")],
        r[Cn2017.Col("applicant_address")], r[Cn2017.Col("applicant_postcode")], r[Cn2017.Col("ipc")],
    })));

    private static Dictionary<string, string> FullMapping => new()
    {
        ["applicationNumber"] = "专利申请号", ["applicationDate"] = "申请日期", ["title"] = "发明名称", ["applicants"] = "专利权人",
        ["address"] = "通信地址", ["postcode"] = "邮编", ["ipc"] = "分类",
    };

    private static MultipartFormDataContent Form(byte[] bytes, string name)
    {
        var form = new MultipartFormDataContent();
        form.Add(new ByteArrayContent(bytes), "file", name);
        return form;
    }

    [Fact]
    public async Task PreviewImport_UnknownLayout_ReturnsColumnsRowsAndSuggestion()
    {
        var bureau = await App.CreateClientAsAsync("bureau");
        var res = await bureau.PostAsync("/api/imports/preview", Form(OtherLayout(30), "other.csv"));
        res.StatusCode.ShouldBe(HttpStatusCode.OK, await res.Content.ReadAsStringAsync());
        var p = await res.Content.ReadFromJsonAsync<JsonElement>();
        p.GetProperty("columns").EnumerateArray().Select(c => c.GetString()).ShouldBe(OtherHeader);
        p.GetProperty("rows").GetArrayLength().ShouldBe(10);
        p.GetProperty("rows")[0][2].GetString().ShouldBe("建筑垃圾智能机器人分拣系统及方法");
        p.Str("format").ShouldBe("csv");
        p.Str("encoding").ShouldBe("utf-8");
        p.Str("detectedLayout").ShouldBeNull();
        var suggested = p.GetProperty("suggestedMapping");
        suggested.GetProperty("applicationNumber").GetString().ShouldBe("专利申请号");
        suggested.GetProperty("applicationDate").GetString().ShouldBe("申请日期");
        p.GetProperty("targetFields").EnumerateArray().ShouldContain(t => t.Str("key") == "applicationNumber" && t.GetProperty("required").GetBoolean());

        var known = await bureau.PostAsync("/api/imports/preview", Form(TestDataBytes("patents/cn-db-export-sample.csv"), "sample.csv"));
        (await known.Content.ReadFromJsonAsync<JsonElement>()).Str("detectedLayout").ShouldBe("cn-db-export");
    }

    [Fact]
    public async Task CreateImport_UnknownLayoutWithoutMapping_FailsWithChineseHint()
    {
        var bureau = await App.CreateClientAsAsync("bureau");
        var imp = await RecordsApi.ImportAsync(bureau, OtherLayout(20), "other.csv");
        imp.Str("status").ShouldBe("failed");
        imp.Str("message")!.ShouldContain("列映射");
    }

    [Fact]
    public async Task CreateImportMapping_Invalid_Returns400WithChineseErrors()
    {
        var bureau = await App.CreateClientAsAsync("bureau");
        var res = await bureau.PostAsJsonAsync("/api/import-mappings", new { name = "", mapping = new Dictionary<string, string> { ["title"] = "发明名称", ["colour"] = "颜色" } });
        var problem = await res.ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        var errors = problem.GetProperty("errors");
        ImportCsvTests.ShouldBeChinese(errors.GetProperty("name")[0].GetString());
        var mappingErrors = errors.GetProperty("mapping").EnumerateArray().Select(e => e.GetString()!).ToList();
        mappingErrors.ShouldContain(e => e.Contains("colour"));
        mappingErrors.ShouldContain(e => e.Contains("申请号"));
        var builtIn = await bureau.PostAsJsonAsync("/api/import-mappings", new { name = "cnipa-csv", mapping = FullMapping });
        (await builtIn.ShouldBeProblemAsync(HttpStatusCode.BadRequest)).GetProperty("errors").GetProperty("name")[0].GetString()!.ShouldContain("内置");
        (await App.ScalarAsync<long>("SELECT count(*) FROM import_mappings")).ShouldBe(0);
    }

    [Fact]
    public async Task CreateImport_WithSavedMapping_ImportsTheUnknownLayout()
    {
        var bureau = await App.CreateClientAsAsync("bureau");
        var res = await bureau.PostAsJsonAsync("/api/import-mappings", new { name = "某数据库导出", mapping = FullMapping });
        res.StatusCode.ShouldBe(HttpStatusCode.Created, await res.Content.ReadAsStringAsync());
        var mappingId = (await res.Content.ReadFromJsonAsync<JsonElement>()).Long("id");
        (await App.ScalarAsync<long>("SELECT count(*) FROM audit_log WHERE entity = 'import_mappings' AND action = 'create'")).ShouldBe(1);
        var list = await bureau.GetFromJsonAsync<JsonElement[]>("/api/import-mappings");
        list!.ShouldContain(m => m.Long("id") == mappingId && m.Str("name") == "某数据库导出" && !m.GetProperty("builtIn").GetBoolean());
        list!.Count(m => m.GetProperty("builtIn").GetBoolean()).ShouldBe(2);

        var imp = await RecordsApi.ImportAsync(bureau, OtherLayout(100), "other.csv", mappingId: mappingId);
        imp.Str("status").ShouldBe("succeeded", imp.ToString());
        imp.Long("inserted").ShouldBe(100);
        var anonymous = App.CreateAnonymousClient();
        var rec = await RecordsApi.GetRecordAsync(anonymous, await RecordsApi.FindByTitleAsync(anonymous, "建筑垃圾智能机器人分拣系统及方法"));
        rec.GetProperty("parties").EnumerateArray().ShouldContain(p => p.Str("name") == "徐州绿之源环境科技有限公司");
        rec.GetProperty("attribution").Str("countyCode").ShouldBe("320311");
        rec.Str("ipcMain").ShouldBe("B07C 5/342");

        // the same rows through the built-in cnipa-csv layout give the same records: nothing new
        var again = await RecordsApi.ImportAsync(bureau, Cn2017.Utf8Csv(Cn2017.First(100)), "cnipa.csv");
        again.Long("inserted").ShouldBe(0);
    }

    [Fact]
    public async Task CreateImport_BuiltInMappingFromList_IsAccepted()
    {
        var bureau = await App.CreateClientAsAsync("bureau");
        var list = await bureau.GetFromJsonAsync<JsonElement[]>("/api/import-mappings");
        var builtIn = list!.Single(m => m.Str("name") == "cn-db-export");
        var imp = await RecordsApi.ImportAsync(bureau, TestDataBytes("patents/cn-db-export-sample.csv"), "sample.csv", mappingId: builtIn.Long("id"));
        imp.Str("status").ShouldBe("succeeded", imp.ToString());
        imp.Long("inserted").ShouldBe(10);
    }

    [Fact]
    public async Task CreateImport_UnknownMappingId_Returns400()
    {
        var bureau = await App.CreateClientAsAsync("bureau");
        var res = await RecordsApi.PostImportAsync(bureau, OtherLayout(3), "other.csv", mappingId: 424242);
        var problem = await res.ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        problem.GetProperty("errors").GetProperty("mappingId")[0].GetString()!.ShouldContain("不存在");
    }

    private static byte[] TestDataBytes(string relative) => File.ReadAllBytes(TestData.File(relative));
}
