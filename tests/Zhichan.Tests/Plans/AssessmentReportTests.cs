using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Zhichan.Tests.Indicators;
using Zhichan.Tests.Infrastructure;

namespace Zhichan.Tests.Plans;

/// <summary>
/// The printable assessment report (HTML and PDF via headless Chromium) of the seeded 连云港 plan, role limits, the 503 when
/// Chromium is missing; and the assessment of custom units (ranking of units made of several regions).
/// </summary>
public class AssessmentReportTests(ZhichanFactory app) : IndicatorTestBase(app)
{
    protected override bool LoadsPlans => true;

    private async Task<(HttpClient Bureau, long Plan, long District, long Department)> ArrangeAsync()
    {
        for (var i = 0; i < 4; i++) await InsertRecordAsync($"DH{i}", "320722", new(2017, 3, 1 + i));
        await InsertRecordAsync("LY1", "320703", new(2017, 3, 1));
        await InsertRecordAsync("LY2", "320703", new(2017, 4, 1), granted: new(2017, 11, 1));
        await InsertRecordAsync("HZ1", "320706", new(2017, 5, 1));
        var bureau = await App.CreateClientAsAsync("bureau");
        await RecomputeAsync(bureau);
        var plan = await App.ScalarAsync<long>("SELECT id FROM plans WHERE seed = '001'");
        var d = await JsonAsync(await bureau.PostAsJsonAsync($"/api/plans/{plan}/assessments", new { year = 2017, targetKind = "district" }), HttpStatusCode.Created);
        var district = d.GetProperty("scheme").GetProperty("id").GetInt64();
        await JsonAsync(await bureau.PostAsync($"/api/plans/assessments/{district}/score", null));
        var dep = await JsonAsync(await bureau.PostAsJsonAsync($"/api/plans/{plan}/assessments", new { year = 2017, targetKind = "department" }), HttpStatusCode.Created);
        var department = dep.GetProperty("scheme").GetProperty("id").GetInt64();
        await JsonAsync(await bureau.PostAsync($"/api/plans/assessments/{department}/score", null));
        return (bureau, plan, district, department);
    }

