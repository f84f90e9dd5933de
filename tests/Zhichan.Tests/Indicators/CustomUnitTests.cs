using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Zhichan.Tests.Infrastructure;

namespace Zhichan.Tests.Indicators;

/// <summary>
/// Custom assessment units (ADR 0105) on a hand-computed fixture: 连云区 320703 + 海州区 320706 as one unit; counts are the sum
/// of the members under first-named counting, a record attributed to two members (all applicants) counts once, per 10k uses the
/// summed population (or says which member lacks one), lineage names the members, validation in Chinese, district visibility.
/// </summary>
public class CustomUnitTests(ZhichanFactory app) : IndicatorTestBase(app)
{
    private async Task ArrangeAsync()
    {
        var co = await App.ScalarAsync<long>("INSERT INTO entities (match_key, name, kind, region_code) VALUES ('乙公司', '乙公司', 'enterprise', '320703') RETURNING id");
        await InsertRecordAsync("A", "320703", new(2017, 3, 1));
        await InsertRecordAsync("B", "320703", new(2017, 5, 1), granted: new(2017, 9, 1));
        await InsertRecordAsync("C", "320706", new(2017, 2, 1), applicant: "甲公司", entityIds: [co]);   // co-applicant in 连云区
        await InsertRecordAsync("F", "320102", new(2017, 4, 1));                                             // 南京 玄武区
        await InsertRecordAsync("G", "320707", new(2017, 4, 1));                                             // 赣榆区: not a member
    }

    private static async Task<JsonElement> CreateUnitAsync(HttpClient bureau, string name, params string[] members) =>
        (await JsonAsync(await bureau.PostAsJsonAsync("/api/indicators/units", new { name, memberCodes = members }), HttpStatusCode.Created)).GetProperty("unit");

    [Fact]
    public async Task CustomUnit_ValuesAreComputedForTheUnion_WithoutDoubleCounting_AndShowTheirMembers()
    {
        await ArrangeAsync();
        var bureau = await App.CreateClientAsAsync("bureau");
        var unit = await CreateUnitAsync(bureau, "连云海州片区", "320706", "320703");
        var code = unit.GetProperty("code").GetString()!;
        code.ShouldBe("U00001");
        unit.GetProperty("members").EnumerateArray().Select(m => m.GetProperty("name").GetString()).ShouldBe(["连云区", "海州区"]);
        unit.GetProperty("parentCode").GetString().ShouldBe("320700");
        unit.GetProperty("createdBy").GetString().ShouldBe("市局业务员");   // the list shows who defined the unit
        var mixed = await CreateUnitAsync(bureau, "连云区与南京", "320703", "320100");                 // a county and a city of another city
        await RecomputeAsync(bureau);

        // first-named, whole counting: the unit is the sum of its members (A, B | C)
        var v = await JsonAsync(await bureau.GetAsync($"/api/indicators/invention_applications/values?region=320703,320706,{code}&year=2017"));
        ValueOf(v, "320703", 2017).GetProperty("value").GetDecimal().ShouldBe(2m);
        ValueOf(v, "320706", 2017).GetProperty("value").GetDecimal().ShouldBe(1m);
        var u = ValueOf(v, code, 2017);
        u.GetProperty("value").GetDecimal().ShouldBe(3m);
        u.GetProperty("regionName").GetString().ShouldBe("连云海州片区");
        u.GetProperty("lineage").GetProperty("memberCodes").EnumerateArray().Select(x => x.GetString()).ShouldBe(["320703", "320706"]);
        u.GetProperty("lineage").GetProperty("text").GetString()!.ShouldContain("连云区、海州区");
        var grants = await JsonAsync(await bureau.GetAsync($"/api/indicators/invention_grants/values?region={code}&year=2017"));
        ValueOf(grants, code, 2017).GetProperty("value").GetDecimal().ShouldBe(1m);

        // the drill-down lists the records of every member
        var drill = await JsonAsync(await bureau.GetAsync($"/api/indicators/invention_applications/values/records?region={code}&year=2017"));
        drill.GetProperty("total").GetInt64().ShouldBe(3);
        drill.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("applicationNumber").GetString()).OrderBy(x => x).ShouldBe(["A", "B", "C"]);

        // units=true lists the custom units next to the regions of a parent
        var listed = await JsonAsync(await bureau.GetAsync("/api/indicators/invention_applications/values?parent=320700&units=true&year=2017"));
        HasValue(listed, code, 2017).ShouldBeTrue();
        HasValue(listed, mixed.GetProperty("code").GetString()!, 2017).ShouldBeFalse();           // not inside 连云港

