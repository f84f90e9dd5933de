using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Zhichan.Tests.Indicators;
using Zhichan.Tests.Infrastructure;

namespace Zhichan.Tests.Plans;

/// <summary>Demo plans, tasks by unit, the progress → review flow, warnings, supervision notices and role limits.</summary>
public class PlanTests(ZhichanFactory app) : IndicatorTestBase(app)
{
    protected override bool LoadsPlans => true;

    private async Task<long> PlanIdAsync(string seed) => await App.ScalarAsync<long>("SELECT id FROM plans WHERE seed = $1", seed);
    private async Task<long> OrgAsync(string name) => await App.ScalarAsync<long>("SELECT id FROM org_units WHERE name = $1", name);

    private async Task<long> CreateTaskAsync(HttpClient bureau, long planId, string title, long lead, DateOnly? deadline = null)
    {
        var t = await JsonAsync(await bureau.PostAsJsonAsync($"/api/plans/{planId}/tasks", new { title, leadOrgUnitIds = new[] { lead }, deadline }), HttpStatusCode.Created);
        return t.GetProperty("id").GetInt64();
    }

    [Fact]
    public async Task SeedPlans_LoadedWithPhasesGoalsTasksAndLinkedUnits()
    {
        var bureau = await App.CreateClientAsAsync("bureau");
        var plans = await JsonAsync(await bureau.GetAsync("/api/plans"));
        plans.GetArrayLength().ShouldBe(5);
        // the bureau's own jurisdiction first (连云港 001), then the reference plans of other jurisdictions, ended ones last
        plans.EnumerateArray().Select(p => p.GetProperty("seed").GetString()).ShouldBe(["001", "000", "002", "003", "004"]);
        plans[0].GetProperty("ownJurisdiction").GetBoolean().ShouldBeTrue();
        plans.EnumerateArray().Skip(1).ShouldAllBe(p => !p.GetProperty("ownJurisdiction").GetBoolean());

        var plan = await JsonAsync(await bureau.GetAsync($"/api/plans/{await PlanIdAsync("001")}"));
        plan.GetProperty("summary").GetProperty("title").GetString().ShouldBe("连云港市国家知识产权强市建设试点城市工作方案(2024—2026年)");
        var phases = plan.GetProperty("phases").EnumerateArray().ToList();
        phases.Select(p => p.GetProperty("name").GetString()).ShouldBe(["宣传发动阶段", "组织实施阶段", "评估整改阶段", "检查验收阶段"]);
        phases[0].GetProperty("startDate").GetString().ShouldBe("2024-06-01");
        phases[0].GetProperty("endDate").GetString().ShouldBe("2024-10-31");
        plan.GetProperty("goals").GetArrayLength().ShouldBe(14);
        plan.GetProperty("goals").EnumerateArray().First(g => g.GetProperty("indicatorCode").GetString() == "invention_grants")
            .GetProperty("targets")[0].GetProperty("value").GetDecimal().ShouldBe(5000m);
        var tasks = plan.GetProperty("tasks").EnumerateArray().ToList();
        tasks.Count.ShouldBe(19);
        var lead = tasks[0].GetProperty("units").EnumerateArray().First(u => u.GetProperty("role").GetString() == "lead");
        lead.GetProperty("name").GetString().ShouldBe("连云港市市场监督管理局（知识产权局）");   // 市市场监管局<市知识产权局> linked to the demo bureau
        plan.GetProperty("tasksByLeadUnit").EnumerateArray().ShouldContain(u => u.GetProperty("unit").GetString() == "连云港市公安局");
        (await App.ScalarAsync<long>("SELECT count(*) FROM org_units WHERE name = '连云港市农业农村局' AND kind = 'department'")).ShouldBe(1);   // created
        (await App.ScalarAsync<long>("SELECT count(*) FROM org_units WHERE name = '西安市工商局'")).ShouldBe(1);

        // a second start changes nothing
        await InitializeAsyncAgainWithoutResetAsync();
        (await App.ScalarAsync<long>("SELECT count(*) FROM plans")).ShouldBe(5);
    }

    private async Task InitializeAsyncAgainWithoutResetAsync()
    {
        foreach (var task in App.Services.GetServices<Zhichan.Api.Platform.IStartupTask>().Where(t => t is Zhichan.Api.Features.Plans.PlanSeedLoader))
            await task.RunAsync(CancellationToken.None);
    }

