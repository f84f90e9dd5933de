using System.Globalization;
using System.IO.Compression;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CsvHelper;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Playwright;
using Zhichan.Tests.Infrastructure;
using Zhichan.Tests.Records.Api;
using static Microsoft.Playwright.Assertions;

namespace Zhichan.Tests.Browser;

/// <summary>
/// 目标考核 in a real browser, on an app of its own with a real slice of data: the 342 rows of the 2017 CNIPA file whose
/// applicant address is in 连云港, imported through the API and computed into indicator values. The bureau opens the
/// 连云港 2024–2026 plan (seed 001) and its dashboard and drills from the district treemap to a region's values and on to
/// the records behind a number; a district and a department see their unit dashboard on the home page.
/// </summary>
[Collection("Browser")]
public class IndicatorsUiTests(BrowserFixture browser, IndicatorsUiTests.SliceApp app) : IClassFixture<IndicatorsUiTests.SliceApp>
{
    /// <summary>The app with the 连云港 slice imported and the indicators computed (once for the class).</summary>
    public sealed class SliceApp : IAsyncLifetime
    {
        public KestrelFactory App { get; } = new();
        public long PlanId { get; private set; }
        public int Records { get; private set; }

        public async Task InitializeAsync()
        {
            await App.InitializeAsync();
            var bureau = await BureauClientAsync();
            var rows = LianyungangRows();
            var imp = await RecordsApi.ImportAsync(bureau, Cn2017.Utf8Csv(rows), "lianyungang-2017.csv", "cnipa-csv");
            imp.Str("status").ShouldBe("succeeded", imp.ToString());
            Records = rows.Count;
            var res = await bureau.PostAsync("/api/indicators/recompute", null);
            res.StatusCode.ShouldBe(HttpStatusCode.Accepted, await res.Content.ReadAsStringAsync());
            var job = (await res.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("jobId").GetInt64();
            for (var i = 0; ; i++)
            {
                var status = await App.ScalarAsync<string>("SELECT status FROM jobs WHERE id = $1", job);
                if (status == "succeeded") break;
                if (status == "failed" || i > 600) throw new InvalidOperationException($"recomputation {status}");
                await Task.Delay(100);
            }
            PlanId = await App.ScalarAsync<long>("SELECT id FROM plans WHERE seed = '001'");
        }

        /// <summary>Every row of the real 2017 file whose first applicant's address names 连云港 (342 rows).</summary>
        private static List<string[]> LianyungangRows()
        {
            using var file = File.OpenRead(TestData.File(Cn2017.RelativePath));
            using var gz = new GZipStream(file, CompressionMode.Decompress);
            using var reader = new StreamReader(gz);
            using var csv = new CsvReader(reader, CultureInfo.InvariantCulture);
            csv.Read();
            csv.ReadHeader();
            var address = Array.IndexOf(csv.HeaderRecord!, "applicant_address");
            var rows = new List<string[]>();
            while (csv.Read())
                if (csv.Parser.Record![address].Contains("连云港", StringComparison.Ordinal)) rows.Add(csv.Parser.Record);
            return rows;
        }

        /// <summary>A bureau client of the Kestrel app (the factory's own clients assume the in-memory server's address).</summary>
        public Task<HttpClient> BureauClientAsync() => ClientAsync("bureau");

        /// <summary>A client of the Kestrel app signed in as a demo account.</summary>
        public Task<HttpClient> ClientAsync(string username) => Ui.ApiAsync(App.BaseUrl, username);

        public async Task DisposeAsync() => await App.DisposeAsync();
    }

    private Task<HttpClient> BureauAsync() => app.BureauClientAsync();

    internal static async Task<JsonElement> JsonAsync(HttpResponseMessage res, HttpStatusCode expected = HttpStatusCode.OK)
    {
        var text = await res.Content.ReadAsStringAsync();
        res.StatusCode.ShouldBe(expected, text);
        return JsonDocument.Parse(text).RootElement;
    }

    /// <summary>Gives the plan's task number <paramref name="no"/> a deadline (the seed's tasks have none).</summary>
    private async Task<long> SetDeadlineAsync(HttpClient bureau, string no, string deadline)
    {
        var tasks = await JsonAsync(await bureau.GetAsync($"/api/plans/tasks?planId={app.PlanId}"));
        var id = tasks.EnumerateArray().First(t => t.GetProperty("no").GetString() == no).GetProperty("id").GetInt64();
        await JsonAsync(await bureau.PutAsJsonAsync($"/api/plans/tasks/{id}", new { deadline, status = "in_progress", progress = 30 }));
        return id;
    }

