using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Zhichan.Tests.Infrastructure;
using Zhichan.Tests.Records.Api;
using Zhichan.Tests.Registries.Entities;

namespace Zhichan.Tests.Analysis;

/// <summary>
/// Real data of the appraisal tests: 江苏恒瑞医药股份有限公司's ten applications of patents/cn-invention-2017.csv.gz (the rows
/// <see cref="AnalysisTestData"/> reads), imported and resolved to the entity 恒瑞's account owns, plus two legal-status events
/// (a transfer and a pledge) on its granted patent CN106187901B; and helpers of the appraisals API.
/// </summary>
public static class AppraisalTestData
{
    public const string Hengrui = "江苏恒瑞医药股份有限公司";
    /// <summary>A granted invention of 恒瑞 in the file (CN106187901B).</summary>
    public const string GrantedPatent = "201610551755.X";

    public static IReadOnlyList<string[]> HengruiRows => AnalysisTestData.Of([.. AnalysisTestData.HengruiEarly, .. AnalysisTestData.HengruiLater]);

    /// <summary>Imports the ten rows and the two events, resolves the entities and gives the entity to 恒瑞's account; returns the entity id.</summary>
    public static async Task<long> ImportHengruiAsync(ZhichanFactory app, HttpClient bureau)
    {
        await AnalysisTestData.ImportAsync(bureau, [.. AnalysisTestData.HengruiEarly, .. AnalysisTestData.HengruiLater], "hengrui-2017.csv");
        var csv = new StringBuilder("\uFEFF授权公告号,申请号,法律状态公告日,法律状态,法律状态信息\r\n")
            .Append($",{GrantedPatent},2017.06.02,专利申请权、专利权的转移,专利权的转移\r\n")
            .Append($",{GrantedPatent},2017.08.11,专利权质押合同登记的生效、变更及注销,专利权质押合同登记的生效\r\n").ToString();
        var imp = await RecordsApi.ImportAsync(bureau, Encoding.UTF8.GetBytes(csv), "hengrui-legal.csv", format: "cnipa-legal-status");
        imp.Str("status").ShouldBe("succeeded", imp.ToString());
        await EntitiesTest.ResolveAsync(bureau);
        var entity = await app.ScalarAsync<long>("SELECT id FROM entities WHERE name = $1 AND merged_into IS NULL ORDER BY id LIMIT 1", Hengrui);
        await app.ExecuteAsync("UPDATE entities SET org_unit_id = NULL WHERE org_unit_id = (SELECT id FROM org_units WHERE name = $1) AND id <> $2", Hengrui, entity);
        await app.ExecuteAsync("UPDATE entities SET org_unit_id = (SELECT id FROM org_units WHERE name = $1) WHERE id = $2", Hengrui, entity);
        return entity;
    }

    public static object Request(string project, string kind = "investment", object? extra = null)
    {
        var body = new Dictionary<string, object?>
        {
            ["projectName"] = project, ["activityKind"] = kind, ["reason"] = "拟投资建设创新药产业化项目，涉及财政资金投入，须评估知识产权风险",
            ["technologies"] = "抗肿瘤小分子药物及其制备方法", ["ipcCodes"] = new[] { "A61K 31/4439", "C07D" }, ["applicationNumbers"] = new[] { GrantedPatent },
            ["searchQ"] = "恒瑞医药", ["amount"] = 5000m, ["contactName"] = "王晓明", ["contactPhone"] = "13912345678", ["contactEmail"] = "wangxm@example.com",
        };
        if (extra is not null)
            foreach (var p in extra.GetType().GetProperties()) body[p.Name] = p.GetValue(extra);
        return body;
    }

    public static async Task<JsonElement> Json(HttpResponseMessage res, HttpStatusCode expected)
    {
        var text = await res.Content.ReadAsStringAsync();
        res.StatusCode.ShouldBe(expected, text);
        return JsonDocument.Parse(text).RootElement;
    }

    public static async Task<JsonElement> CreateAsync(HttpClient c, object body) => await Json(await c.PostAsJsonAsync("/api/analysis/appraisals", body), HttpStatusCode.Created);

    public static async Task<JsonElement> FireAsync(HttpClient c, long id, string action, string? note = null, HttpStatusCode expected = HttpStatusCode.OK) =>
        await Json(await c.PostAsJsonAsync($"/api/analysis/appraisals/{id}/transitions", new { action, note }), expected);

    public static async Task<JsonElement> CollectAsync(HttpClient c, long id, string code) =>
        await Json(await c.PostAsync($"/api/analysis/appraisals/{id}/checks/{code}/collect", null), HttpStatusCode.OK);

    public static async Task<JsonElement> CheckAsync(HttpClient c, long id, string code, string state, string? note = null) =>
        await Json(await c.PutAsJsonAsync($"/api/analysis/appraisals/{id}/checks/{code}", new { state, note }), HttpStatusCode.OK);

    public static JsonElement Check(JsonElement detail, string code) => detail.GetProperty("checks").EnumerateArray().Single(c => c.GetProperty("code").GetString() == code);

    public static string Status(JsonElement detail) => detail.GetProperty("summary").GetProperty("status").GetString()!;

    public static long Id(JsonElement detail) => detail.GetProperty("summary").GetProperty("id").GetInt64();
}