    [Fact]
    public async Task District_SeesOnlyItsOwnTasks_AndCannotReportOnOthers()
    {
        var bureau = await App.CreateClientAsAsync("bureau");
        var plan = await PlanIdAsync("001");
        var haizhouTask = await CreateTaskAsync(bureau, plan, "海州区专项任务", await OrgAsync("海州区"));

        var haizhou = await App.CreateClientAsAsync("haizhou");
        var lianyun = await App.CreateClientAsAsync("lianyun");
        var hTasks = await JsonAsync(await haizhou.GetAsync("/api/plans/tasks"));
        hTasks.EnumerateArray().ShouldContain(t => t.GetProperty("id").GetInt64() == haizhouTask);
        var lTasks = await JsonAsync(await lianyun.GetAsync("/api/plans/tasks"));
        lTasks.EnumerateArray().ShouldNotContain(t => t.GetProperty("id").GetInt64() == haizhouTask);
        lTasks.GetArrayLength().ShouldBe(19);                                   // 001's tasks given to 各县区政府/功能板块管委会
        lTasks.EnumerateArray().ShouldAllBe(t => t.GetProperty("planId").GetInt64() == plan);   // nothing of 西安, 巴中 …
        var lPlan = await JsonAsync(await lianyun.GetAsync($"/api/plans/{plan}"));
        lPlan.GetProperty("tasks").EnumerateArray().ShouldNotContain(t => t.GetProperty("id").GetInt64() == haizhouTask);

        await (await lianyun.PostAsJsonAsync($"/api/plans/tasks/{haizhouTask}/reports", new { period = "2025-Q1", content = "x", percent = 10 }))
            .ShouldBeProblemAsync(HttpStatusCode.Forbidden);
        await (await lianyun.GetAsync($"/api/plans/tasks/{haizhouTask}/reports")).ShouldBeProblemAsync(HttpStatusCode.Forbidden);
        await JsonAsync(await haizhou.PostAsJsonAsync($"/api/plans/tasks/{haizhouTask}/reports", new { period = "2025-Q1", content = "已完成摸底", percent = 30 }),
            HttpStatusCode.Created);
    }

    [Fact]
    public async Task SharedTask_EachDistrictReadsOnlyItsOwnReports_TheBureauAll()
    {
        var lianyun = await App.CreateClientAsAsync("lianyun");
        var haizhou = await App.CreateClientAsAsync("haizhou");
        // a task of 各县区政府: both districts carry it
        var shared = (await JsonAsync(await lianyun.GetAsync("/api/plans/tasks"))).EnumerateArray().First().GetProperty("id").GetInt64();
        (await JsonAsync(await haizhou.GetAsync("/api/plans/tasks"))).EnumerateArray().ShouldContain(t => t.GetProperty("id").GetInt64() == shared);
        await JsonAsync(await haizhou.PostAsJsonAsync($"/api/plans/tasks/{shared}/reports", new { period = "2025-Q3", content = "海州区内部进展：已约谈三家企业", percent = 40 }),
            HttpStatusCode.Created);
        await JsonAsync(await lianyun.PostAsJsonAsync($"/api/plans/tasks/{shared}/reports", new { period = "2025-Q3", content = "连云区进展", percent = 20 }),
            HttpStatusCode.Created);
        var seenByLianyun = await (await lianyun.GetAsync($"/api/plans/tasks/{shared}/reports")).Content.ReadAsStringAsync();
        seenByLianyun.ShouldContain("连云区进展");
        seenByLianyun.ShouldNotContain("海州区内部进展");
        var bureau = await App.CreateClientAsAsync("bureau");
        (await JsonAsync(await bureau.GetAsync($"/api/plans/tasks/{shared}/reports"))).GetArrayLength().ShouldBe(2);
    }

