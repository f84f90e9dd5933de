using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Zhichan.Api.Features.Programmes;
using Zhichan.Tests.Infrastructure;
using Zhichan.Tests.Records.Api;
using Zhichan.Tests.Registries.Entities;
using Zhichan.Tests.Registries.Experts;

namespace Zhichan.Tests.Programmes.Review;

/// <summary>The review part of 申报评审 over HTTP (issue 23 §3, ADR 0041, ADR 0043): draw, avoidance, re-draw, 递补, scoring, aggregation, 会审.</summary>
public class ReviewApiTests(ZhichanFactory app) : IntegrationTest(app)
{
    private const string Hengrui = "江苏恒瑞医药股份有限公司";
    private ProgrammeTestData Data => new(App);

    private static long[] Ids(JsonElement a) => a.EnumerateArray().Select(x => x.GetInt64()).ToArray();

    private int _experts;

    private async Task<long[]> PoolAsync(int n, string specialty = "C")
    {
        var ids = new long[n];
        for (var i = 0; i < n; i++) 
        {
            var k = _experts++;
            ids[i] = await Data.ExpertAsync($"测试专家{(char)('甲' + k)}", $"示例评审单位{k}", [specialty], phone: "13912345678",
                idNumber: RegistryPeopleApi.IdNumber($"32070319800101{k:D3}"));
        }
        return ids;
    }

