using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Zhichan.Tests.Indicators;
using Zhichan.Tests.Infrastructure;
using Zhichan.Tests.Plans;

namespace Zhichan.Tests.Home;

/// <summary>
/// Issue 20 §2: the cockpit of the bureau, a district and a department — each figure equal to what the API behind its tile
/// answers (the plan's tasks and warnings, the case queues, the review lists, the imports).
/// </summary>
public class CockpitTests(FixedDayFactory app) : IndicatorTestBase<FixedDayFactory>(app)
{
    protected override bool LoadsPlans => true;

    private async Task<long> RegisterCaseAsync(HttpClient bureau, string region, DateOnly receivedOn, string phone)
    {
        var res = await bureau.PostAsJsonAsync("/api/protection/cases", new
        {
            channel = "walk_in", receivedOn, type = "trademark", complainantKind = "person", complainantName = "李小龙", complainantPhone = phone,
            respondentName = "连云港某某商贸有限公司" + phone[^2..], facts = "来访称被投诉人销售侵权商品，现场提交了购买凭证。", regionCode = region,
        });
        res.StatusCode.ShouldBe(HttpStatusCode.Created, await res.Content.ReadAsStringAsync());
        return (await res.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("receiptNumber").GetString() is { } receipt
            ? await App.ScalarAsync<long>("SELECT id FROM complaints WHERE receipt_number = $1", receipt) : 0;
    }

    [Fact]
    public async Task Bureau_SeesThePlanTasksCasesReviewsAndImports_AsThePagesBehindThemDo()
    {
        var bureau = await App.CreateClientAsAsync("bureau");
        var planId = await App.ScalarAsync<long>("SELECT id FROM plans WHERE seed = '001'");
        // received Tue 1 Dec: accepted by Tue 8 Dec, two working days after the fixed Sunday 6 Dec (临期); the other is 超期
        await RegisterCaseAsync(bureau, "320703", new(2026, 12, 1), "13900000001");
        await RegisterCaseAsync(bureau, "320706", new(2026, 11, 2), "13900000002");
        var lianyun = await App.CreateClientAsAsync("lianyun");
        var task = (await JsonAsync(await lianyun.GetAsync("/api/plans/tasks"))).EnumerateArray().First().GetProperty("id").GetInt64();
        await JsonAsync(await lianyun.PostAsJsonAsync($"/api/plans/tasks/{task}/reports", new { period = "2026-Q4", content = "已完成", percent = 100 }), HttpStatusCode.Created);
        await App.ExecuteAsync("""
            INSERT INTO records (record_key, right_type, application_number, application_date, publication_date, title, source_format)
            VALUES ('F1', 'patent_invention', 'F1', '2017-03-01', '2017-09-01', 'x', 'cnipa-csv'), ('F2', 'patent_invention', 'F2', '2017-04-01', '2017-10-20', 'y', 'cnipa-csv')
            """);

        var c = await JsonAsync(await bureau.GetAsync("/api/home/cockpit"));
        c.GetProperty("scope").GetString().ShouldBe("bureau");
        c.GetProperty("scopeName").GetString().ShouldBe("连云港市");
        c.GetProperty("year").GetInt32().ShouldBe(2026);
        var plan = c.GetProperty("plan");
        plan.GetProperty("id").GetInt64().ShouldBe(planId);
        plan.GetProperty("currentPhase").GetString().ShouldBe("检查验收阶段");
        // the plan page's own figures
        var page = await JsonAsync(await bureau.GetAsync($"/api/plans/{planId}"));
        var tasks = page.GetProperty("tasks").EnumerateArray().ToList();
        plan.GetProperty("tasks").GetInt32().ShouldBe(tasks.Count);
        plan.GetProperty("laggingTasks").GetInt32().ShouldBe(tasks.Count(t => t.GetProperty("lagging").GetBoolean()));
        plan.GetProperty("overdueTasks").GetInt32().ShouldBe(tasks.Count(t => t.GetProperty("overdue").GetBoolean()));
        plan.GetProperty("warnings").GetInt32().ShouldBe(page.GetProperty("warnings").GetArrayLength());
        c.GetProperty("goals").GetArrayLength().ShouldBe(page.GetProperty("goals").GetArrayLength());
        c.GetProperty("lateTasks").GetArrayLength().ShouldBe(10);
        c.GetProperty("tasksByUnit")[0].GetProperty("unit").GetString().ShouldBe("连云港市市场监督管理局（知识产权局）");
        // the case queues' counts
        var counts = await JsonAsync(await bureau.GetAsync("/api/protection/cases/counts"));
        var cases = c.GetProperty("cases");
        cases.GetProperty("open").GetInt32().ShouldBe(counts.GetProperty("pending").GetInt32() + counts.GetProperty("active").GetInt32());
        cases.GetProperty("overdue").GetInt32().ShouldBe(counts.GetProperty("overdue").GetInt32());
        cases.GetProperty("dueSoon").GetInt32().ShouldBe(counts.GetProperty("dueSoon").GetInt32());
        cases.GetProperty("dueSoon").GetInt32().ShouldBe(1); // both count on the application's clock, not the machine's
        cases.GetProperty("overdue").GetInt32().ShouldBe(1);
        cases.GetProperty("newComplaints").GetInt32().ShouldBe(1); // received in the last 7 days
        // the review queue
        var pending = await JsonAsync(await bureau.GetAsync("/api/plans/reports?status=submitted"));
        c.GetProperty("reviews").GetProperty("progressReports").GetInt32().ShouldBe(pending.GetArrayLength());
        c.GetProperty("reviews").GetProperty("progressReports").GetInt32().ShouldBe(1);
        // how current the data is
        var fresh = c.GetProperty("freshness").EnumerateArray().Single();
        fresh.GetProperty("sourceName").GetString().ShouldBe("国家知识产权局著录项目 CSV");
        fresh.GetProperty("records").GetInt64().ShouldBe(2);
        fresh.GetProperty("newestDate").GetString().ShouldBe("2017-10-20");
        // districts of 连云港, not yet assessed
        c.GetProperty("districts").EnumerateArray().Select(d => d.GetProperty("name").GetString()).ShouldContain("连云区");
        c.GetProperty("districtsNote").GetString().ShouldBe("尚未开展县区考核");
    }

    [Fact]
    public async Task DistrictAndDepartment_SeeTheirOwnUnit_WithPlaceNames()
    {
        var bureau = await App.CreateClientAsAsync("bureau");
        await RegisterCaseAsync(bureau, "320703", new(2026, 12, 4), "13900000011");
        await RegisterCaseAsync(bureau, "320706", new(2026, 12, 4), "13900000012");
        var lianyun = await App.CreateClientAsAsync("lianyun");
        var d = await JsonAsync(await lianyun.GetAsync("/api/home/cockpit"));
        d.GetProperty("scope").GetString().ShouldBe("district");
        d.GetProperty("scopeName").GetString().ShouldBe("连云区");
        d.GetProperty("cases").GetProperty("open").GetInt32().ShouldBe(1);
        var ownTasks = await JsonAsync(await lianyun.GetAsync("/api/plans/tasks"));
        d.GetProperty("plan").GetProperty("tasks").GetInt32().ShouldBe(ownTasks.GetArrayLength());
        d.GetProperty("imports").GetArrayLength().ShouldBe(0);

        var police = await App.CreateClientAsAsync("police");
        var p = await JsonAsync(await police.GetAsync("/api/home/cockpit"));
        p.GetProperty("scope").GetString().ShouldBe("department");
        p.GetProperty("scopeName").GetString().ShouldBe("连云港市公安局");
        p.GetProperty("plan").GetProperty("tasks").GetInt32().ShouldBe((await JsonAsync(await police.GetAsync("/api/plans/tasks"))).GetArrayLength());
        p.GetProperty("cases").GetProperty("open").GetInt32().ShouldBe(0);

        // an enterprise has no cockpit
        (await (await App.CreateClientAsAsync("hengrui")).GetAsync("/api/home/cockpit")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Bureau_SharesAGoalOutToDistricts_TheDistrictHomeMeasuresItsValueAgainstItsShare()
    {
        var bureau = await App.CreateClientAsAsync("bureau");
        var planId = await App.ScalarAsync<long>("SELECT id FROM plans WHERE seed = '001'");
        var goal = await App.ScalarAsync<long>("SELECT id FROM plan_goals WHERE plan_id = $1 AND indicator_code = 'valid_trademarks'", planId);
        var lianyunUnit = await App.ScalarAsync<long>("SELECT id FROM org_units WHERE region_code = '320703' AND kind = 'district'");
        var police = await App.ScalarAsync<long>("SELECT id FROM org_units WHERE name = '连云港市公安局'");
        await App.ExecuteAsync("""
            INSERT INTO indicator_values (definition_id, region_code, year, value, status)
            SELECT id, '320703', 2026, 4000, 'accepted' FROM indicator_definitions WHERE code = 'valid_trademarks' AND superseded_at IS NULL
            """);

        // only districts of the plan's jurisdiction, only the bureau
        var bad = await (await bureau.PutAsJsonAsync($"/api/plans/goals/{goal}/shares", new { year = 2026, shares = new[] { new { orgUnitId = police, value = 10m } } }))
            .ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        bad.GetProperty("errors").GetProperty("shares")[0].GetString()!.ShouldContain("不是本方案辖区内的县区");
        var lianyun = await App.CreateClientAsAsync("lianyun");
        (await lianyun.PutAsJsonAsync($"/api/plans/goals/{goal}/shares", new { year = 2026, shares = new[] { new { orgUnitId = lianyunUnit, value = 1m } } }))
            .StatusCode.ShouldBe(HttpStatusCode.Forbidden);

        var shares = await JsonAsync(await bureau.PutAsJsonAsync($"/api/plans/goals/{goal}/shares",
            new { year = 2026, shares = new[] { new { orgUnitId = lianyunUnit, value = 5000m } } }));
        shares.GetProperty("sharedTotal").GetDecimal().ShouldBe(5000m);
        var row = shares.GetProperty("units").EnumerateArray().Single(u => u.GetProperty("orgUnitId").GetInt64() == lianyunUnit);
        row.GetProperty("name").GetString().ShouldBe("连云区");
        row.GetProperty("actual").GetDecimal().ShouldBe(4000m);
        row.GetProperty("progress").GetDecimal().ShouldBe(0.8m);
        (await App.ScalarAsync<long>("SELECT count(*) FROM audit_log WHERE entity = 'plan_goal_shares' AND entity_id = $1", goal.ToString())).ShouldBe(1);

        var home = await JsonAsync(await lianyun.GetAsync("/api/home/cockpit"));
        var goals = home.GetProperty("goals").EnumerateArray().ToList();
        var mine = goals.Single(g => g.GetProperty("id").GetInt64() == goal);
        mine.GetProperty("currentValue").GetDecimal().ShouldBe(4000m);
        mine.GetProperty("targets")[0].GetProperty("value").GetDecimal().ShouldBe(5000m);
        mine.GetProperty("progress").GetDecimal().ShouldBe(0.8m);
        goals.Where(g => g.GetProperty("id").GetInt64() != goal && g.GetProperty("currentValue").ValueKind == JsonValueKind.Number)
            .ShouldAllBe(g => g.GetProperty("progressNote").GetString()!.Contains("尚未分解到本单位"));
        home.GetProperty("goalsNote").GetString()!.ShouldContain("1 项已分解到本单位");

        // clearing the share: the goal is no longer shared out
        await JsonAsync(await bureau.PutAsJsonAsync($"/api/plans/goals/{goal}/shares", new { year = 2026, shares = new[] { new { orgUnitId = lianyunUnit, value = (decimal?)null } } }));
        (await JsonAsync(await bureau.GetAsync($"/api/plans/goals/{goal}/shares?year=2026"))).GetProperty("sharedTotal").GetDecimal().ShouldBe(0m);
    }

    [Fact]
    public async Task CaseQueues_CountTheirCases_AndTheActiveQueueDoesNotListRegisteredCases()
    {
        var bureau = await App.CreateClientAsAsync("bureau");
        var registered = await RegisterCaseAsync(bureau, "320703", new(2026, 12, 4), "13900000021");
        var accepted = await RegisterCaseAsync(bureau, "320703", new(2026, 12, 4), "13900000022");
        await JsonAsync(await bureau.PostAsJsonAsync($"/api/protection/cases/{accepted}/transitions", new { action = "accept" }));
        var counts = await JsonAsync(await bureau.GetAsync("/api/protection/cases/counts"));
        counts.GetProperty("all").GetInt32().ShouldBe(2);
        counts.GetProperty("pending").GetInt32().ShouldBe(1);
        counts.GetProperty("active").GetInt32().ShouldBe(1);
        var active = await JsonAsync(await bureau.GetAsync("/api/protection/cases?queue=active"));
        active.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetInt64()).ShouldBe([accepted]);
        active.GetProperty("items").EnumerateArray().ShouldNotContain(i => i.GetProperty("id").GetInt64() == registered);
    }

    [Fact]
    public async Task AuditLogAndCaseTimeline_ShowActionsObjectsAndPeopleInChinese()
    {
        var bureau = await App.CreateClientAsAsync("bureau");
        var id = await RegisterCaseAsync(bureau, "320703", new(2026, 12, 4), "13900000031");
        await JsonAsync(await bureau.PostAsJsonAsync($"/api/protection/cases/{id}/transitions", new { action = "accept" }));
        var timeline = (await JsonAsync(await bureau.GetAsync($"/api/protection/cases/{id}"))).GetProperty("events").EnumerateArray().ToList();
        timeline.ShouldContain(e => e.GetProperty("actorName").GetString() == "市局业务员");
        timeline.ShouldNotContain(e => e.GetProperty("actorName").GetString() == "bureau");
        var admin = await App.CreateClientAsAsync("admin");
        var log = (await JsonAsync(await admin.GetAsync("/api/admin/audit?pageSize=200"))).GetProperty("items").EnumerateArray().ToList();
        var login = log.First(a => a.GetProperty("action").GetString() == "login");
        login.GetProperty("actionName").GetString().ShouldBe("登录");
        login.GetProperty("entityName").GetString().ShouldBe("用户");
        login.GetProperty("actorDisplayName").GetString().ShouldNotBeNullOrEmpty();
        log.Where(a => a.GetProperty("entity").GetString() == "complaints").ShouldAllBe(a => a.GetProperty("entityName").GetString() == "投诉案件");
    }
}