        // per 10k: summed population of the members; 海州区 has none → not computable, saying which member lacks it
        var per = await JsonAsync(await bureau.GetAsync($"/api/indicators/invention_applications_per_10k/values?region={code},{mixed.GetProperty("code").GetString()}&year=2017"));
        ValueOf(per, code, 2017).GetProperty("status").GetString().ShouldBe("not_computable");
        ValueOf(per, code, 2017).GetProperty("note").GetString()!.ShouldContain("320706");
        var m = ValueOf(per, mixed.GetProperty("code").GetString()!, 2017);
        m.GetProperty("population").GetProperty("population").GetInt64().ShouldBe(292762L + 8335000L);   // 连云区 2020 census + 南京 2017
        m.GetProperty("numerator").GetDecimal().ShouldBe(3m);                                                 // A, B, F
        m.GetProperty("value").GetDecimal().ShouldBe(Math.Round(3m * 10000m / (292762m + 8335000m), 4));
        m.GetProperty("population").GetProperty("basis").GetString()!.ShouldContain("成员地区人口之和");

        // all applicants: C counts in 连云区 too, but once in the unit (3, not 2 + 1 + 1)
        await JsonAsync(await bureau.PutAsJsonAsync("/api/indicators/invention_applications", new { counting = "all_applicants" }));
        await RecomputeAsync(bureau);
        var all = await JsonAsync(await bureau.GetAsync($"/api/indicators/invention_applications/values?region=320703,320706,{code}&year=2017"));
        ValueOf(all, "320703", 2017).GetProperty("value").GetDecimal().ShouldBe(3m);
        ValueOf(all, "320706", 2017).GetProperty("value").GetDecimal().ShouldBe(1m);
        ValueOf(all, code, 2017).GetProperty("value").GetDecimal().ShouldBe(3m);
        ValueOf(all, code, 2017).GetProperty("definitionVersion").GetInt32().ShouldBe(2);

        // a change of members is audited and recomputed
        var id = unit.GetProperty("id").GetInt64();
        await JsonAsync(await bureau.PutAsJsonAsync($"/api/indicators/units/{id}", new { name = "连云海州片区", memberCodes = new[] { "320703", "320707" } }));
        await RecomputeAsync(bureau);
        var changed = await JsonAsync(await bureau.GetAsync($"/api/indicators/invention_applications/values?region={code}&year=2017"));
        ValueOf(changed, code, 2017).GetProperty("value").GetDecimal().ShouldBe(4m);           // A, B, C (co-applicant in 连云区), G
        (await App.ScalarAsync<long>("SELECT count(*) FROM audit_log WHERE entity = 'custom_units'")).ShouldBe(3);
    }

    [Fact]
    public async Task CustomUnit_Validation_InChinese_AndStaffOnly()
    {
        var bureau = await App.CreateClientAsAsync("bureau");
        async Task<string> Error(object body)
        {
            var p = await (await bureau.PostAsJsonAsync("/api/indicators/units", body)).ShouldBeProblemAsync(HttpStatusCode.BadRequest);
            return string.Join("；", p.GetProperty("errors").EnumerateObject().SelectMany(e => e.Value.EnumerateArray().Select(x => x.GetString())));
        }
        (await Error(new { name = "甲", memberCodes = new[] { "320703" } })).ShouldContain("至少包含 2 个地区");
        (await Error(new { name = "甲", memberCodes = new[] { "320703", "999999" } })).ShouldContain("行政区划代码“999999”不存在");
        (await Error(new { name = "甲", memberCodes = new[] { "320703", "32070X" } })).ShouldContain("不是 6 位行政区划代码");
        (await Error(new { name = "甲", memberCodes = new[] { "320703", "320703" } })).ShouldContain("重复");
        (await Error(new { name = "甲", memberCodes = new[] { "320700", "320703" } })).ShouldContain("“连云区”属于“连云港市”");
        (await Error(new { name = "", memberCodes = new[] { "320703", "320706" } })).ShouldContain("单元名称");
        await CreateUnitAsync(bureau, "沿海片区", "320703", "320707");
        (await Error(new { name = "沿海片区", memberCodes = new[] { "320703", "320706" } })).ShouldContain("已有名为");

        var district = await App.CreateClientAsAsync("lianyun");
        await (await district.PostAsJsonAsync("/api/indicators/units", new { name = "乙", memberCodes = new[] { "320703", "320706" } })).ShouldBeProblemAsync(HttpStatusCode.Forbidden);
        // a district sees only units lying inside its own region
        (await JsonAsync(await district.GetAsync("/api/indicators/units"))).GetArrayLength().ShouldBe(0);
        (await JsonAsync(await bureau.GetAsync("/api/indicators/units"))).GetArrayLength().ShouldBe(1);
        await (await district.GetAsync("/api/indicators/invention_applications/values?region=U00001&year=2017")).ShouldBeProblemAsync(HttpStatusCode.Forbidden);
        await (await bureau.GetAsync("/api/indicators/invention_applications/values?region=U00099&year=2017")).ShouldBeProblemAsync(HttpStatusCode.NotFound);
    }
}