    [Fact]
    public async Task Department_SubmitsProgress_BureauReturnsThenAccepts()
    {
        var bureau = await App.CreateClientAsAsync("bureau");
        var plan = await PlanIdAsync("001");
        var task = await CreateTaskAsync(bureau, plan, "打击侵权假冒专项行动", await OrgAsync("连云港市公安局"));
        var police = await App.CreateClientAsAsync("police");
        var court = await App.CreateClientAsAsync("court");

        var bad = await (await police.PostAsJsonAsync($"/api/plans/tasks/{task}/reports", new { period = "2025年", content = "", percent = 120 }))
            .ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        bad.GetProperty("errors").GetProperty("period")[0].GetString()!.ShouldContain("报告期格式");
        bad.GetProperty("errors").GetProperty("content")[0].GetString()!.ShouldContain("不能为空");
        bad.GetProperty("errors").GetProperty("percent")[0].GetString()!.ShouldContain("0 至 100");
        await (await court.PostAsJsonAsync($"/api/plans/tasks/{task}/reports", new { period = "2025-Q2", content = "x", percent = 10 }))
            .ShouldBeProblemAsync(HttpStatusCode.Forbidden);
        await (await police.PostAsJsonAsync("/api/plans/tasks/999999/reports", new { period = "2025-Q2", content = "x", percent = 10 }))
            .ShouldBeProblemAsync(HttpStatusCode.NotFound);

        var report = await JsonAsync(await police.PostAsJsonAsync($"/api/plans/tasks/{task}/reports",
            new { period = "2025-Q2", content = "破获侵犯商标权案件 12 起", percent = 60, indicatorValues = new[] { new { code = "case_closure_rate", regionCode = "320700", year = 2025, value = 90 } } }),
            HttpStatusCode.Created);
        report.GetProperty("status").GetString().ShouldBe("submitted");
        report.GetProperty("orgUnitName").GetString().ShouldBe("连云港市公安局");
        var id = report.GetProperty("id").GetInt64();

        await (await police.PostAsJsonAsync($"/api/plans/reports/{id}/review", new { decision = "accept" })).ShouldBeProblemAsync(HttpStatusCode.Forbidden);
        var noReason = await (await bureau.PostAsJsonAsync($"/api/plans/reports/{id}/review", new { decision = "return" })).ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        noReason.GetProperty("errors").GetProperty("comment")[0].GetString()!.ShouldContain("退回理由");
        var returned = await JsonAsync(await bureau.PostAsJsonAsync($"/api/plans/reports/{id}/review", new { decision = "return", comment = "请补充案件清单" }));
        returned.GetProperty("status").GetString().ShouldBe("returned");
        await (await bureau.PostAsJsonAsync($"/api/plans/reports/{id}/review", new { decision = "accept" })).ShouldBeProblemAsync(HttpStatusCode.Conflict);

        var second = await JsonAsync(await police.PostAsJsonAsync($"/api/plans/tasks/{task}/reports", new { period = "2025-Q2", content = "补充：案件清单 12 起", percent = 100 }),
            HttpStatusCode.Created);
        var queue = await JsonAsync(await bureau.GetAsync("/api/plans/reports?status=submitted"));
        queue.EnumerateArray().Select(r => r.GetProperty("id").GetInt64()).ShouldBe([second.GetProperty("id").GetInt64()]);
        await JsonAsync(await bureau.PostAsJsonAsync($"/api/plans/reports/{second.GetProperty("id").GetInt64()}/review", new { decision = "accept", comment = "同意" }));

        var tasks = await JsonAsync(await police.GetAsync($"/api/plans/tasks?planId={plan}&status=completed"));
        tasks.EnumerateArray().Single(t => t.GetProperty("id").GetInt64() == task).GetProperty("progress").GetInt32().ShouldBe(100);
        (await App.ScalarAsync<long>("SELECT count(*) FROM audit_log WHERE entity = 'progress_reports'")).ShouldBe(4);   // 2 submissions, 2 reviews
        var mine = await JsonAsync(await court.GetAsync("/api/plans/reports"));
        mine.GetArrayLength().ShouldBe(0);                                                                                 // not the court's reports
    }