    [Fact]
    public async Task Report_HtmlAndPdf_ForTheSeededPlan_WithRankingsReasonsAndRoleLimits()
    {
        var (bureau, _, district, _) = await ArrangeAsync();
        var html = await bureau.GetAsync($"/api/plans/assessments/{district}/report.html");
        html.StatusCode.ShouldBe(HttpStatusCode.OK);
        html.Content.Headers.ContentType!.MediaType.ShouldBe("text/html");
        var text = await html.Content.ReadAsStringAsync();
        text.ShouldContain("连云港市国家知识产权强市建设试点城市工作方案(2024—2026年)");
        text.ShouldContain("2017 年度考核报告");
        text.ShouldContain("县区排名");
        text.ShouldContain("成员单位排名");                          // the department scheme of the same plan and year
        text.ShouldContain("东海县");
        text.ShouldContain("相对水平");                              // a reason of an automatic score
        text.ShouldContain("无数据，未自动计分");
        text.ShouldContain("草稿");
        text.ShouldContain("生成时间");
        text.ShouldContain("发明专利申请量");
        text.IndexOf("东海县", StringComparison.Ordinal).ShouldBeLessThan(text.IndexOf("海州区", StringComparison.Ordinal));   // ranked first

        var pdf = await bureau.GetAsync($"/api/plans/assessments/{district}/report.pdf");
        pdf.StatusCode.ShouldBe(HttpStatusCode.OK, await pdf.Content.ReadAsStringAsync());
        pdf.Content.Headers.ContentType!.MediaType.ShouldBe("application/pdf");
        var bytes = await pdf.Content.ReadAsByteArrayAsync();
        System.Text.Encoding.ASCII.GetString(bytes, 0, 5).ShouldBe("%PDF-");
        bytes.Length.ShouldBeGreaterThan(20_000);                 // tables and embedded CJK glyphs
        bytes.Length.ShouldBeLessThan(5_000_000);
        var dir = Path.Combine(TestData.RepoRoot, "artifacts", "screenshots");
        Directory.CreateDirectory(dir);
        await File.WriteAllBytesAsync(Path.Combine(dir, "assessment-report.pdf"), bytes);
        await File.WriteAllTextAsync(Path.Combine(dir, "assessment-report.html"), text);
        (await App.ScalarAsync<long>("SELECT count(*) FROM audit_log WHERE entity = 'assessment_schemes' AND action = 'print'")).ShouldBe(1);

        // roles: no enterprise; a district sees nothing before publication, then its own row only
        await (await (await App.CreateClientAsAsync("hengrui")).GetAsync($"/api/plans/assessments/{district}/report.pdf")).ShouldBeProblemAsync(HttpStatusCode.Forbidden);
        await (await (await App.CreateClientAsAsync("hengrui")).GetAsync($"/api/plans/assessments/{district}/report.html")).ShouldBeProblemAsync(HttpStatusCode.Forbidden);
        var haizhou = await App.CreateClientAsAsync("haizhou");
        await (await haizhou.GetAsync($"/api/plans/assessments/{district}/report.html")).ShouldBeProblemAsync(HttpStatusCode.NotFound);
        await JsonAsync(await bureau.PostAsync($"/api/plans/assessments/{district}/publish", null));
        var own = await (await haizhou.GetAsync($"/api/plans/assessments/{district}/report.html")).Content.ReadAsStringAsync();
        own.ShouldContain("海州区");
        own.ShouldContain("已发布并锁定");
        own.ShouldNotContain("东海县");
        own.ShouldNotContain("成员单位排名");                        // the department scheme is still a draft
        var anon = App.CreateClient();
        (await anon.GetAsync($"/api/plans/assessments/{district}/report.pdf")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task PublicResults_OnThePortal_OnlyPublishedOnes_EveryUnitsRow_UntilWithdrawn()
    {
        var (bureau, _, district, department) = await ArrangeAsync();
        var anonymous = App.CreateClient();
        // a draft cannot be made public; a district cannot make anything public
        (await (await bureau.PutAsJsonAsync($"/api/plans/assessments/{district}/public", new { @public = true })).ShouldBeProblemAsync(HttpStatusCode.Conflict))
            .GetProperty("detail").GetString()!.ShouldContain("须先发布并锁定");
        await JsonAsync(await bureau.PostAsync($"/api/plans/assessments/{district}/publish", null));
        await (await (await App.CreateClientAsAsync("haizhou")).PutAsJsonAsync($"/api/plans/assessments/{district}/public", new { @public = true }))
            .ShouldBeProblemAsync(HttpStatusCode.Forbidden);
        await (await anonymous.GetAsync($"/api/public/portal/reports/assessment/{district}")).ShouldBeProblemAsync(HttpStatusCode.NotFound);

        var made = await JsonAsync(await bureau.PutAsJsonAsync($"/api/plans/assessments/{district}/public", new { @public = true }));
        made.GetProperty("scheme").GetProperty("publicAt").ValueKind.ShouldBe(JsonValueKind.String);
        var listed = (await JsonAsync(await anonymous.GetAsync("/api/public/portal/reports?kind=assessment"))).GetProperty("items").EnumerateArray().Single();
        listed.GetProperty("id").GetInt64().ShouldBe(district);
        listed.GetProperty("title").GetString().ShouldBe("连云港市国家知识产权强市建设试点城市工作方案(2024—2026年) 2017 年度考核结果");
        listed.GetProperty("subtitle").GetString().ShouldBe("年度考核 · 县区考核");

        // the public page: every district's row (not one district's view), no draft scheme of the same year
        var page = await anonymous.GetAsync($"/api/public/portal/reports/assessment/{district}");
        page.StatusCode.ShouldBe(HttpStatusCode.OK);
        page.Content.Headers.ContentType!.MediaType.ShouldBe("text/html");
        var html = await page.Content.ReadAsStringAsync();
        html.ShouldContain("东海县");
        html.ShouldContain("海州区");
        html.ShouldContain("已发布并锁定");
        html.ShouldContain("本报告为向社会公开的考核结果");
        html.ShouldNotContain("成员单位排名");                                   // the department scheme is a draft
        var pdf = await anonymous.GetAsync($"/api/public/portal/reports/assessment/{district}?format=pdf");
        pdf.StatusCode.ShouldBe(HttpStatusCode.OK, await pdf.Content.ReadAsStringAsync());
        System.Text.Encoding.ASCII.GetString(await pdf.Content.ReadAsByteArrayAsync(), 0, 5).ShouldBe("%PDF-");

        // once the department results are public too, the page shows both (the rendered copy follows the set of public schemes)
        await JsonAsync(await bureau.PostAsync($"/api/plans/assessments/{department}/publish", null));
        await JsonAsync(await bureau.PutAsJsonAsync($"/api/plans/assessments/{department}/public", new { @public = true }));
        (await (await anonymous.GetAsync($"/api/public/portal/reports/assessment/{district}")).Content.ReadAsStringAsync()).ShouldContain("成员单位排名");

        await JsonAsync(await bureau.PutAsJsonAsync($"/api/plans/assessments/{district}/public", new { @public = false }));
        await (await anonymous.GetAsync($"/api/public/portal/reports/assessment/{district}")).ShouldBeProblemAsync(HttpStatusCode.NotFound);
        (await App.ScalarAsync<long>($"SELECT count(*) FROM audit_log WHERE entity = 'assessment_schemes' AND entity_id = '{district}' AND action IN ('publish', 'unpublish')"))
            .ShouldBe(3);                                                        // published, made public, withdrawn
    }

    [Fact]
    public async Task Pdf_WithoutChromium_IsA503InChinese()
    {
        var (_, _, district, _) = await ArrangeAsync();
        // the same database, served by a host whose settings name a Chromium that does not exist (settings are read once at start)
        await using var noChromium = App.WithWebHostBuilder(b => b.UseSetting("ZHICHAN_CHROMIUM", "/nonexistent/chromium"));
        var bureau = await ZhichanFactory.SignInAsync(noChromium, "bureau");
        var p = await (await bureau.GetAsync($"/api/plans/assessments/{district}/report.pdf")).ShouldBeProblemAsync(HttpStatusCode.ServiceUnavailable);
        p.GetProperty("detail").GetString()!.ShouldContain("未找到 Chromium");
        (await bureau.GetAsync($"/api/plans/assessments/{district}/report.html")).StatusCode.ShouldBe(HttpStatusCode.OK);   // the preview still works
    }

    [Fact]
    public async Task CustomUnits_AreAssessedAndRanked()
    {
        var (bureau, plan, _, _) = await ArrangeAsync();
        async Task<long> Unit(string name, params string[] members) =>
            (await JsonAsync(await bureau.PostAsJsonAsync("/api/indicators/units", new { name, memberCodes = members }), HttpStatusCode.Created))
            .GetProperty("unit").GetProperty("id").GetInt64();
        var coast = await Unit("沿海片区", "320703", "320706");        // applications 2 + 1, one grant
        var inland = await Unit("东海灌南片区", "320722", "320724");  // applications 4
        await RecomputeAsync(bureau);

        var bad = await (await bureau.PostAsJsonAsync($"/api/plans/{plan}/assessments", new
        {
            year = 2017, targetKind = "custom",
            items = new[] { new { name = "任务", kind = "tasks", weight = 100, indicatorCode = (string?)null, rule = "按进度" } },
        })).ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        bad.GetProperty("errors").GetProperty("items[0].kind")[0].GetString()!.ShouldContain("不承担任务");

        var created = await JsonAsync(await bureau.PostAsJsonAsync($"/api/plans/{plan}/assessments", new { year = 2017, targetKind = "custom" }), HttpStatusCode.Created);
        var id = created.GetProperty("scheme").GetProperty("id").GetInt64();
        var scored = await JsonAsync(await bureau.PostAsync($"/api/plans/assessments/{id}/score", null));
        var items = scored.GetProperty("items").EnumerateArray().ToList();
        long Item(string name) => items.Single(i => i.GetProperty("name").GetString() == name).GetProperty("id").GetInt64();
        var ranking = scored.GetProperty("ranking").EnumerateArray().ToList();
        ranking.Count.ShouldBe(2);
        JsonElement Score(long unit, string item) => ranking.Single(r => r.GetProperty("orgUnitId").GetInt64() == unit).GetProperty("scores").EnumerateArray()
            .Single(s => s.GetProperty("itemId").GetInt64() == Item(item));
        Score(inland, "发明专利申请量").GetProperty("score").GetDecimal().ShouldBe(40m);                 // best: 4
        Score(coast, "发明专利申请量").GetProperty("score").GetDecimal().ShouldBe(30m);                  // 3 / 4 × 40
        Score(coast, "发明专利授权量").GetProperty("score").GetDecimal().ShouldBe(40m);
        Score(inland, "发明专利授权量").GetProperty("score").ValueKind.ShouldBe(JsonValueKind.Null);    // no grant value: left to the bureau
        ranking[0].GetProperty("unit").GetString().ShouldBe("沿海片区");
        ranking[0].GetProperty("memberCodes").EnumerateArray().Select(m => m.GetString()).ShouldBe(["320703", "320706"]);

        // manual score for a custom unit, then the report shows the units with their members
        await JsonAsync(await bureau.PutAsJsonAsync($"/api/plans/assessments/{id}/scores", new { itemId = Item("加分项"), orgUnitId = inland, score = 15, reason = "获省级知识产权示范园区" }));
        var after = await JsonAsync(await bureau.GetAsync($"/api/plans/assessments/{id}"));
        var inlandRow = after.GetProperty("ranking").EnumerateArray().Single(r => r.GetProperty("orgUnitId").GetInt64() == inland);
        inlandRow.GetProperty("total").GetDecimal().ShouldBe(55m);                                   // 40 + 15; 沿海片区 30 + 40 = 70
        inlandRow.GetProperty("rank").GetInt32().ShouldBe(2);
        var html = await (await bureau.GetAsync($"/api/plans/assessments/{id}/report.html")).Content.ReadAsStringAsync();
        html.ShouldContain("自定义考核单元排名");
        html.ShouldContain("连云区、海州区");
        html.ShouldContain("获省级知识产权示范园区");

        // a district sees a published custom assessment's units its region belongs to
        await JsonAsync(await bureau.PostAsync($"/api/plans/assessments/{id}/publish", null));
        var seen = await JsonAsync(await (await App.CreateClientAsAsync("haizhou")).GetAsync($"/api/plans/assessments/{id}"));
        seen.GetProperty("ranking").EnumerateArray().Select(r => r.GetProperty("unit").GetString()).ShouldBe(["沿海片区"]);
    }
}
