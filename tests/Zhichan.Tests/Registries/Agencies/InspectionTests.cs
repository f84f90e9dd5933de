using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Zhichan.Tests.Registries.Agencies;

/// <summary>双随机一公开: the verifiable draw, re-draws logged, avoidance, at least two inspectors, results published.</summary>
public class InspectionTests(AgencyFactory app) : AgencyTest(app)
{
    private async Task<(HttpClient Staff, long[] Agencies, long[] Inspectors, long Item)> ArrangeAsync(int agencies = 6, int inspectors = 5, decimal share = 50, bool avoidPrevious = false)
    {
        var staff = await App.CreateClientAsAsync("bureau");
        var ids = new List<long>();
        for (var i = 0; i < agencies; i++) ids.Add(await CreateAsync(staff, $"抽查测试代理所{i}", Code(100 + i)));
        var bureau = await UnitIdAsync("连云港市市场监督管理局（知识产权局）");
        var people = new List<long>();
        for (var i = 0; i < inspectors; i++)
            people.Add((await ReadAsync(await staff.PostAsJsonAsync("/api/registries/inspections/inspectors", new { name = $"检查员{(char)('甲' + i)}", orgUnitId = bureau, certificateNumber = $"3207{i:D4}" }), HttpStatusCode.Created)).GetProperty("id").GetInt64());
        var item = (await ReadAsync(await staff.PostAsJsonAsync("/api/registries/inspections/items", new { name = "专利代理机构执业情况检查", kind = "key", basis = "《专利代理条例》" }), HttpStatusCode.Created)).GetProperty("id").GetInt64();
        await ReadAsync(await staff.PutAsJsonAsync("/api/registries/inspections/rules", new { sharePercent = share, inspectorsPerTarget = 2, avoidPrevious, note = "测试规则" }), HttpStatusCode.OK);
        return (staff, ids.ToArray(), people.ToArray(), item);
    }

    private static async Task<JsonElement> DrawAsync(HttpClient staff, long item, HttpStatusCode expect = HttpStatusCode.Created) =>
        await ReadAsync(await staff.PostAsJsonAsync("/api/registries/inspections/draws", new { title = "2026 年专利代理机构双随机抽查", year = 2026, itemIds = new[] { item } }), expect);

    [Fact]
    public async Task DrawInspections_RerunFromThePublishedSeedAndInputs_GivesTheSameResult()
    {
        var (staff, agencies, _, item) = await ArrangeAsync();
        var draw = await DrawAsync(staff, item);
        var id = draw.GetProperty("id").GetInt64();
        draw.GetProperty("seed").GetString()!.Length.ShouldBe(64);
        draw.GetProperty("algorithm").GetString().ShouldBe("zhichan-draw-v1");
        draw.GetProperty("result").GetArrayLength().ShouldBe(3); // 50 % of 6
        draw.GetProperty("inputs").GetProperty("targets").EnumerateArray().Select(t => t.GetProperty("agencyId").GetInt64()).ShouldBe(agencies); // sorted, exact
        var anon = App.CreateAnonymousClient();
        (await anon.GetAsync($"/api/public/inspections/draws/{id}")).StatusCode.ShouldBe(HttpStatusCode.NotFound); // not yet published
        await ReadAsync(await staff.PostAsync($"/api/registries/inspections/draws/{id}/publish", null), HttpStatusCode.OK);

        var pub = await ReadAsync(await anon.GetAsync($"/api/public/inspections/draws/{id}"), HttpStatusCode.OK);
        pub.GetProperty("targets")[0].GetProperty("inspectors")[0].GetProperty("name").GetString()!.ShouldContain("某");
        var rerun = await ReadAsync(await anon.PostAsJsonAsync("/api/public/inspections/verify", pub.GetProperty("inputs")), HttpStatusCode.OK);
        rerun.GetProperty("result").GetRawText().ShouldBe(pub.GetProperty("result").GetRawText());
        rerun.GetProperty("fingerprint").GetString().ShouldBe(pub.GetProperty("fingerprint").GetString());
        var verify = await ReadAsync(await anon.GetAsync($"/api/public/inspections/draws/{id}/verify"), HttpStatusCode.OK);
        verify.GetProperty("matches").GetBoolean().ShouldBeTrue();

        // another seed gives another draw: the result depends on the seed, not on the moment
        var other = JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(pub.GetProperty("inputs").GetRawText())!;
        other["seed"] = JsonSerializer.SerializeToElement(new string('7', 64));
        var changed = await ReadAsync(await anon.PostAsJsonAsync("/api/public/inspections/verify", other), HttpStatusCode.OK);
        changed.GetProperty("result").GetRawText().ShouldNotBe(pub.GetProperty("result").GetRawText());
        // a tampered stored result is detected by the verification
        await App.ExecuteAsync("UPDATE inspection_draws SET result = '[]'::jsonb WHERE id = $1", id);
        (await ReadAsync(await anon.GetAsync($"/api/public/inspections/draws/{id}/verify"), HttpStatusCode.OK)).GetProperty("matches").GetBoolean().ShouldBeFalse();
        // a second draw has a fresh seed
        (await DrawAsync(staff, item)).GetProperty("seed").GetString().ShouldNotBe(draw.GetProperty("seed").GetString());
    }

