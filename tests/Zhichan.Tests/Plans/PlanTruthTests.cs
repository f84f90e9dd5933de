using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Zhichan.Api.Platform;
using Zhichan.Tests.Indicators;
using Zhichan.Tests.Infrastructure;

namespace Zhichan.Tests.Plans;

/// <summary>The app on a fixed day, 2026-12-06 (the 连云港 plan in its last phase, 检查验收), so that deadlines and warnings are reproducible.</summary>
public sealed class FixedDayFactory : ZhichanFactory
{
    public static readonly DateTimeOffset Now = new(2026, 12, 6, 10, 0, 0, TimeSpan.FromHours(8));

    private sealed class FixedTime : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => Now.ToUniversalTime();
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(s => s.AddSingleton<TimeProvider>(new FixedTime()));
    }
}

/// <summary>
/// Issue 20 §1: plans tell the truth — deadlines inherited from the phase or the plan, lag warnings, ended plans, the caller's
/// own plans first, goals measured as stocks or sums over the period, published figures with their source, and why a value
/// is missing.
/// </summary>
public class PlanTruthTests(FixedDayFactory app) : IndicatorTestBase<FixedDayFactory>(app)
{
    protected override bool LoadsPlans => true;

    private async Task<long> PlanIdAsync(string seed) => await App.ScalarAsync<long>("SELECT id FROM plans WHERE seed = $1", seed);

    [Fact]
    public async Task TaskWithoutDeadline_InAnEndedPhase_TakesThePhaseEnd_AndRaisesALagWarning()
    {
        var bureau = await App.CreateClientAsAsync("bureau");
        var plan = await JsonAsync(await bureau.GetAsync($"/api/plans/{await PlanIdAsync("001")}"));
        var summary = plan.GetProperty("summary");
        summary.GetProperty("status").GetString().ShouldBe("current");
        summary.GetProperty("currentYear").GetInt32().ShouldBe(2026);
        var tasks = plan.GetProperty("tasks").EnumerateArray().ToList();
        tasks.Count.ShouldBe(19);
        // the plan sets no task deadline: every task takes the end of 组织实施阶段 (2026-05-31), which has passed
        tasks.ShouldAllBe(t => t.GetProperty("deadline").ValueKind == JsonValueKind.Null);
        tasks.ShouldAllBe(t => t.GetProperty("effectiveDeadline").GetString() == "2026-05-31");
        tasks.ShouldAllBe(t => t.GetProperty("deadlineSource").GetString() == "phase");
        tasks[0].GetProperty("deadlineNote").GetString().ShouldBe("所属阶段“组织实施阶段”结束");
        tasks.ShouldAllBe(t => t.GetProperty("lagging").GetBoolean() && t.GetProperty("overdue").GetBoolean());
        var warnings = plan.GetProperty("warnings").EnumerateArray().Where(w => w.GetProperty("kind").GetString() == "lagging").ToList();
        warnings.Count.ShouldBe(19);
        warnings[0].GetProperty("kindName").GetString().ShouldBe("滞后预警");
        summary.GetProperty("overdueTasks").GetInt32().ShouldBe(19);

        // a task reported as begun is overdue, not lagging; one with its own future deadline is neither
        var taskIds = tasks.Select(t => t.GetProperty("id").GetInt64()).ToList();
        await JsonAsync(await bureau.PutAsJsonAsync($"/api/plans/tasks/{taskIds[0]}", new { status = "in_progress", progress = 40 }));
        await JsonAsync(await bureau.PutAsJsonAsync($"/api/plans/tasks/{taskIds[1]}", new { deadline = "2026-12-20" }));
        var again = await JsonAsync(await bureau.GetAsync($"/api/plans/{await PlanIdAsync("001")}/warnings"));
        var byTask = again.EnumerateArray().Where(w => w.GetProperty("taskId").ValueKind != JsonValueKind.Null)
            .ToDictionary(w => w.GetProperty("taskId").GetInt64(), w => w.GetProperty("kind").GetString());
        byTask[taskIds[0]].ShouldBe("overdue");
        byTask.ShouldNotContainKey(taskIds[1]);
        byTask.Values.Count(k => k == "lagging").ShouldBe(17);
    }

    [Fact]
    public async Task EndedPlan_IsShownEnded_WithItsFinalRate_AndAWarning_AndListedAfterTheOwnPlan()
    {
        var bureau = await App.CreateClientAsAsync("bureau");
        var xian = await JsonAsync(await bureau.GetAsync($"/api/plans/{await PlanIdAsync("002")}"));
        var s = xian.GetProperty("summary");
        s.GetProperty("status").GetString().ShouldBe("ended");
        s.GetProperty("statusName").GetString().ShouldBe("已期满");
        s.GetProperty("currentYear").GetInt32().ShouldBe(2019);
        s.GetProperty("completionRate").GetDecimal().ShouldBe(0m);
        s.GetProperty("ownJurisdiction").GetBoolean().ShouldBeFalse();
        var tasks = xian.GetProperty("tasks").EnumerateArray().ToList();
        tasks.ShouldAllBe(t => t.GetProperty("deadlineSource").GetString() == "plan" && t.GetProperty("effectiveDeadline").GetString() == "2019-12-31");
        var first = xian.GetProperty("warnings")[0];
        first.GetProperty("kind").GetString().ShouldBe("plan_ended");
        first.GetProperty("message").GetString()!.ShouldContain($"仍有 {tasks.Count} 项任务未完成");

        var plans = await JsonAsync(await bureau.GetAsync("/api/plans"));
        plans[0].GetProperty("seed").GetString().ShouldBe("001");
        // a district of 连云港 sees 连云港's plan as its own too
        var lianyun = await App.CreateClientAsAsync("lianyun");
        (await JsonAsync(await lianyun.GetAsync("/api/plans")))[0].GetProperty("ownJurisdiction").GetBoolean().ShouldBeTrue();
    }