    [Fact]
    public async Task Warnings_OverdueTaskAndGoalProjectedToMiss()
    {
        var bureau = await App.CreateClientAsAsync("bureau");
        var plan = await PlanIdAsync("001");
        var task = await CreateTaskAsync(bureau, plan, "建设知识产权保护中心", await OrgAsync("连云港市科学技术局"), deadline: new DateOnly(2025, 3, 31));
        var onTime = await CreateTaskAsync(bureau, plan, "未来任务", await OrgAsync("连云港市科学技术局"), deadline: new DateOnly(2099, 3, 31));
        // 有效注册商标量 (target 135000 in 2026): reported 100000 (2024) and 110000 (2025) → trend gives 120000 in 2026
        await App.ExecuteAsync("""
            INSERT INTO indicator_values (definition_id, region_code, year, value, status)
            SELECT id, '320700', y, v, 'accepted' FROM indicator_definitions, (VALUES (2024, 100000), (2025, 110000)) x(y, v)
            WHERE code = 'valid_trademarks' AND superseded_at IS NULL
            """);
        var warnings = await JsonAsync(await bureau.GetAsync($"/api/plans/{plan}/warnings"));
        var list = warnings.EnumerateArray().ToList();
        // not started and past its deadline: 滞后预警 (a task begun but unfinished would be 逾期)
        list.ShouldContain(w => w.GetProperty("kind").GetString() == "lagging" && w.GetProperty("taskId").GetInt64() == task);
        list.Where(w => w.GetProperty("taskId").ValueKind == JsonValueKind.Number).Select(w => w.GetProperty("taskId").GetInt64()).ShouldNotContain(onTime);
        var miss = list.Single(w => w.GetProperty("kind").GetString() == "projected_miss");
        miss.GetProperty("subject").GetString()!.ShouldContain("有效注册商标量");
        miss.GetProperty("message").GetString()!.ShouldContain("预计 2026 年为 120000");

        var goal = (await JsonAsync(await bureau.GetAsync($"/api/plans/{plan}"))).GetProperty("goals").EnumerateArray()
            .Single(g => g.GetProperty("indicatorCode").GetString() == "valid_trademarks");
        goal.GetProperty("currentValue").GetDecimal().ShouldBe(110000m);
        goal.GetProperty("progress").GetDecimal().ShouldBe(Math.Round(110000m / 135000m, 4));

        // completing the task clears its warning
        await JsonAsync(await bureau.PutAsJsonAsync($"/api/plans/tasks/{task}", new { status = "completed" }));
        (await JsonAsync(await bureau.GetAsync($"/api/plans/{plan}/warnings"))).EnumerateArray()
            .Where(w => w.GetProperty("taskId").ValueKind == JsonValueKind.Number).Select(w => w.GetProperty("taskId").GetInt64()).ShouldNotContain(task);
    }

    [Fact]
    public async Task SupervisionNotice_VisibleToTargetUnitsOnly()
    {
        var bureau = await App.CreateClientAsAsync("bureau");
        var bad = await (await bureau.PostAsJsonAsync("/api/plans/notices", new { title = "", body = "", kind = "x" })).ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        bad.GetProperty("errors").GetProperty("title")[0].GetString()!.ShouldContain("不能为空");
        bad.GetProperty("errors").GetProperty("orgUnitIds")[0].GetString()!.ShouldContain("通报对象");
        bad.GetProperty("errors").GetProperty("kind")[0].GetString()!.ShouldContain("通报类型");

        var notice = await JsonAsync(await bureau.PostAsJsonAsync("/api/plans/notices",
            new { planId = await PlanIdAsync("001"), title = "关于一季度任务进展的督查通报", body = "市公安局任务进展滞后，请于 4 月底前报送。", kind = "criticism",
                orgUnitIds = new[] { await OrgAsync("连云港市公安局"), await OrgAsync("海州区") } }), HttpStatusCode.Created);
        var id = notice.GetProperty("id").GetInt64();

        var police = await App.CreateClientAsAsync("police");
        var seen = await JsonAsync(await police.GetAsync("/api/plans/notices?unreadOnly=true"));
        seen.EnumerateArray().Single().GetProperty("title").GetString().ShouldBe("关于一季度任务进展的督查通报");
        (await police.PostAsync($"/api/plans/notices/{id}/read", null)).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        (await JsonAsync(await police.GetAsync("/api/plans/notices?unreadOnly=true"))).GetArrayLength().ShouldBe(0);
        (await JsonAsync(await (await App.CreateClientAsAsync("haizhou")).GetAsync("/api/plans/notices"))).GetArrayLength().ShouldBe(1);

        var court = await App.CreateClientAsAsync("court");
        (await JsonAsync(await court.GetAsync("/api/plans/notices"))).GetArrayLength().ShouldBe(0);
        await (await court.PostAsync($"/api/plans/notices/{id}/read", null)).ShouldBeProblemAsync(HttpStatusCode.NotFound);
        (await App.ScalarAsync<long>("SELECT count(*) FROM audit_log WHERE entity = 'supervision_notices'")).ShouldBe(2);
    }
}
