using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Zhichan.Tests.Infrastructure;

namespace Zhichan.Tests.Indicators;

/// <summary>Role limits and the report → review flow of indicators the data centre does not compute.</summary>
public class IndicatorAccessTests(ZhichanFactory app) : IndicatorTestBase(app)
{
    /// <summary>Every endpoint refuses the roles it does not serve (one reset for all cases: resets dominate the suite's time).</summary>
    [Fact]
    public async Task IndicatorEndpoints_WrongRole_Return403()
    {
        (string Method, string Path, string User)[] cases =
        [
            ("GET", "/api/indicators", "hengrui"),
            ("GET", "/api/indicators/invention_applications/values", "agency"),
            ("PUT", "/api/indicators/invention_applications", "police"),
            ("PUT", "/api/indicators/invention_applications", "lianyun"),
            ("POST", "/api/indicators/recompute", "court"),
            ("POST", "/api/indicators/values/1/review", "police"),
            ("PUT", "/api/indicators/population", "haizhou"),
        ];
        foreach (var (method, path, user) in cases)
        {
            var client = await App.CreateClientAsAsync(user);
            var res = await client.SendAsync(new HttpRequestMessage(new HttpMethod(method), path) { Content = method == "GET" ? null : JsonContent.Create(new { name = "x" }) });
            await res.ShouldBeProblemAsync(HttpStatusCode.Forbidden);
        }
    }