    [Fact]
    public async Task Goals_NewAndCumulative_SumThePeriod_StocksTakeTheLatest_AndMissingValuesSayWhy()
    {
        var bureau = await App.CreateClientAsAsync("bureau");
        await App.ExecuteAsync("""
            INSERT INTO indicator_values (definition_id, region_code, year, value, status, computed_at)
            SELECT d.id, '320700', y.year, y.value, 'computed', now() FROM indicator_definitions d,
                   (VALUES (2023, 1500), (2024, 1700), (2025, 1900)) y(year, value)
            WHERE d.code = 'invention_grants' AND d.superseded_at IS NULL
            """);
        var plan = await JsonAsync(await bureau.GetAsync($"/api/plans/{await PlanIdAsync("001")}"));
        var goals = plan.GetProperty("goals").EnumerateArray().ToDictionary(g => g.GetProperty("name").GetString()!);
        var grants = goals["新增发明专利授权"];
        grants.GetProperty("measure").GetString().ShouldBe("period_sum");
        // 2024 + 2025 (2023 is before the plan), against 5000 by 2026
        grants.GetProperty("currentValue").GetDecimal().ShouldBe(3600m);
        grants.GetProperty("progress").GetDecimal().ShouldBe(0.72m);
        grants.GetProperty("progressNote").GetString()!.ShouldContain("2024—2025 年合计");
        grants.GetProperty("progressNote").GetString()!.ShouldContain("2026 年暂无数据");
        grants.GetProperty("trend").GetString().ShouldBe("up");
        goals["有效注册商标量"].GetProperty("measure").GetString().ShouldBe("latest");
        goals["知识产权质押融资累计"].GetProperty("measure").GetString().ShouldBe("period_sum");
        // a reported indicator without a value says who must report it
        var pledge = goals["知识产权质押融资累计"];
        pledge.GetProperty("responsible").GetString().ShouldBe("金融监管分局");
        pledge.GetProperty("progressNote").GetString().ShouldBe("暂无公开数据，待 金融监管分局 填报");
    }

    [Fact]
    public async Task PublishedFigures_AreEnteredWithTheirSource_NeverOverwritten_NorReplacedByTheComputation()
    {
        var loader = App.Services.GetServices<IStartupTask>().OfType<Zhichan.Api.Features.Indicators.PublishedValuesLoader>().Single();
        await loader.RunAsync(CancellationToken.None);
        await loader.RunAsync(CancellationToken.None); // idempotent
        (await App.ScalarAsync<long>("SELECT count(*) FROM indicator_values WHERE source_title IS NOT NULL")).ShouldBe(8);
        var bureau = await App.CreateClientAsAsync("bureau");
        var values = await JsonAsync(await bureau.GetAsync("/api/indicators/invention_grants/values?region=320000&year=2024"));
        var v = ValueOf(values, "320000", 2024);
        v.GetProperty("value").GetDecimal().ShouldBe(101495m);
        v.GetProperty("status").GetString().ShouldBe("accepted");
        v.GetProperty("publication").GetProperty("period").GetString().ShouldBe("2024年1—9月");
        v.GetProperty("publication").GetProperty("url").GetString()!.ShouldStartWith("https://");
        // records of 2024 in Jiangsu do not replace the published figure when the indicators are recomputed
        await InsertRecordAsync("JS2024", "320106", new(2024, 3, 1), granted: new(2024, 6, 1));
        await RecomputeAsync(bureau);
        ValueOf(await JsonAsync(await bureau.GetAsync("/api/indicators/invention_grants/values?region=320000&year=2024")), "320000", 2024)
            .GetProperty("value").GetDecimal().ShouldBe(101495m);
    }

    [Fact]
    public async Task IndicatorValues_ADepartmentSeesItsJurisdictionByDefault_APageAtATime_AndMissingValuesSayWhy()
    {
        await InsertRecordAsync("LY1", "320703", new(2017, 3, 1));
        await InsertRecordAsync("SZ1", "320505", new(2017, 3, 1));
        var bureau = await App.CreateClientAsAsync("bureau");
        await RecomputeAsync(bureau);
        var police = await App.CreateClientAsAsync("police");
        var mine = await JsonAsync(await police.GetAsync("/api/indicators/invention_applications/values"));
        mine.GetProperty("scope").GetString().ShouldBe("连云港市及下辖地区");
        mine.GetProperty("values").EnumerateArray().ShouldAllBe(x => x.GetProperty("regionCode").GetString()!.StartsWith("3207"));
        mine.GetProperty("latestDataYear").GetInt32().ShouldBe(2017);
        var all = await JsonAsync(await police.GetAsync("/api/indicators/invention_applications/values?scope=all&pageSize=2&page=1"));
        all.GetProperty("values").GetArrayLength().ShouldBe(2);
        all.GetProperty("total").GetInt64().ShouldBeGreaterThan(2);
        // a year without records says why; a module indicator with nothing in its register says so and who may report it
        var missing = await JsonAsync(await police.GetAsync("/api/indicators/invention_applications/values?region=320703&year=2025"));
        missing.GetProperty("values")[0].GetProperty("display").GetString().ShouldBe("数据中心暂无 2025 年记录（已导入的记录截至 2017 年）");
        var due = await JsonAsync(await police.GetAsync("/api/indicators/case_closure_rate/values?region=320700&year=2026"));
        due.GetProperty("values")[0].GetProperty("display").GetString().ShouldBe("业务模块中暂无该地区 2026 年的登记，可由 市中级人民法院 填报");
    }
}
