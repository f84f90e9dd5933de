using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Zhichan.Api.Features.Indicators;
using Zhichan.Api.Platform.Files;
using Zhichan.Tests.Indicators;
using Zhichan.Tests.Infrastructure;
using static Zhichan.Tests.Registries.Units.PilotUnitsTests;

namespace Zhichan.Tests.Registries.Units;

/// <summary>
/// Geographical indications with their authorised users, plant varieties and 非遗 items (masked inheritors), and 地理标志商标量
/// computed from the GI register (ADR 0028, 0029).
/// </summary>
public class GeoIndicationsTests(ZhichanFactory app) : IndicatorTestBase(app)
{
    internal static object Gi(string product, string[] regions, string kind = "cert_mark", string status = "registered", string? number = "10000001",
        string? registeredOn = "2015-03-07", string? validUntil = "2035-03-06", string? endedOn = null) =>
        new { product, kind, regionCodes = regions, holder = product + "协会（示例）", registrationNumber = number, registeredOn, validUntil, endedOn, status, notes = "示例" };

    [Fact]
    public async Task Gi_ValidatedInChinese_AuthorisedUsersWithDates_FilteredByProtectedArea()
    {
        var bureau = await App.CreateClientAsAsync("bureau");
        var bad = await (await bureau.PostAsJsonAsync("/api/registries/gi",
            new { product = "", kind = "cert_mark", regionCodes = Array.Empty<string>(), holder = "某协会", holderCreditCode = "12345", status = "registered" }))
            .ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        var e = bad.GetProperty("errors");
        e.GetProperty("product")[0].GetString().ShouldBe("产品名称不能为空");
        e.GetProperty("regionCodes")[0].GetString().ShouldBe("请选择保护范围（地区）");
        e.GetProperty("registrationNumber")[0].GetString().ShouldBe("已注册（批准）的地理标志须填写注册号或批准公告号");
        e.GetProperty("registeredOn")[0].GetString().ShouldBe("已注册（批准）的地理标志须填写注册（批准）日期");
        e.GetProperty("holderCreditCode")[0].GetString()!.ShouldContain("18 位");
        var revoked = await (await bureau.PostAsJsonAsync("/api/registries/gi", Gi("示例海鲜", ["320703"], status: "revoked")))
            .ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        revoked.GetProperty("errors").GetProperty("endedOn")[0].GetString().ShouldBe("已撤销或已注销的地理标志须填写终止日期");

        var gi = await JsonAsync(await bureau.PostAsJsonAsync("/api/registries/gi", Gi("连云区紫菜（示例）", ["320703", "320706"])), HttpStatusCode.Created);
        var id = gi.GetProperty("item").GetProperty("id").GetInt64();
        gi.GetProperty("item").GetProperty("regions").EnumerateArray().Select(r => r.GetProperty("name").GetString()).ShouldBe(["连云区", "海州区"]);
        gi.GetProperty("item").GetProperty("countsAsTrademark").GetBoolean().ShouldBeTrue();
        (await bureau.PostAsJsonAsync("/api/registries/gi", Gi("重复", ["320703"]))).StatusCode.ShouldBe(HttpStatusCode.Conflict);

        var badUser = await (await bureau.PostAsJsonAsync($"/api/registries/gi/{id}/users", new { enterprise = "", authorisedOn = "2024-01-01", validUntil = "2023-01-01" }))
            .ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        badUser.GetProperty("errors").GetProperty("enterprise")[0].GetString().ShouldBe("使用企业不能为空");
        badUser.GetProperty("errors").GetProperty("validUntil")[0].GetString().ShouldBe("授权有效期至不能早于授权日期");
        await JsonAsync(await bureau.PostAsJsonAsync($"/api/registries/gi/{id}/users",
            new { enterprise = "连云港示例水产有限公司", authorisedOn = "2020-01-01", validUntil = "2022-12-31" }), HttpStatusCode.Created);
        var detail = await JsonAsync(await bureau.PostAsJsonAsync($"/api/registries/gi/{id}/users",
            new { enterprise = "海州示例食品有限公司", authorisedOn = "2024-01-01" }), HttpStatusCode.Created);
        var users = detail.GetProperty("users").EnumerateArray().ToList();
        users.Select(u => (u.GetProperty("enterprise").GetString(), u.GetProperty("current").GetBoolean()))
            .ShouldBe([("连云港示例水产有限公司", false), ("海州示例食品有限公司", true)]);
        (await bureau.PostAsJsonAsync($"/api/registries/gi/{id}/users", new { enterprise = "海州示例食品有限公司" })).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await JsonAsync(await bureau.GetAsync("/api/registries/gi?q=海州示例食品"))).GetProperty("total").GetInt64().ShouldBe(1);
        (await bureau.DeleteAsync($"/api/registries/gi/{id}/users/{users[0].GetProperty("id").GetInt64()}")).StatusCode.ShouldBe(HttpStatusCode.NoContent);