    [Fact]
    public async Task Bureau_OpensPlanAndDashboard_DrillsFromTreemapToRegionValuesAndRecords()
    {
        var bureau = await BureauAsync();
        await SetDeadlineAsync(bureau, "2", "2025-06-30");   // past: an overdue warning
        var page = await Ui.LoginAsync(browser, "bureau", app.App.BaseUrl);
        await page.SetViewportSizeAsync(1440, 2300); // the shell scrolls inside: a tall window shows the whole dashboard in the screenshot

        await Ui.WithFailureShotAsync(page, "indicators-plan", async () =>
        {
            // the plan: phases with their real dates, goals, tasks with lead units, warnings
            await page.GotoAsync($"/indicators/plans/{app.PlanId}");
            await Expect(page.Locator("[data-testid=plan-page] h2")).ToContainTextAsync("连云港市国家知识产权强市建设试点城市工作方案");
            var phases = page.Locator("[data-testid=phases]");
            foreach (var p in new[] { "宣传发动阶段", "组织实施阶段", "评估整改阶段", "检查验收阶段" }) await Expect(phases).ToContainTextAsync(p);
            await Expect(phases).ToContainTextAsync("2024-06-01");
            await Expect(page.Locator("[data-testid=goals]")).ToContainTextAsync("新增发明专利授权");
            await Expect(page.Locator("[data-testid=tasks]")).ToContainTextAsync("连云港市公安局");
            await Expect(page.Locator("[data-testid=plan-warnings]")).ToContainTextAsync("已超过期限 2025-06-30");
            await Ui.ShotAsync(page, "indicators-plan");
        });

        await Ui.WithFailureShotAsync(page, "indicators-dashboard", async () =>
        {
            // the dashboard: every chart drawn (canvas), warnings listed
            await page.GotoAsync("/indicators");
            foreach (var chart in new[] { "goal-progress", "tasks-by-unit", "indicator-trend", "region-treemap", "district-ranking" })
                await Expect(page.Locator($"[data-testid={chart}] canvas")).ToHaveCountAsync(1);
            await Expect(page.Locator("[data-testid=dashboard-phases]")).ToContainTextAsync("检查验收阶段");
            await Expect(page.Locator("[data-testid=warnings]")).ToContainTextAsync("高起点谋划知识产权强市");
            await Expect(page.Locator("[data-testid=dashboard-year]")).ToContainTextAsync("2017");
            await Ui.ShotAsync(page, "indicators-dashboard");

            // the ranking's table view lists the districts with their values
            var ranking = page.Locator("[data-testid=district-ranking]");
            await ranking.Locator("label:has-text('表格')").ClickAsync();
            await Expect(ranking.Locator(".el-table")).ToContainTextAsync("海州区");

            // a click on the treemap's largest block (top left) opens that region's values …
            var treemap = page.Locator("[data-testid=region-treemap] .chart");
            await treemap.ScrollIntoViewIfNeededAsync();
            var box = (await treemap.BoundingBoxAsync())!;
            await page.Mouse.ClickAsync(box.X + box.Width * 0.15f, box.Y + box.Height * 0.25f);
            var drawer = page.Locator("[data-testid=region-drill]");
            await Expect(drawer.Locator("[data-testid=region-values]")).ToContainTextAsync("发明专利申请量");
            await Expect(drawer).ToContainTextAsync("2017 年");
            await Expect(drawer.Locator("[data-testid=open-records]").First).ToBeVisibleAsync();
            await Ui.ShotAsync(page, "indicators-region-values");

            // … and on to the records behind the number
            await drawer.Locator("[data-testid=open-records]").First.ClickAsync();
            await Expect(drawer.Locator("[data-testid=drill-total]")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex("^[1-9][0-9]*$"));
            await Expect(drawer.Locator("[data-testid=drill-records] .el-table__row").First).ToContainTextAsync("2017");
            await Ui.ShotAsync(page, "indicators-region-records");
            await drawer.Locator("[data-testid=drill-back]").ClickAsync();
            await Expect(drawer.Locator("[data-testid=region-values]")).ToBeVisibleAsync();
            await drawer.Locator(".el-drawer__close-btn").ClickAsync();

            // a lead unit of the task-status chart (its table row) opens the plan's tasks filtered by that unit
            var units = page.Locator("[data-testid=tasks-by-unit]");
            await units.Locator("label:has-text('表格')").ClickAsync();
            await units.Locator(".el-table__row", new() { HasText = "连云港市公安局" }).ClickAsync();
            await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/indicators/plans/\\d+\\?lead="));
            await Expect(page.Locator("[data-testid=lead-filter]")).ToContainTextAsync("连云港市公安局");
            await Expect(page.Locator("[data-testid=tasks] .el-table__row")).ToHaveCountAsync(1);   // 构建知识产权“大保护”格局
            await Expect(page.Locator("[data-testid=tasks]")).ToContainTextAsync("大保护");

            // a warning opens its task, highlighted
            await page.GotoAsync("/indicators");
            await page.Locator("[data-testid=warnings] .el-table__row", new() { HasText = "高起点谋划知识产权强市" }).ClickAsync();
            await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("\\?task=\\d+"));
            await Expect(page.Locator("[data-testid=tasks] .focus-task")).ToContainTextAsync("高起点谋划知识产权强市");
        });