    [Fact]
    public async Task Draw_RecordsSeedAndInputs_RerunFromTheSeedGivesTheSamePanel_PublishedMasked()
    {
        var bureau = await App.CreateClientAsAsync("bureau");
        var call = await Data.CallAsync(size: 3, reserves: 2);
        var app1 = await Data.ApplicationInStateAsync(call, Hengrui);
        await Data.ApplicationInStateAsync(call, "示例：草稿中的申报单位", ApplicationStates.Draft);
        var pool = await PoolAsync(9);
        var draw = await bureau.PostAsJsonAsync($"/api/programmes/calls/{call}/draws", new { specialties = new[] { "C" } }).JsonAsync(HttpStatusCode.Created);
        var id = draw.GetProperty("id").GetInt64();
        var inputs = draw.GetProperty("inputs");
        inputs.GetProperty("algorithm").GetString().ShouldBe("zhichan-panel-v1");
        draw.GetProperty("seed").GetString()!.Length.ShouldBe(64);
        Ids(inputs.GetProperty("eligibleExpertIds")).ShouldBe(pool.Order().ToArray());
        Ids(inputs.GetProperty("applicationIds")).ShouldBe([app1]); // only the accepted application
        var members = Ids(draw.GetProperty("result").GetProperty("members"));
        var reserves = Ids(draw.GetProperty("result").GetProperty("reserves"));
        members.Length.ShouldBe(3);
        reserves.Length.ShouldBe(2);
        members.Concat(reserves).Distinct().Count().ShouldBe(5);
        draw.GetProperty("verification").GetProperty("matches").GetBoolean().ShouldBeTrue();
        draw.GetProperty("members").EnumerateArray().Select(m => m.GetProperty("status").GetString()).ShouldBe(["active", "active", "active", "waiting", "waiting"]);
        draw.GetProperty("log")[0].GetProperty("actionLabel").GetString().ShouldBe("随机抽取");

        // anyone re-runs the algorithm from the recorded seed and inputs and gets the same panel; another seed gives another stream
        var anon = App.CreateAnonymousClient();
        var rerun = await anon.PostAsJsonAsync("/api/public/programmes/draws/verify", new
        {
            algorithm = "zhichan-panel-v1", seed = draw.GetProperty("seed").GetString(), size = 3, reserves = 2, eligibleExpertIds = pool.Reverse().ToArray(),
        }).JsonAsync();
        Ids(rerun.GetProperty("result").GetProperty("members")).ShouldBe(members);
        Ids(rerun.GetProperty("result").GetProperty("reserves")).ShouldBe(reserves);
        rerun.GetProperty("fingerprint").GetString().ShouldBe(draw.GetProperty("fingerprint").GetString());

        // not public until published; then names masked and the stored inputs verify
        (await anon.GetAsync($"/api/public/programmes/draws/{id}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        await bureau.PostAsJsonAsync($"/api/programmes/draws/{id}/publish", new { }).JsonAsync();
        var pub = await anon.GetAsync($"/api/public/programmes/draws/{id}").JsonAsync();
        pub.GetProperty("members").EnumerateArray().ShouldAllBe(m => m.GetProperty("name").GetString()!.StartsWith("测某"));
        pub.GetProperty("members")[0].GetProperty("employer").ValueKind.ShouldBe(JsonValueKind.Null);
        (await anon.GetAsync($"/api/public/programmes/draws/{id}/verify").JsonAsync()).GetProperty("matches").GetBoolean().ShouldBeTrue();

        // the export masks phone and ID number
        var xlsx = await bureau.GetAsync($"/api/programmes/draws/{id}/export");
        xlsx.StatusCode.ShouldBe(HttpStatusCode.OK);
        var rows = Zhichan.Api.Platform.Files.SheetImport.Read(await xlsx.Content.ReadAsByteArrayAsync(),
            [new("name", "姓名", ["姓名"], true), new("phone", "联系电话", ["联系电话"]), new("id", "身份证号", ["身份证号"])]);
        rows.Count.ShouldBe(5);
        rows[0]["phone"].ShouldBe("139****5678");
        rows[0]["id"]!.ShouldContain("********");
        // a second draw for the same call is refused: re-draw with a reason instead
        (await bureau.PostAsJsonAsync($"/api/programmes/calls/{call}/draws", new { })).StatusCode.ShouldBe(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task Avoidance_CoApplicantSameEmployerRelationAndCounty_ExcludedWithReasons_ShortfallRefused()
    {
        var bureau = await App.CreateClientAsAsync("bureau");
        // two real 2017 records of 江苏恒瑞医药股份有限公司 with 上海恒瑞医药有限公司 as co-applicant (CN103415520B8, CN107033097A)
        var rows = Cn2017.At(169815, 206473);
        rows.ShouldAllBe(r => r[Cn2017.Col("applicant")] == Hengrui && r[Cn2017.Col("inventor")] == "上海恒瑞医药有限公司");
        var imp = await RecordsApi.ImportAsync(bureau, Cn2017.Utf8Csv(rows.Select(r => (IReadOnlyList<string>)r)), "hengrui-co-applicants.csv");
        imp.GetProperty("status").GetString().ShouldBe("succeeded", imp.ToString());
        await EntitiesTest.ResolveAsync(bureau);
        var entity = await App.ScalarAsync<long>("SELECT id FROM entities WHERE name = $1", Hengrui);

        var call = await Data.CallAsync(size: 2, reserves: 1, avoidSameRegion: true);
        await Data.ApplicationInStateAsync(call, Hengrui, entityId: entity, region: "320771");
        var coApplicant = await Data.ExpertAsync("测试专家甲", "上海恒瑞医药有限公司");
        var sameEmployer = await Data.ExpertAsync("测试专家乙", Hengrui);
        var related = await Data.ExpertAsync("测试专家丙", "示例大学", relationParty: "恒瑞医药");
        var sameCounty = await Data.ExpertAsync("测试专家丁", "示例研究院", region: "320771");
        var free = new[] { await Data.ExpertAsync("测试专家戊", "示例大学"), await Data.ExpertAsync("测试专家己", "示例设计院") };

        // 2 free experts cannot give 2 members + 1 reserve: refused, naming the shortfall, nothing stored
        var refused = await bureau.PostAsJsonAsync($"/api/programmes/calls/{call}/draws", new { specialties = new[] { "C" } });
        refused.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await refused.Content.ReadAsStringAsync()).ShouldContain("还差 1 名");
        (await App.ScalarAsync<long>("SELECT count(*) FROM programme_draws")).ShouldBe(0);

        var draw = await bureau.PostAsJsonAsync($"/api/programmes/calls/{call}/draws", new { specialties = new[] { "C" }, reserves = 0 }).JsonAsync(HttpStatusCode.Created);
        Ids(draw.GetProperty("inputs").GetProperty("eligibleExpertIds")).ShouldBe(free);
        draw.GetProperty("inputs").GetProperty("poolCount").GetInt32().ShouldBe(6);
        var reasons = draw.GetProperty("exclusions").EnumerateArray().ToDictionary(x => x.GetProperty("expertId").GetInt64(),
            x => string.Join("|", x.GetProperty("reasons").EnumerateArray().Select(r => r.GetString())));
        reasons.Keys.Order().ShouldBe(new[] { coApplicant, sameEmployer, related, sameCounty }.Order());
        reasons[coApplicant].ShouldContain("现任职单位“上海恒瑞医药有限公司”与申报单位“江苏恒瑞医药股份有限公司”共同申请专利");
        reasons[sameEmployer].ShouldContain("专家现任职单位“江苏恒瑞医药股份有限公司”");
        reasons[related].ShouldContain("持股、投资或其他经济利益");
        reasons[sameCounty].ShouldContain("本项目要求同县区回避");
        Ids(draw.GetProperty("result").GetProperty("members")).Order().ShouldBe(free);
    }

    [Fact]
    public async Task Redraw_NeedsAReason_SupersedesTheOld_DeclineIsReplacedFromReservesInOrder_UntilNoneLeft()
    {
        var bureau = await App.CreateClientAsAsync("bureau");
        var call = await Data.CallAsync(size: 2, reserves: 2);
        await Data.ApplicationInStateAsync(call, Hengrui);
        await PoolAsync(6);
        var first = await bureau.PostAsJsonAsync($"/api/programmes/calls/{call}/draws", new { specialties = new[] { "C" } }).JsonAsync(HttpStatusCode.Created);
        var firstId = first.GetProperty("id").GetInt64();
        (await bureau.PostAsJsonAsync($"/api/programmes/draws/{firstId}/redraw", new { reason = " " })).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var second = await bureau.PostAsJsonAsync($"/api/programmes/draws/{firstId}/redraw", new { reason = "抽取条件设置有误" }).JsonAsync(HttpStatusCode.Created);
        var id = second.GetProperty("id").GetInt64();
        second.GetProperty("seed").GetString().ShouldNotBe(first.GetProperty("seed").GetString());
        second.GetProperty("supersedes").GetInt64().ShouldBe(firstId);
        var old = await bureau.GetAsync($"/api/programmes/draws/{firstId}").JsonAsync();
        old.GetProperty("status").GetString().ShouldBe("superseded");
        old.GetProperty("supersededBy").GetInt64().ShouldBe(id);
        old.GetProperty("log").EnumerateArray().Last().GetProperty("note").GetString()!.ShouldContain("抽取条件设置有误");

        // members 1, 2 active; reserves 3, 4 waiting: member 2 declines → reserve 3 takes the seat; member 1 → reserve 4; then none left
        var m = second.GetProperty("members").EnumerateArray().ToArray();
        var after = await bureau.PostAsJsonAsync($"/api/programmes/draws/{id}/members/{m[1].GetProperty("id").GetInt64()}/replace", new { status = "declined", reason = "出差无法参加" }).JsonAsync();
        var byPos = after.GetProperty("members").EnumerateArray().ToDictionary(x => x.GetProperty("position").GetInt32());
        byPos[2].GetProperty("status").GetString().ShouldBe("declined");
        byPos[3].GetProperty("status").GetString().ShouldBe("active");
        byPos[3].GetProperty("replaces").GetInt64().ShouldBe(m[1].GetProperty("id").GetInt64());
        byPos[4].GetProperty("status").GetString().ShouldBe("waiting");
        after.GetProperty("log").EnumerateArray().Select(e => e.GetProperty("action").GetString()).ShouldBe(["redrawn", "decline", "replace"]);
        after = await bureau.PostAsJsonAsync($"/api/programmes/draws/{id}/members/{m[0].GetProperty("id").GetInt64()}/replace", new { status = "conflict", reason = "近三年曾为申报单位提供咨询" }).JsonAsync();
        after.GetProperty("members").EnumerateArray().Single(x => x.GetProperty("position").GetInt32() == 4).GetProperty("replaces").GetInt64().ShouldBe(m[0].GetProperty("id").GetInt64());
        var third = after.GetProperty("members").EnumerateArray().Single(x => x.GetProperty("position").GetInt32() == 3).GetProperty("id").GetInt64();
        var none = await bureau.PostAsJsonAsync($"/api/programmes/draws/{id}/members/{third}/replace", new { status = "declined", reason = "生病" });
        none.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await none.Content.ReadAsStringAsync()).ShouldContain("没有可递补的专家");

        // once scoring started the panel cannot be re-drawn
        var appId = Ids(second.GetProperty("inputs").GetProperty("applicationIds"))[0];
        await Data.SubmittedScoreAsync(appId, third, 30, 20, 20);
        var late = await bureau.PostAsJsonAsync($"/api/programmes/draws/{id}/redraw", new { reason = "再抽一次" });
        late.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await late.Content.ReadAsStringAsync()).ShouldContain("已有专家开始评分");
    }

    [Fact]
    public async Task Expert_SeesOnlyOwnPanels_ScoresAreValidated_DraftThenSubmit()
    {
        var bureau = await App.CreateClientAsAsync("bureau");
        var expert = await App.CreateClientAsAsync("expert");
        var call = await Data.CallAsync(size: 2, reserves: 0);
        var appId = await Data.ApplicationInStateAsync(call, Hengrui);
        var otherCall = await Data.CallAsync(size: 1, reserves: 0);
        var otherApp = await Data.ApplicationInStateAsync(otherCall, "示例：另一申报单位");
        var demo = await Data.DemoExpertAsync("C");
        var other = await Data.ExpertAsync("测试专家甲", "示例大学", ["C"]);
        await bureau.PostAsJsonAsync($"/api/programmes/calls/{call}/draws", new { specialties = new[] { "C" } }).JsonAsync(HttpStatusCode.Created);
        await bureau.PostAsJsonAsync($"/api/programmes/calls/{otherCall}/draws", new { specialties = new[] { "G" }, size = 1 }).JsonAsync(HttpStatusCode.Conflict); // nobody in G
        (await App.ScalarAsync<long>("SELECT count(*) FROM programme_panel_members WHERE expert_id = ANY($1)", new[] { demo, other })).ShouldBe(2);

        var panels = await expert.GetAsync("/api/programmes/review/panels").JsonAsync();
        panels.GetArrayLength().ShouldBe(1);
        panels[0].GetProperty("applications")[0].GetProperty("id").GetInt64().ShouldBe(appId);
        var memberId = panels[0].GetProperty("memberId").GetInt64();
        (await expert.PostAsJsonAsync($"/api/programmes/review/panels/{memberId}/accept", new { }).JsonAsync())[0].GetProperty("accepted").GetBoolean().ShouldBeTrue();
        (await expert.GetAsync($"/api/programmes/review/applications/{otherApp}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await (await App.CreateClientAsAsync("hengrui")).GetAsync($"/api/programmes/review/applications/{appId}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await (await App.CreateClientAsAsync("hengrui")).GetAsync("/api/programmes/review/panels").JsonAsync()).GetArrayLength().ShouldBe(0);

        var view = await expert.GetAsync($"/api/programmes/review/applications/{appId}").JsonAsync();
        view.GetProperty("form").EnumerateArray().Single(f => f.GetProperty("key").GetString() == "contact").GetProperty("value").GetString().ShouldBe("张三 139****5678");
        view.GetProperty("sheet").GetProperty("maxTotal").GetDecimal().ShouldBe(100);

        var url = $"/api/programmes/review/applications/{appId}/score";
        var over = await expert.PutAsJsonAsync(url, new { scores = new { innovation = 41, management = 20 }, submit = false });
        over.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await over.Content.ReadAsStringAsync()).ShouldContain("“创新水平”的得分应在 0 至 40 之间");
        var draft = await expert.PutAsJsonAsync(url, new { scores = new { innovation = 20, management = 10 }, submit = false }).JsonAsync();
        draft.GetProperty("myScore").GetProperty("total").GetDecimal().ShouldBe(30);
        draft.GetProperty("editable").GetBoolean().ShouldBeTrue();
        var incomplete = await expert.PutAsJsonAsync(url, new { scores = new { innovation = 20, management = 10 }, submit = true });
        (await incomplete.Content.ReadAsStringAsync()).ShouldContain("请填写“经济效益”的得分");
        var noComment = await expert.PutAsJsonAsync(url, new { scores = new { innovation = 20, management = 10, benefit = 10 }, submit = true });
        noComment.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await noComment.Content.ReadAsStringAsync()).ShouldContain("请填写评审意见");
        var done = await expert.PutAsJsonAsync(url, new { scores = new { innovation = 20, management = 10, benefit = 10 }, comment = "核心专利少，管理制度不健全", submit = true }).JsonAsync();
        done.GetProperty("editable").GetBoolean().ShouldBeFalse();
        (await expert.PutAsJsonAsync(url, new { scores = new { innovation = 40, management = 30, benefit = 30 }, submit = true })).StatusCode.ShouldBe(HttpStatusCode.Conflict);
    }

