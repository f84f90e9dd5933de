using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using Zhichan.Tests.Indicators;
using Zhichan.Tests.Infrastructure;

namespace Zhichan.Tests.Plans;

/// <summary>Yearly assessment of the 连云港 districts: automatic scores with reasons, manual scores, ranking, publish/lock, XLSX.</summary>
public class AssessmentTests(ZhichanFactory app) : IndicatorTestBase(app)
{
    protected override bool LoadsPlans => true;

    [Fact]
    public async Task DistrictAssessment_ScoredRankedPublishedAndExported()
    {
        // 2017 invention applications: 东海县 4, 连云区 2, 海州区 1; the other four districts have none
        for (var i = 0; i < 4; i++) await InsertRecordAsync($"DH{i}", "320722", new(2017, 3, 1 + i));
        await InsertRecordAsync("LY1", "320703", new(2017, 3, 1));
        await InsertRecordAsync("LY2", "320703", new(2017, 4, 1), granted: new(2017, 11, 1));
        await InsertRecordAsync("HZ1", "320706", new(2017, 5, 1));
        var bureau = await App.CreateClientAsAsync("bureau");
        await RecomputeAsync(bureau);
        var plan = await App.ScalarAsync<long>("SELECT id FROM plans WHERE seed = '001'");

        // 海州区 reports one of its 19 tasks complete for 2017, accepted by the bureau
        var task = await App.ScalarAsync<long>("SELECT id FROM plan_tasks WHERE plan_id = $1 AND no = '2'", plan);
        var haizhou = await App.CreateClientAsAsync("haizhou");
        var report = await JsonAsync(await haizhou.PostAsJsonAsync($"/api/plans/tasks/{task}/reports", new { period = "2017-H2", content = "已完成", percent = 100 }), HttpStatusCode.Created);
        await JsonAsync(await bureau.PostAsJsonAsync($"/api/plans/reports/{report.GetProperty("id").GetInt64()}/review", new { decision = "accept" }));

        var badWeights = await (await bureau.PostAsJsonAsync($"/api/plans/{plan}/assessments",
            new { year = 2017, items = new[] { new { name = "任务", kind = "tasks", weight = 50, rule = "按进度" } } })).ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        badWeights.GetProperty("errors").GetProperty("items")[0].GetString()!.ShouldContain("合计应为 100");

        var created = await JsonAsync(await bureau.PostAsJsonAsync($"/api/plans/{plan}/assessments", new { year = 2017, targetKind = "district" }), HttpStatusCode.Created);
        var id = created.GetProperty("scheme").GetProperty("id").GetInt64();
        created.GetProperty("ranking").GetArrayLength().ShouldBe(7);                    // the seven districts of 连云港
        await (await bureau.PostAsJsonAsync($"/api/plans/{plan}/assessments", new { year = 2017 })).ShouldBeProblemAsync(HttpStatusCode.Conflict);

        var scored = await JsonAsync(await bureau.PostAsync($"/api/plans/assessments/{id}/score", null));
        var items = scored.GetProperty("items").EnumerateArray().ToList();
        long Item(string name) => items.Single(i => i.GetProperty("name").GetString() == name).GetProperty("id").GetInt64();
        var ranking = scored.GetProperty("ranking").EnumerateArray().ToList();
        JsonElement Row(string unit) => ranking.Single(r => r.GetProperty("unit").GetString() == unit);
        JsonElement Score(string unit, string item) => Row(unit).GetProperty("scores").EnumerateArray().Single(s => s.GetProperty("itemId").GetInt64() == Item(item));

        Score("东海县", "发明专利申请量").GetProperty("score").GetDecimal().ShouldBe(30m);           // best: 4 → full 30
        Score("连云区", "发明专利申请量").GetProperty("score").GetDecimal().ShouldBe(15m);           // 2 / 4 × 30
        Score("海州区", "发明专利申请量").GetProperty("score").GetDecimal().ShouldBe(7.5m);          // 1 / 4 × 30
        Score("连云区", "发明专利申请量").GetProperty("reason").GetString()!.ShouldContain("相对水平");
        Score("灌南县", "发明专利申请量").GetProperty("score").ValueKind.ShouldBe(JsonValueKind.Null);   // no data: not zero, left to the bureau
        Score("灌南县", "发明专利申请量").GetProperty("reason").GetString()!.ShouldContain("无数据");
        Score("连云区", "发明专利授权量").GetProperty("score").GetDecimal().ShouldBe(30m);           // the only grant
        Score("海州区", "重点任务完成情况").GetProperty("score").GetDecimal().ShouldBe(Math.Round(30m / 19m, 2));   // 1 of 19 tasks done
        Score("连云区", "重点任务完成情况").GetProperty("score").GetDecimal().ShouldBe(0m);
        Score("海州区", "重点任务完成情况").GetProperty("reason").GetString()!.ShouldContain("承担任务 19 项");

        var noReason = await (await bureau.PutAsJsonAsync($"/api/plans/assessments/{id}/scores", new { itemId = Item("加分项"), orgUnitId = Row("海州区").GetProperty("orgUnitId").GetInt64(), score = 3 }))
            .ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        noReason.GetProperty("errors").GetProperty("reason")[0].GetString()!.ShouldContain("评分理由");
        var tooMuch = await (await bureau.PutAsJsonAsync($"/api/plans/assessments/{id}/scores",
            new { itemId = Item("加分项"), orgUnitId = Row("海州区").GetProperty("orgUnitId").GetInt64(), score = 12, reason = "x" })).ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        tooMuch.GetProperty("errors").GetProperty("score")[0].GetString()!.ShouldContain("0 至 10");
        await JsonAsync(await bureau.PutAsJsonAsync($"/api/plans/assessments/{id}/scores",
            new { itemId = Item("加分项"), orgUnitId = Row("海州区").GetProperty("orgUnitId").GetInt64(), score = 5, reason = "获评省知识产权强县工程示范县" }));
        await JsonAsync(await bureau.PutAsJsonAsync($"/api/plans/assessments/{id}/scores",
            new { itemId = Item("扣分项"), orgUnitId = Row("东海县").GetProperty("orgUnitId").GetInt64(), score = -2, reason = "督查通报批评一次" }));
        // a manual score survives automatic re-scoring
        var manual = await JsonAsync(await bureau.PutAsJsonAsync($"/api/plans/assessments/{id}/scores",
            new { itemId = Item("发明专利申请量"), orgUnitId = Row("灌南县").GetProperty("orgUnitId").GetInt64(), score = 10, reason = "据县局报送的 2017 年统计数据人工评分" }));
        var rescored = await JsonAsync(await bureau.PostAsync($"/api/plans/assessments/{id}/score", null));
        var final = rescored.GetProperty("ranking").EnumerateArray().ToList();
        final.Select(r => r.GetProperty("unit").GetString()).Take(4).ShouldBe(["连云区", "东海县", "海州区", "灌南县"]);   // 45, 30-2=28, 7.5+1.58+5=14.08, 10
        final.Single(r => r.GetProperty("unit").GetString() == "连云区").GetProperty("total").GetDecimal().ShouldBe(45m);
        final.Single(r => r.GetProperty("unit").GetString() == "东海县").GetProperty("total").GetDecimal().ShouldBe(28m);
        final.Single(r => r.GetProperty("unit").GetString() == "海州区").GetProperty("total").GetDecimal().ShouldBe(Math.Round(7.5m + Math.Round(30m / 19m, 2) + 5m, 2));
        final.Single(r => r.GetProperty("unit").GetString() == "灌南县").GetProperty("total").GetDecimal().ShouldBe(10m);
        final[0].GetProperty("rank").GetInt32().ShouldBe(1);
        manual.GetProperty("scheme").GetProperty("status").GetString().ShouldBe("draft");

        // districts see nothing before publication, then only their own row
        var lianyun = await App.CreateClientAsAsync("lianyun");
        await (await lianyun.GetAsync($"/api/plans/assessments/{id}")).ShouldBeProblemAsync(HttpStatusCode.NotFound);
        await JsonAsync(await bureau.PostAsync($"/api/plans/assessments/{id}/publish", null));
        var own = await JsonAsync(await lianyun.GetAsync($"/api/plans/assessments/{id}"));
        own.GetProperty("ranking").EnumerateArray().Single().GetProperty("unit").GetString().ShouldBe("连云区");
        own.GetProperty("ranking")[0].GetProperty("rank").GetInt32().ShouldBe(1);

        // locked
        await (await bureau.PostAsync($"/api/plans/assessments/{id}/score", null)).ShouldBeProblemAsync(HttpStatusCode.Conflict);
        await (await bureau.PutAsJsonAsync($"/api/plans/assessments/{id}/scores",
            new { itemId = Item("加分项"), orgUnitId = Row("连云区").GetProperty("orgUnitId").GetInt64(), score = 1, reason = "x" })).ShouldBeProblemAsync(HttpStatusCode.Conflict);

        var xlsx = await bureau.GetAsync($"/api/plans/assessments/{id}/export");
        xlsx.StatusCode.ShouldBe(HttpStatusCode.OK);
        xlsx.Content.Headers.ContentType!.MediaType.ShouldBe("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
        using var doc = SpreadsheetDocument.Open(new MemoryStream(await xlsx.Content.ReadAsByteArrayAsync()), false);
        var sheets = doc.WorkbookPart!.Workbook.Sheets!.Elements<Sheet>().Select(s => s.Name!.Value).ToList();
        sheets.ShouldBe(["排名", "评分依据", "考核项"]);
        var first = (WorksheetPart)doc.WorkbookPart.GetPartById(doc.WorkbookPart.Workbook.Sheets!.Elements<Sheet>().First().Id!);
        var rows = first.Worksheet.Descendants<Row>().ToList();
        rows[2].Descendants<Cell>().Select(c => c.InnerText).Take(2).ShouldBe(["1", "连云区"]);
        (await App.ScalarAsync<long>("SELECT count(*) FROM audit_log WHERE entity IN ('assessment_schemes','assessment_scores')")).ShouldBe(8);   // create, auto score, 3 manual scores, auto score, publish, export
    }

    [Fact]
    public async Task DepartmentAssessment_ScoresTaskCompletionOfTheUnitsThePlanNames()
    {
        var bureau = await App.CreateClientAsAsync("bureau");
        var plan = await App.ScalarAsync<long>("SELECT id FROM plans WHERE seed = '001'");
        var police = await App.ScalarAsync<long>("SELECT id FROM org_units WHERE name = '连云港市公安局'");
        var task = await App.ScalarAsync<long>("""
            SELECT t.id FROM plan_tasks t JOIN plan_task_units tu ON tu.task_id = t.id JOIN plan_units u ON u.id = tu.unit_id
            WHERE t.plan_id = $1 AND u.org_unit_id = $2 ORDER BY t.seq LIMIT 1
            """, plan, police);
        var policeClient = await App.CreateClientAsAsync("police");
        var report = await JsonAsync(await policeClient.PostAsJsonAsync($"/api/plans/tasks/{task}/reports", new { period = "2025-Q4", content = "全年任务完成", percent = 100 }), HttpStatusCode.Created);
        await JsonAsync(await bureau.PostAsJsonAsync($"/api/plans/reports/{report.GetProperty("id").GetInt64()}/review", new { decision = "accept" }));

        var created = await JsonAsync(await bureau.PostAsJsonAsync($"/api/plans/{plan}/assessments", new { year = 2025, targetKind = "department" }), HttpStatusCode.Created);
        var id = created.GetProperty("scheme").GetProperty("id").GetInt64();
        var scored = await JsonAsync(await bureau.PostAsync($"/api/plans/assessments/{id}/score", null));
        var row = scored.GetProperty("ranking").EnumerateArray().Single(r => r.GetProperty("orgUnitId").GetInt64() == police);
        var tasks = await App.ScalarAsync<long>("""
            SELECT count(DISTINCT tu.task_id) FROM plan_task_units tu JOIN plan_units u ON u.id = tu.unit_id WHERE u.plan_id = $1 AND u.org_unit_id = $2
            """, plan, police);
        row.GetProperty("total").GetDecimal().ShouldBe(Math.Round(90m / tasks, 2));   // one of its tasks done
        row.GetProperty("rank").GetInt32().ShouldBe(1);
        scored.GetProperty("ranking").EnumerateArray().ShouldContain(r => r.GetProperty("unit").GetString() == "连云港市中级人民法院");
    }
}