        await Ui.WithFailureShotAsync(page, "indicators-values-drill", async () =>
        {
            // the values page (Jiangsu's cities, 2017): a row of the chart's table view drills straight to the records of 连云港市
            await page.GotoAsync("/indicators/values");
            var chart = page.Locator("[data-testid=values-chart]");
            await Expect(chart.Locator("canvas")).ToHaveCountAsync(1);
            await chart.Locator("label:has-text('表格')").ClickAsync();
            await chart.Locator(".el-table__row", new() { HasText = "连云港市" }).ClickAsync();
            var drawer = page.Locator("[data-testid=region-drill]");
            await Expect(drawer).ToContainTextAsync("连云港市 · 2017 年");
            await Expect(drawer.Locator("[data-testid=drill-total]")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex("^[1-9][0-9]*$"));
            await Ui.ShotAsync(page, "indicators-values-drill");
        });
    }

    [Fact]
    public async Task DistrictAndDepartment_SeeTheirUnitDashboard()
    {
        var bureau = await BureauAsync();
        await SetDeadlineAsync(bureau, "6", "2025-12-31");
        var lianyun = await app.App.ScalarAsync<long>("SELECT id FROM org_units WHERE name = '连云区'");
        await JsonAsync(await bureau.PostAsJsonAsync("/api/plans/notices", new
        {
            planId = app.PlanId, title = "关于重点任务推进情况的督查通报", body = "请于 12 月 10 日前报送整改情况。", kind = "notice", orgUnitIds = new[] { lianyun },
        }), HttpStatusCode.Created);
        var scheme = (await JsonAsync(await bureau.PostAsJsonAsync($"/api/plans/{app.PlanId}/assessments", new { year = 2017, targetKind = "district" }), HttpStatusCode.Created))
            .GetProperty("scheme").GetProperty("id").GetInt64();
        await JsonAsync(await bureau.PostAsync($"/api/plans/assessments/{scheme}/score", null));
        await JsonAsync(await bureau.PostAsync($"/api/plans/assessments/{scheme}/publish", null));

        var page = await Ui.LoginAsync(browser, "lianyun", app.App.BaseUrl);
        await page.SetViewportSizeAsync(1440, 1500);
        await Ui.WithFailureShotAsync(page, "unit-dashboard-district", async () =>
        {
            var home = page.Locator("[data-testid=unit-dashboard]");
            await Expect(home.Locator("[data-testid=my-tasks]")).ToContainTextAsync("培育知识产权密集型企业");
            await Expect(home.Locator("[data-testid=countdown]").First).ToContainTextAsync("逾期");
            await Expect(home.Locator("[data-testid=my-warnings]")).ToContainTextAsync("已超过期限 2025-12-31");
            await Expect(home.Locator("[data-testid=my-notices]")).ToContainTextAsync("关于重点任务推进情况的督查通报");
            await Expect(home.Locator("[data-testid=my-ranking]")).ToContainTextAsync("2017 年度县区考核");
            await Expect(home.Locator("[data-testid=my-ranking]")).ToContainTextAsync("连云区");
            await Ui.ShotAsync(page, "unit-dashboard-district");
            await home.Locator("[data-testid=notice-read]").ClickAsync();
            await Expect(home.Locator("[data-testid=my-notices]")).ToContainTextAsync("已读");
        });

        var police = await Ui.LoginAsync(browser, "police", app.App.BaseUrl);
        await Ui.WithFailureShotAsync(police, "unit-dashboard-department", async () =>
        {
            var home = police.Locator("[data-testid=unit-dashboard]");
            await Expect(home.Locator("[data-testid=my-tasks] .el-table__row").First).ToBeVisibleAsync();
            await Expect(home.Locator("[data-testid=my-notices]")).ToContainTextAsync("暂无发给本单位的通报");
            await Expect(home.Locator("[data-testid=my-ranking]")).ToContainTextAsync("暂无已发布的考核结果");
            await Ui.ShotAsync(police, "unit-dashboard-department");
        });
    }