    [Fact]
    public async Task Avoidance_AnInspectorWithADeclaredRelationIsNeverDrawnForThatAgency_AndEveryTargetGetsTwo()
    {
        var (staff, agencies, inspectors, item) = await ArrangeAsync(agencies: 3, inspectors: 3, share: 100);
        var related = inspectors[0];
        await ReadAsync(await staff.PostAsJsonAsync($"/api/registries/inspections/inspectors/{related}/relations", new { agencyId = agencies[1], relation = "配偶在该机构任职" }), HttpStatusCode.Created);
        var draw = await DrawAsync(staff, item);
        for (var i = 0; i < 8; i++)
        {
            draw.GetProperty("inputs").GetProperty("exclusions").EnumerateArray()
                .ShouldContain(e => e.GetProperty("inspectorId").GetInt64() == related && e.GetProperty("agencyId").GetInt64() == agencies[1] && e.GetProperty("reason").GetString() == "relation");
            var result = draw.GetProperty("result").EnumerateArray().ToList();
            result.Count.ShouldBe(3);
            foreach (var t in result)
            {
                var who = t.GetProperty("inspectorIds").EnumerateArray().Select(x => x.GetInt64()).ToList();
                who.Count.ShouldBe(2);
                who.Distinct().Count().ShouldBe(2);
                if (t.GetProperty("agencyId").GetInt64() == agencies[1]) who.ShouldNotContain(related);
            }
            draw = await ReadAsync(await staff.PostAsJsonAsync($"/api/registries/inspections/draws/{draw.GetProperty("id").GetInt64()}/redraw", new { reason = $"测试回避第 {i + 1} 次" }), HttpStatusCode.Created);
        }
        // fewer than two eligible inspectors for an agency: the draw is refused, never done with one
        await ReadAsync(await staff.PostAsJsonAsync($"/api/registries/inspections/inspectors/{inspectors[1]}/relations", new { agencyId = agencies[1], relation = "曾在该机构执业" }), HttpStatusCode.Created);
        var refused = await DrawAsync(staff, item, HttpStatusCode.Conflict);
        refused.GetProperty("detail").GetString()!.ShouldContain("抽查测试代理所1");
        (await ReadAsync(await staff.PutAsJsonAsync("/api/registries/inspections/rules", new { inspectorsPerTarget = 1, note = "x" }), HttpStatusCode.BadRequest))
            .GetProperty("errors").GetProperty("inspectorsPerTarget")[0].GetString()!.ShouldContain("至少选派 2 名");
    }

    [Fact]
    public async Task Avoidance_OfLastTimesInspectors_WhenTheRulesSaySo()
    {
        var (staff, agencies, _, item) = await ArrangeAsync(agencies: 1, inspectors: 4, share: 100, avoidPrevious: true);
        var first = await DrawAsync(staff, item);
        var before = first.GetProperty("result")[0].GetProperty("inspectorIds").EnumerateArray().Select(x => x.GetInt64()).ToList();
        var second = await DrawAsync(staff, item);
        second.GetProperty("inputs").GetProperty("exclusions").EnumerateArray().Count(e => e.GetProperty("reason").GetString() == "previous").ShouldBe(2);
        second.GetProperty("result")[0].GetProperty("inspectorIds").EnumerateArray().Select(x => x.GetInt64()).ShouldAllBe(i => !before.Contains(i));
        second.GetProperty("result")[0].GetProperty("agencyId").GetInt64().ShouldBe(agencies[0]);
    }