        // a district sees a GI whose protected area lies (partly) in its region, not the others
        var ganyu = (await JsonAsync(await bureau.PostAsJsonAsync("/api/registries/gi", Gi("赣榆示例海产", ["320707"], number: "10000002")), HttpStatusCode.Created))
            .GetProperty("item").GetProperty("id").GetInt64();
        var lianyun = await App.CreateClientAsAsync("lianyun");
        (await JsonAsync(await lianyun.GetAsync("/api/registries/gi"))).GetProperty("items").EnumerateArray().Select(g => g.GetProperty("id").GetInt64()).ShouldBe([id]);
        (await lianyun.GetAsync($"/api/registries/gi/{ganyu}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await lianyun.PutAsJsonAsync($"/api/registries/gi/{id}", Gi("x", ["320703"]))).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await JsonAsync(await bureau.GetAsync("/api/registries/gi?region=320707"))).GetProperty("total").GetInt64().ShouldBe(1);
    }

    [Fact]
    public async Task GiTrademarks_ComputedFromTheRegister_InForceAtYearEnd_OncePerNumber_WithRows()
    {
        var bureau = await App.CreateClientAsAsync("bureau");
        // v2 of the definition: from the module (the seed changed, the catalogue versioned it)
        var def = await JsonAsync(await bureau.GetAsync("/api/indicators/gi_trademarks"));
        def.GetProperty("current").GetProperty("source").GetString().ShouldBe("module");

        await JsonAsync(await bureau.PostAsJsonAsync("/api/registries/gi", Gi("连云区紫菜（示例）", ["320703", "320706"], number: "20000001", registeredOn: "2019-05-01")), HttpStatusCode.Created);
        // the same number entered as a collective mark row as well: counted once
        await JsonAsync(await bureau.PostAsJsonAsync("/api/registries/gi", Gi("连云区紫菜（重复录入）", ["320703"], kind: "collective_mark", number: "20000001", registeredOn: "2019-05-01")), HttpStatusCode.Created);
        await JsonAsync(await bureau.PostAsJsonAsync("/api/registries/gi", Gi("赣榆示例海产", ["320707"], number: "20000002", registeredOn: "2021-02-01",
            status: "cancelled", endedOn: "2023-06-30")), HttpStatusCode.Created);
        // products and applications do not count
        await JsonAsync(await bureau.PostAsJsonAsync("/api/registries/gi", Gi("示例地理标志产品", ["320703"], kind: "gi_product", number: "2020年第1号")), HttpStatusCode.Created);
        await JsonAsync(await bureau.PostAsJsonAsync("/api/registries/gi", Gi("申请中示例", ["320703"], status: "applied", number: null, registeredOn: null, validUntil: null)), HttpStatusCode.Created);

        var indicator = App.Services.GetServices<IModuleIndicator>().Single(i => i.Code == "gi_trademarks");
        await using var conn = new NpgsqlConnection(App.ConnectionString);
        await conn.OpenAsync();
        var values = (await indicator.ComputeAsync(conn, CancellationToken.None)).ToDictionary(v => (v.RegionCode, v.Year), v => v.Value);
        values.Keys.Min(k => k.Year).ShouldBe(2019);
        values[("320703", 2019)].ShouldBe(1);
        values[("320706", 2019)].ShouldBe(1);
        values[("320700", 2019)].ShouldBe(1);      // two counties of the protected area, one mark for the city
        values[("320000", 2022)].ShouldBe(2);
        values[("320707", 2022)].ShouldBe(1);
        values.ContainsKey(("320707", 2023)).ShouldBeFalse(); // cancelled in 2023
        values[("320700", 2023)].ShouldBe(1);
        values.ContainsKey(("320707", 2020)).ShouldBeFalse();

        var rows = await indicator.RowsAsync(conn, "320700", 2022, 0, 50, CancellationToken.None);
        rows.Total.ShouldBe(2);
        rows.Rows.Select(r => r.Name).ShouldBe(["连云区紫菜（示例）", "赣榆示例海产"]);
        rows.Rows[0].Kind.ShouldBe("地理标志证明商标");
        rows.Rows[0].Detail!.ShouldContain("注册号 20000001");
        rows.Rows[0].Link.ShouldBe($"/registries/gi/{rows.Rows[0].Id}");
        rows.Rows[0].Date.ShouldBe(new DateOnly(2019, 5, 1));

        // through HTTP: the values follow the register's writes at once (no recomputation needed), computed under the module version
        var byApi = await JsonAsync(await bureau.GetAsync("/api/indicators/gi_trademarks/values?region=320700&year=2022"));
        var city = ValueOf(byApi, "320700", 2022);
        city.GetProperty("value").GetDecimal().ShouldBe(2);
        city.GetProperty("status").GetString().ShouldBe("computed");
        var link = city.GetProperty("drillDownLink").GetString()!;
        link.ShouldContain("/values/rows?region=320700");
        var drill = await JsonAsync(await bureau.GetAsync(link));
        drill.GetProperty("total").GetInt64().ShouldBe(2);
        drill.GetProperty("items").EnumerateArray().Select(r => r.GetProperty("link").GetString()).ShouldAllBe(l => l!.StartsWith("/registries/gi/"));
        var ganyu = (await JsonAsync(await bureau.GetAsync("/api/registries/gi?region=320707"))).GetProperty("items")[0].GetProperty("id").GetInt64();
        (await bureau.DeleteAsync($"/api/registries/gi/{ganyu}")).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        var after = await JsonAsync(await bureau.GetAsync("/api/indicators/gi_trademarks/values?region=320700&year=2022"));
        ValueOf(after, "320700", 2022).GetProperty("value").GetDecimal().ShouldBe(1);

        // a district reads its own region's value and rows, not a neighbour's
        var lianyun = await App.CreateClientAsAsync("lianyun");
        var own = await JsonAsync(await lianyun.GetAsync("/api/indicators/gi_trademarks/values?region=320703&year=2022"));
        ValueOf(own, "320703", 2022).GetProperty("value").GetDecimal().ShouldBe(1);
        (await lianyun.GetAsync("/api/indicators/gi_trademarks/values/rows?region=320706&year=2022")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task GiImport_RowErrorsInChinese_AddsAuthorisedUsers_AndExportRoundTrips()
    {
        var bureau = await App.CreateClientAsAsync("bureau");
        var header = new[] { "产品名称", "类别", "保护范围（地区）", "申请人/注册人", "注册号/批准文号", "注册（批准）日期", "专用权期限", "状态", "授权使用企业" };
        var xlsx = SheetImport.Write(header, new List<string?[]>
        {
            new[] { "示例紫菜", "地理标志证明商标", "320703、赣榆区", "示例紫菜协会", "30000001", "2018-01-01", "2028-01-01", "已注册", "示例甲公司、示例乙公司" },
            new[] { "示例大米", "证明商标", "320724", "示例大米协会", "", "", "", "已注册", "" },
            new[] { "示例茶", "城堡", "火星", "", "", "", "", "", "" },
        });
        var result = await JsonAsync(await bureau.PostAsync("/api/registries/gi/import", File(xlsx, "gi.xlsx")));
        result.GetProperty("created").GetInt32().ShouldBe(1);
        result.GetProperty("rejected").GetInt32().ShouldBe(2);
        var errors = result.GetProperty("errors").EnumerateArray().Select(e => (Row: e.GetProperty("row").GetInt64(), Field: e.GetProperty("field").GetString(),
            Reason: e.GetProperty("reason").GetString()!)).ToList();
        errors.ShouldContain(e => e.Row == 3 && e.Field == "注册号/批准文号" && e.Reason == "已注册（批准）的地理标志须填写注册号或批准公告号");
        errors.ShouldContain(e => e.Row == 4 && e.Field == "类别" && e.Reason.Contains("地理标志证明商标"));
        errors.ShouldContain(e => e.Row == 4 && e.Field == "保护范围（地区）" && e.Reason == "找不到地区“火星”");
        errors.ShouldContain(e => e.Row == 4 && e.Field == "状态" && e.Reason == "请选择状态");
        errors.ShouldContain(e => e.Row == 4 && e.Field == "申请人/注册人");
        var id = await App.ScalarAsync<long>("SELECT id FROM geo_indications WHERE registration_number = '30000001'");
        var detail = await JsonAsync(await bureau.GetAsync($"/api/registries/gi/{id}"));
        detail.GetProperty("item").GetProperty("regions").EnumerateArray().Select(r => r.GetProperty("code").GetString()).ShouldBe(["320703", "320707"]);
        detail.GetProperty("users").GetArrayLength().ShouldBe(2);

        var bytes = await (await bureau.GetAsync("/api/registries/gi/export")).Content.ReadAsByteArrayAsync();
        var again = await JsonAsync(await bureau.PostAsync("/api/registries/gi/import", File(bytes, "export.xlsx")));
        (again.GetProperty("created").GetInt32(), again.GetProperty("updated").GetInt32(), again.GetProperty("rejected").GetInt32()).ShouldBe((0, 1, 0));
        (await App.ScalarAsync<long>("SELECT count(*) FROM geo_indication_users")).ShouldBe(2);
    }

    [Fact]
    public async Task VarietiesAndHeritage_ValidatedListedWithFiles_InheritorsMaskedForDistricts()
    {
        var bureau = await App.CreateClientAsAsync("bureau");
        var badV = await (await bureau.PostAsJsonAsync("/api/registries/varieties", new { name = "示例稻", crop = "水稻", holder = "示例农科所", regionCode = "320703", status = "granted" }))
            .ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        badV.GetProperty("errors").GetProperty("rightNumber")[0].GetString().ShouldBe("已授权的品种须填写品种权号");
        var v = await JsonAsync(await bureau.PostAsJsonAsync("/api/registries/varieties", new
        {
            name = "示例稻1号", crop = "水稻", holder = "示例农科所", regionCode = "320703", rightNumber = "CNA示例0001", appliedOn = "2019-01-01", grantedOn = "2021-06-01", status = "granted",
        }), HttpStatusCode.Created);
        var vid = v.GetProperty("item").GetProperty("id").GetInt64();
        await JsonAsync(await bureau.PostAsync($"/api/registries/unit-files/variety/{vid}", File(Pdf, "品种权证书.pdf")), HttpStatusCode.Created);
        var vlist = await JsonAsync(await bureau.GetAsync("/api/registries/varieties?q=CNA示例&status=granted"));
        vlist.GetProperty("items")[0].GetProperty("fileCount").GetInt32().ShouldBe(1);
        vlist.GetProperty("items")[0].GetProperty("statusName").GetString().ShouldBe("已授权");

        var badH = await (await bureau.PostAsJsonAsync("/api/registries/heritage", new
        {
            name = "示例剪纸", level = "municipal", category = "paper", regionCode = "320703",
            inheritors = new[] { new { name = "张三", phone = "abc", idNumber = "123" } },
        })).ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        badH.GetProperty("errors").GetProperty("category")[0].GetString()!.ShouldContain("传统美术");
        badH.GetProperty("errors").GetProperty("inheritors[0].phone")[0].GetString().ShouldBe("第 1 名传承人的联系电话格式不正确");
        badH.GetProperty("errors").GetProperty("inheritors[0].idNumber")[0].GetString().ShouldBe("第 1 名传承人的身份证号应为 18 位");
        var h = await JsonAsync(await bureau.PostAsJsonAsync("/api/registries/heritage", new
        {
            name = "示例剪纸", level = "municipal", category = "art", regionCode = "320703", listedYear = 2019, protectionUnit = "连云区文化馆（示例）",
            inheritors = new[] { new { name = "王小明", level = "municipal", recognisedYear = 2020, phone = "13912345678", idNumber = "320703199001011234" } },
        }), HttpStatusCode.Created);
        var hid = h.GetProperty("item").GetProperty("id").GetInt64();
        h.GetProperty("inheritors")[0].GetProperty("phone").GetString().ShouldBe("13912345678");
        h.GetProperty("personalDataMasked").GetBoolean().ShouldBeFalse();

        var lianyun = await App.CreateClientAsAsync("lianyun");
        var seen = await JsonAsync(await lianyun.GetAsync($"/api/registries/heritage/{hid}"));
        seen.GetProperty("personalDataMasked").GetBoolean().ShouldBeTrue();
        seen.GetProperty("inheritors")[0].GetProperty("phone").GetString().ShouldBe("139****5678");
        seen.GetProperty("inheritors")[0].GetProperty("idNumber").GetString().ShouldBe("320703********1234");
        (await JsonAsync(await lianyun.GetAsync("/api/registries/heritage?q=王小明&category=art"))).GetProperty("total").GetInt64().ShouldBe(1);
        (await JsonAsync(await (await App.CreateClientAsAsync("haizhou")).GetAsync("/api/registries/heritage"))).GetProperty("total").GetInt64().ShouldBe(0);
        (await (await App.CreateClientAsAsync("haizhou")).GetAsync($"/api/registries/varieties/{vid}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);

        (await bureau.DeleteAsync($"/api/registries/heritage/{hid}")).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        (await bureau.DeleteAsync($"/api/registries/varieties/{vid}")).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        (await App.ScalarAsync<long>("SELECT count(*) FROM heritage_inheritors")).ShouldBe(0);
        (await App.ScalarAsync<long>("SELECT count(*) FROM stored_files")).ShouldBe(0);
    }
}