    /// <summary>A call with its panel of <paramref name="size"/> drawn (no reserves) and the member ids in position order.</summary>
    private async Task<(long Call, long App, long[] Members)> PanelAsync(HttpClient bureau, int size, string applicant = Hengrui)
    {
        var call = await Data.CallAsync(size: size, reserves: 0);
        var appId = await Data.ApplicationInStateAsync(call, applicant);
        await PoolAsync(size);
        var draw = await bureau.PostAsJsonAsync($"/api/programmes/calls/{call}/draws", new { specialties = new[] { "C" } }).JsonAsync(HttpStatusCode.Created);
        return (call, appId, draw.GetProperty("members").EnumerateArray().Select(m => m.GetProperty("id").GetInt64()).ToArray());
    }

    [Fact]
    public async Task Aggregation_TrimsWithFiveScores_NotWithThree_FlagsDispersion_AdjustNeedsAReason_RanksFollow()
    {
        var bureau = await App.CreateClientAsAsync("bureau");
        var (call5, app5, five) = await PanelAsync(bureau, 5);
        decimal[][] s5 = [[30, 25, 25], [32, 26, 22], [35, 28, 27], [20, 15, 15], [38, 28, 29]]; // totals 80, 80, 90, 50, 95
        for (var i = 0; i < 4; i++) await Data.SubmittedScoreAsync(app5, five[i], s5[i][0], s5[i][1], s5[i][2]);
        var missing = await bureau.PostAsJsonAsync($"/api/programmes/calls/{call5}/review/finish", new { });
        missing.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await missing.Content.ReadAsStringAsync()).ShouldContain("已提交 4 份评分，还差 1 份");
        await Data.SubmittedScoreAsync(app5, five[4], s5[4][0], s5[4][1], s5[4][2]);
        var overview = await bureau.GetAsync($"/api/programmes/calls/{call5}/scores").JsonAsync();
        var preview = overview.GetProperty("applications")[0].GetProperty("preview");
        preview.GetProperty("trimmed").GetBoolean().ShouldBeTrue();
        preview.GetProperty("mean").GetDecimal().ShouldBe(83.33m); // (80 + 80 + 90) / 3 without 95 and 50
        preview.GetProperty("dispersion").GetBoolean().ShouldBeTrue(); // 95 − 50 = 45 > 20 % of 100
        var finished = await bureau.PostAsJsonAsync($"/api/programmes/calls/{call5}/review/finish", new { }).JsonAsync();
        var row = finished.GetProperty("applications")[0];
        row.GetProperty("status").GetString().ShouldBe(ApplicationStates.Reviewed);
        row.GetProperty("score").GetDecimal().ShouldBe(83.33m);
        row.GetProperty("dispersionFlag").GetBoolean().ShouldBeTrue();
        row.GetProperty("rank").GetInt32().ShouldBe(1);
        (await App.ScalarAsync<string>("SELECT note FROM programme_application_events WHERE application_id = $1 AND action = 'finish_review'", app5))!
            .ShouldContain("去掉最高分 95、最低分 50");