    [Fact]
    public async Task Redraw_IsLoggedWithItsReason_AndTheOldDrawStaysVisibleAsSuperseded()
    {
        var (staff, _, _, item) = await ArrangeAsync();
        var draw = await DrawAsync(staff, item);
        var id = draw.GetProperty("id").GetInt64();
        await ReadAsync(await staff.PostAsync($"/api/registries/inspections/draws/{id}/publish", null), HttpStatusCode.OK);
        await ReadAsync(await staff.PostAsJsonAsync($"/api/registries/inspections/draws/{id}/redraw", new { reason = " " }), HttpStatusCode.BadRequest);
        var fresh = await ReadAsync(await staff.PostAsJsonAsync($"/api/registries/inspections/draws/{id}/redraw", new { reason = "检查员乙因病不能参加" }), HttpStatusCode.Created);
        var freshId = fresh.GetProperty("id").GetInt64();
        fresh.GetProperty("supersedesId").GetInt64().ShouldBe(id);
        fresh.GetProperty("redrawReason").GetString().ShouldBe("检查员乙因病不能参加");
        fresh.GetProperty("seed").GetString().ShouldNotBe(draw.GetProperty("seed").GetString());
        fresh.GetProperty("publishedAt").ValueKind.ShouldNotBe(JsonValueKind.Null); // the replacement of a published draw is public too

        var old = await ReadAsync(await staff.GetAsync($"/api/registries/inspections/draws/{id}"), HttpStatusCode.OK);
        old.GetProperty("status").GetString().ShouldBe("superseded");
        old.GetProperty("supersededById").GetInt64().ShouldBe(freshId);
        old.GetProperty("supersededReason").GetString().ShouldBe("检查员乙因病不能参加");
        var pub = await ReadAsync(await App.CreateAnonymousClient().GetAsync("/api/public/inspections/draws"), HttpStatusCode.OK);
        pub.EnumerateArray().Select(d => d.GetProperty("id").GetInt64()).ShouldBe([freshId, id]);
        pub.EnumerateArray().Last().GetProperty("statusLabel").GetString()!.ShouldContain("作废");
        (await App.ScalarAsync<long>("SELECT count(*) FROM audit_log WHERE action = 'redraw' AND entity = 'inspection_draws' AND entity_id = $1 AND after->>'reason' = '检查员乙因病不能参加'", id.ToString())).ShouldBe(1);
        await ReadAsync(await staff.PostAsJsonAsync($"/api/registries/inspections/draws/{id}/redraw", new { reason = "再来" }), HttpStatusCode.Conflict);

        // once a result is recorded the draw stands
        var target = fresh.GetProperty("result")[0].GetProperty("agencyId").GetInt64();
        await ReadAsync(await staff.PutAsJsonAsync($"/api/registries/inspections/draws/{freshId}/results/{target}", new { outcome = "passed", inspectedOn = Today }), HttpStatusCode.OK);
        await ReadAsync(await staff.PostAsJsonAsync($"/api/registries/inspections/draws/{freshId}/redraw", new { reason = "再来" }), HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task Results_AreRecordedAndPublished_AndAFailureCountsInTheGrade()
    {
        var (staff, _, _, item) = await ArrangeAsync(agencies: 2, inspectors: 2, share: 100);
        var draw = await DrawAsync(staff, item);
        var id = draw.GetProperty("id").GetInt64();
        var targets = draw.GetProperty("result").EnumerateArray().Select(t => t.GetProperty("agencyId").GetInt64()).ToArray();
        await ReadAsync(await staff.PutAsJsonAsync($"/api/registries/inspections/draws/{id}/results/{targets[0]}", new { outcome = "failed", inspectedOn = Today }), HttpStatusCode.BadRequest);
        await ReadAsync(await staff.PutAsJsonAsync($"/api/registries/inspections/draws/{id}/results/{targets[0]}",
            new { outcome = "failed", findings = "未按规定公示执业许可证，联系人王小明电话13912345678", inspectedOn = Today }), HttpStatusCode.OK);
        await ReadAsync(await staff.PutAsJsonAsync($"/api/registries/inspections/draws/{id}/results/999999", new { outcome = "passed", inspectedOn = Today }), HttpStatusCode.NotFound);
        var published = await ReadAsync(await staff.PostAsync($"/api/registries/inspections/draws/{id}/results/publish", null), HttpStatusCode.OK);
        published.GetProperty("published").GetInt32().ShouldBe(1);
        published.GetProperty("missing").GetInt32().ShouldBe(1);
        await ReadAsync(await staff.PutAsJsonAsync($"/api/registries/inspections/draws/{id}/results/{targets[0]}", new { outcome = "passed", inspectedOn = Today }), HttpStatusCode.Conflict);

        var pub = await ReadAsync(await App.CreateAnonymousClient().GetAsync($"/api/public/inspections/draws/{id}"), HttpStatusCode.OK);
        var shown = pub.GetProperty("targets").EnumerateArray().Single(t => t.GetProperty("agencyId").GetInt64() == targets[0]).GetProperty("result");
        shown.GetProperty("outcomeLabel").GetString().ShouldBe("不合格");
        shown.GetProperty("findings").GetString()!.ShouldNotContain("13912345678");
        pub.GetProperty("targets").EnumerateArray().Single(t => t.GetProperty("agencyId").GetInt64() == targets[1]).GetProperty("result").ValueKind.ShouldBe(JsonValueKind.Null);

        var grades = await ReadAsync(await staff.PostAsJsonAsync("/api/registries/agencies/gradings", new { year = Today.Year }), HttpStatusCode.OK);
        var failed = grades.GetProperty("gradings").EnumerateArray().Single(g => g.GetProperty("agencyId").GetInt64() == targets[0]);
        failed.GetProperty("score").GetDecimal().ShouldBe(85);
        failed.GetProperty("breakdown").EnumerateArray().ShouldContain(l => l.GetProperty("code").GetString() == "inspection_failed");
    }
}