    [Fact]
    public async Task Values_Anonymous_Returns401()
    {
        var res = await App.CreateAnonymousClient().GetAsync("/api/indicators/invention_applications/values");
        res.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task District_SeesOnlyItsOwnRegion()
    {
        await InsertRecordAsync("A", "320703", new(2017, 3, 1));
        await InsertRecordAsync("B", "320706", new(2017, 3, 1));
        var bureau = await App.CreateClientAsAsync("bureau");
        await RecomputeAsync(bureau);
        var lianyun = await App.CreateClientAsAsync("lianyun");

        var own = await JsonAsync(await lianyun.GetAsync("/api/indicators/invention_applications/values?parent=320700&year=2017"));
        own.GetProperty("values").EnumerateArray().Select(v => v.GetProperty("regionCode").GetString()).Distinct().ShouldBe(["320703"]);
        var mine = await JsonAsync(await lianyun.GetAsync("/api/indicators/invention_applications/values"));
        mine.GetProperty("values").EnumerateArray().ShouldAllBe(v => v.GetProperty("regionCode").GetString() == "320703");

        await (await lianyun.GetAsync("/api/indicators/invention_applications/values?region=320706")).ShouldBeProblemAsync(HttpStatusCode.Forbidden);
        await (await lianyun.GetAsync("/api/indicators/invention_applications/values/records?region=320706&year=2017")).ShouldBeProblemAsync(HttpStatusCode.Forbidden);
        await (await lianyun.PostAsJsonAsync("/api/indicators/satisfaction/values", new { regionCode = "320706", year = 2025, value = 90 }))
            .ShouldBeProblemAsync(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task ReportedValue_BureauAcceptsOrReturns_Audited()
    {
        var court = await App.CreateClientAsAsync("court");
        var bad = await (await court.PostAsJsonAsync("/api/indicators/case_closure_rate/values", new { regionCode = "3207", year = 1900, value = -1 }))
            .ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        bad.GetProperty("errors").GetProperty("regionCode")[0].GetString()!.ShouldContain("6 位");
        bad.GetProperty("errors").GetProperty("year")[0].GetString()!.ShouldContain("年份");
        bad.GetProperty("errors").GetProperty("value")[0].GetString()!.ShouldContain("负数");
        await (await court.PostAsJsonAsync("/api/indicators/case_closure_rate/values", new { regionCode = "320700", year = 2025, value = 120 }))
            .ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        await (await court.PostAsJsonAsync("/api/indicators/invention_applications/values", new { regionCode = "320700", year = 2025, value = 12 }))
            .ShouldBeProblemAsync(HttpStatusCode.BadRequest);

        var created = await JsonAsync(await court.PostAsJsonAsync("/api/indicators/case_closure_rate/values",
            new { regionCode = "320700", year = 2025, value = 92.5, note = "全年受理 40 件，结案 37 件" }), HttpStatusCode.Created);
        created.GetProperty("status").GetString().ShouldBe("reported");
        created.GetProperty("reportedUnit").GetString().ShouldBe("连云港市中级人民法院");
        var id = created.GetProperty("id").GetInt64();

        var bureau = await App.CreateClientAsAsync("bureau");
        var noReason = await (await bureau.PostAsJsonAsync($"/api/indicators/values/{id}/review", new { decision = "return" })).ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        noReason.GetProperty("errors").GetProperty("comment")[0].GetString()!.ShouldContain("退回理由");
        var returned = await JsonAsync(await bureau.PostAsJsonAsync($"/api/indicators/values/{id}/review", new { decision = "return", comment = "请附结案清单" }));
        returned.GetProperty("status").GetString().ShouldBe("returned");
        await JsonAsync(await court.PostAsJsonAsync("/api/indicators/case_closure_rate/values", new { regionCode = "320700", year = 2025, value = 92.5 }), HttpStatusCode.Created);
        var accepted = await JsonAsync(await bureau.PostAsJsonAsync($"/api/indicators/values/{id}/review", new { decision = "accept" }));
        accepted.GetProperty("status").GetString().ShouldBe("accepted");
        accepted.GetProperty("value").GetDecimal().ShouldBe(92.5m);
        await (await bureau.PostAsJsonAsync($"/api/indicators/values/{id}/review", new { decision = "accept" })).ShouldBeProblemAsync(HttpStatusCode.Conflict);

        (await App.ScalarAsync<long>("SELECT count(*) FROM audit_log WHERE entity = 'indicator_values'")).ShouldBe(4);
        var values = await JsonAsync(await bureau.GetAsync("/api/indicators/case_closure_rate/values?region=320700&year=2025"));
        ValueOf(values, "320700", 2025).GetProperty("display").GetString().ShouldBe("92.5 %");
    }

    [Fact]
    public async Task ReportedValue_OnlyTheOwningUnitOrTheBureauReports_AndACorrectionWaitsForReview()
    {
        // police does not own the court's closure rate, a district not the financial regulator's pledge amount (issue 18, finding 5)
        var police = await App.CreateClientAsAsync("police");
        (await (await police.PostAsJsonAsync("/api/indicators/case_closure_rate/values", new { regionCode = "320700", year = 2025, value = 90 }))
            .ShouldBeProblemAsync(HttpStatusCode.Forbidden)).GetProperty("detail").GetString()!.ShouldContain("市中级人民法院");
        var lianyun = await App.CreateClientAsAsync("lianyun");
        await (await lianyun.PostAsJsonAsync("/api/indicators/pledge_financing_amount/values", new { regionCode = "320703", year = 2025, value = 1.2 }))
            .ShouldBeProblemAsync(HttpStatusCode.Forbidden);
        (await App.ScalarAsync<long>("SELECT count(*) FROM indicator_values")).ShouldBe(0);

        var court = await App.CreateClientAsAsync("court");
        var bureau = await App.CreateClientAsAsync("bureau");
        var id = (await JsonAsync(await court.PostAsJsonAsync("/api/indicators/case_closure_rate/values", new { regionCode = "320700", year = 2025, value = 92.5 }),
            HttpStatusCode.Created)).GetProperty("id").GetInt64();
        await JsonAsync(await bureau.PostAsJsonAsync($"/api/indicators/values/{id}/review", new { decision = "accept" }));

        // a later report (even the bureau's own) does not replace the accepted value: it waits as a correction
        var pending = await JsonAsync(await court.PostAsJsonAsync("/api/indicators/case_closure_rate/values", new { regionCode = "320700", year = 2025, value = 50, note = "更正" }),
            HttpStatusCode.Created);
        pending.GetProperty("status").GetString().ShouldBe("accepted");
        pending.GetProperty("value").GetDecimal().ShouldBe(92.5m);
        pending.GetProperty("pendingCorrection").GetProperty("value").GetDecimal().ShouldBe(50m);
        var shown = ValueOf(await JsonAsync(await bureau.GetAsync("/api/indicators/case_closure_rate/values?region=320700&year=2025")), "320700", 2025);
        shown.GetProperty("value").GetDecimal().ShouldBe(92.5m);
        // returned: the accepted value stays; accepted: the correction becomes version 2, version 1 kept
        var back = await JsonAsync(await bureau.PostAsJsonAsync($"/api/indicators/values/{id}/review", new { decision = "return", comment = "请附依据" }));
        back.GetProperty("value").GetDecimal().ShouldBe(92.5m);
        back.GetProperty("pendingCorrection").ValueKind.ShouldBe(JsonValueKind.Null);
        await JsonAsync(await bureau.PostAsJsonAsync("/api/indicators/case_closure_rate/values", new { regionCode = "320700", year = 2025, value = 91 }), HttpStatusCode.Created);
        var v2 = await JsonAsync(await bureau.PostAsJsonAsync($"/api/indicators/values/{id}/review", new { decision = "accept" }));
        v2.GetProperty("value").GetDecimal().ShouldBe(91m);
        var versions = await JsonAsync(await bureau.GetAsync($"/api/indicators/values/{id}/versions"));
        versions.EnumerateArray().Select(x => x.GetProperty("value").GetDecimal()).ShouldBe([91m, 92.5m]);
    }

    [Fact]
    public async Task Population_BureauCorrectsFigure_PerCapitaFollowsWithItsBasis()
    {
        await InsertRecordAsync("A", "320703", new(2017, 3, 1));
        var bureau = await App.CreateClientAsAsync("bureau");
        var bad = await (await bureau.PutAsJsonAsync("/api/indicators/population", new { regionCode = "320799", year = 2017, population = 0, basis = "", source = "x" }))
            .ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        bad.GetProperty("errors").GetProperty("population")[0].GetString()!.ShouldContain("正整数");
        bad.GetProperty("errors").GetProperty("basis")[0].GetString()!.ShouldContain("不能为空");
        try
        {
            var saved = await JsonAsync(await bureau.PutAsJsonAsync("/api/indicators/population",
                new { regionCode = "320703", year = 2017, population = 250000, basis = "year-end resident population", source = "连云区统计公报 2017（测试）" }));
            saved.GetProperty("row").GetProperty("regionName").GetString().ShouldBe("连云区");
            await RecomputeAsync(bureau);
            var v = await JsonAsync(await bureau.GetAsync("/api/indicators/invention_applications_per_10k/values?region=320703&year=2017"));
            var value = ValueOf(v, "320703", 2017);
            value.GetProperty("value").GetDecimal().ShouldBe(Math.Round(1m * 10000m / 250000m, 4));
            value.GetProperty("population").GetProperty("year").GetInt32().ShouldBe(2017);
            value.GetProperty("population").GetProperty("source").GetString()!.ShouldContain("测试");
            (await App.ScalarAsync<long>("SELECT count(*) FROM audit_log WHERE entity = 'ref_population'")).ShouldBe(1);
        }
        finally
        {
            await App.ExecuteAsync("DELETE FROM ref_population WHERE region_code = '320703' AND year = 2017");   // reference data outlives the reset
        }
    }
}