    /// <summary>
    /// The cockpit as the bureau, a district (连云区) and a department (公安局): every figure on the page is the API's — the plan's
    /// overdue and lagging tasks (the 连云港 plan is in its last phase with its tasks not started), each goal's target and actual
    /// with the publication it comes from, the overdue tasks, the cases due.
    /// </summary>
    [Fact]
    public async Task Cockpit_ShowsTheApiFigures_ForBureauDistrictAndDepartment()
    {
        // a figure taken from a publication (test data, marked as such): the goal shows it with its source
        await app.App.ExecuteAsync("""
            INSERT INTO indicator_values (definition_id, region_code, year, value, status, note, source_title, source_url, source_date, computed_at, reviewed_at)
            SELECT d.id, '320700', 2024, 1700, 'accepted', '测试用公开数据', '测试来源：连云港市统计公报', 'https://example.org/gb', '2025-03-20', now(), now()
            FROM indicator_definitions d WHERE d.code = 'invention_grants' AND d.superseded_at IS NULL
            ON CONFLICT (definition_id, region_code, year) DO NOTHING
            """);
        foreach (var (user, scopeName) in new[] { ("bureau", "连云港市"), ("lianyun", "连云区"), ("police", "连云港市公安局") })
        {
            var api = await JsonAsync(await (await app.ClientAsync(user)).GetAsync("/api/home/cockpit"));
            api.GetProperty("scopeName").GetString().ShouldBe(scopeName);
            var plan = api.GetProperty("plan");
            plan.GetProperty("title").GetString()!.ShouldContain("连云港");
            plan.GetProperty("overdueTasks").GetInt32().ShouldBeGreaterThan(0);
            plan.GetProperty("laggingTasks").GetInt32().ShouldBeGreaterThan(0);
            var goals = api.GetProperty("goals").EnumerateArray().ToList();
            if (user == "bureau")
            {
                var grants = goals.Single(g => g.GetProperty("name").GetString() == "新增发明专利授权");
                grants.GetProperty("sources")[0].GetProperty("title").GetString().ShouldBe("测试来源：连云港市统计公报");
            }

            var page = await Ui.LoginAsync(browser, user, app.App.BaseUrl);
            await page.SetViewportSizeAsync(1440, 1500);
            await Ui.WithFailureShotAsync(page, $"cockpit-{user}", async () =>
            {
                var cockpit = page.Locator("[data-testid=cockpit]");
                await Expect(cockpit.Locator("[data-testid=cockpit-scope]")).ToContainTextAsync(scopeName);
                var planTile = cockpit.Locator("[data-testid=cockpit-plan]");
                await Expect(planTile).ToContainTextAsync(plan.GetProperty("title").GetString()!);
                await Expect(planTile).ToHaveAttributeAsync("href", $"/indicators/plans/{app.PlanId}");
                foreach (var (id, field) in new[] { ("plan-tasks", "tasks"), ("plan-overdue", "overdueTasks"), ("plan-lagging", "laggingTasks"), ("plan-warnings", "warnings") })
                    await Expect(planTile.Locator($"[data-testid={id}] .el-statistic__content")).ToHaveTextAsync(plan.GetProperty(field).GetInt32().ToString());
                await Expect(cockpit.Locator("[data-testid=cockpit-goals] .tile")).ToHaveCountAsync(goals.Count);
                foreach (var g in goals)
                {
                    var tile = cockpit.Locator($"[data-testid=goal-{g.GetProperty("id").GetInt64()}]");
                    await Expect(tile).ToContainTextAsync(g.GetProperty("name").GetString()!);
                    var display = g.GetProperty("currentDisplay");
                    await Expect(tile.Locator("[data-testid=goal-actual]")).ToHaveTextAsync(display.ValueKind == JsonValueKind.Null ? "尚无数值" : display.GetString()!);
                    if (g.TryGetProperty("sources", out var sources) && sources.ValueKind == JsonValueKind.Array && sources.GetArrayLength() > 0)
                        await Expect(tile.Locator("[data-testid=goal-source]")).ToContainTextAsync(sources[0].GetProperty("title").GetString()!);
                }
                await Expect(cockpit.Locator("[data-testid=late-tasks] li")).ToHaveCountAsync(api.GetProperty("lateTasks").GetArrayLength());
                var cases = api.GetProperty("cases");
                await Expect(cockpit.Locator("[data-testid=cases-due-soon] .n")).ToHaveTextAsync(cases.GetProperty("dueSoon").GetInt32().ToString());
                await Expect(cockpit.Locator("[data-testid=cases-overdue] .n")).ToHaveTextAsync(cases.GetProperty("overdue").GetInt32().ToString());
                await Expect(cockpit.Locator("[data-testid=cases-due-soon]")).ToHaveAttributeAsync("href", "/protection?queue=due_soon");
                await Ui.ShotAsync(page, $"cockpit-{user}");
            });
        }
    }
}