        // three scores: the plain mean, no trimming, no dispersion flag (spread 10 ≤ 20)
        var (call3, app3, three) = await PanelAsync(bureau, 3);
        await Data.SubmittedScoreAsync(app3, three[0], 30, 20, 20);
        await Data.SubmittedScoreAsync(app3, three[1], 35, 20, 20);
        await Data.SubmittedScoreAsync(app3, three[2], 30, 25, 25);
        var r3 = (await bureau.PostAsJsonAsync($"/api/programmes/calls/{call3}/review/finish", new { }).JsonAsync()).GetProperty("applications")[0];
        r3.GetProperty("score").GetDecimal().ShouldBe(75m); // (70 + 75 + 80) / 3
        r3.GetProperty("preview").GetProperty("trimmed").GetBoolean().ShouldBeFalse();
        r3.GetProperty("dispersionFlag").GetBoolean().ShouldBeFalse();

        // 会审: a reason is required, the adjusted score is kept beside the panel's, the event is written
        var second = await Data.ApplicationInStateAsync(call5, "示例：第二家申报单位");
        (await bureau.PostAsJsonAsync($"/api/programmes/applications/{app5}/adjust", new { score = 70 })).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await bureau.PostAsJsonAsync($"/api/programmes/applications/{app5}/adjust", new { score = 101, reason = "x" })).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var adjusted = await bureau.PostAsJsonAsync($"/api/programmes/applications/{app5}/adjust", new { score = 78.5, reason = "会审认为经济效益数据未经审计，按 20 分计" }).JsonAsync();
        var a = adjusted.GetProperty("applications").EnumerateArray().Single(x => x.GetProperty("id").GetInt64() == app5);
        a.GetProperty("scoreAdjusted").GetDecimal().ShouldBe(78.5m);
        a.GetProperty("score").GetDecimal().ShouldBe(83.33m);
        (await App.ScalarAsync<string>("SELECT note FROM programme_application_events WHERE application_id = $1 AND action = 'adjust'", app5))!.ShouldContain("83.33 分调整为 78.5 分");
        (await App.ScalarAsync<long>("SELECT count(*) FROM programme_applications WHERE id = $1 AND status = 'accepted'", second)).ShouldBe(1);
        // an application not in review cannot be adjusted
        (await bureau.PostAsJsonAsync($"/api/programmes/applications/{second}/adjust", new { score = 60, reason = "x" })).StatusCode.ShouldBe(HttpStatusCode.Conflict);
    }
}
