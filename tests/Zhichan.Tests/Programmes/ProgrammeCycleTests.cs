using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Zhichan.Api.Features.Indicators;
using Zhichan.Api.Platform;
using Zhichan.Tests.Infrastructure;
using Zhichan.Tests.Programmes.Calls;

namespace Zhichan.Tests.Programmes;

/// <summary>
/// The whole engine end to end over HTTP, for two seeded programme types on 恒瑞's real 2017 records: 知识产权示范企业认定 (a
/// recognition with a district recommendation and an expert panel) and 企业知识产权合规管理体系（贯标）资助 (a subsidy granted on the
/// certificate, without expert scoring). Eligibility from the records and the registry, 补正, the formal check, the draw with a
/// co-applicant excluded and re-run from its seed, scoring with trimming, publicity with an objection, the decision, the payment
/// and the indicators moving — every step through the same endpoints the pages use.
/// </summary>
public class ProgrammeCycleTests(ZhichanFactory app) : CallsTest(app)
{
    private const string Out = "/api/programmes/outcomes";

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync(); // the reset empties the indicator catalogue too: load it again
        foreach (var t in App.Services.GetServices<IStartupTask>().OfType<IndicatorCatalogueLoader>()) await t.RunAsync(CancellationToken.None);
    }

    private async Task<HttpClient> ExpertAccountAsync(HttpClient admin, HttpClient bureau, string username, string name, string employer)
    {
        var user = await Json(await admin.PostAsJsonAsync("/api/admin/users", new
        {
            username, displayName = name, role = "expert", password = ZhichanFactory.Password,
        }), HttpStatusCode.Created);
        await Json(await bureau.PostAsJsonAsync("/api/registries/experts", new
        {
            name, title = "正高级工程师", employer, specialties = new[] { "A", "C" }, userId = user.GetProperty("id").GetInt64(), note = "示例：全流程测试专家",
        }), HttpStatusCode.Created);
        return await App.CreateClientAsAsync(username);
    }

    private async Task<decimal> IndicatorAsync(HttpClient bureau, string code, string region)
    {
        var values = await Json(await bureau.GetAsync($"/api/indicators/{code}/values?region={region}&year={Today.Year}"), HttpStatusCode.OK);
        var v = values.GetProperty("values").EnumerateArray().Single(v => v.GetProperty("regionCode").GetString() == region).GetProperty("value");
        return v.ValueKind == JsonValueKind.Null ? 0m : v.GetDecimal(); // not computed yet: nothing counted
    }

    /// <summary>Publicity with an objection (answered), the window ended, then the decision; returns the decided row.</summary>
    private async Task<JsonElement> PubliciseAndDecideAsync(HttpClient bureau, long call, long id, string level, decimal? amount)
    {
        await Json(await bureau.PutAsJsonAsync($"{Out}/applications/{id}/proposal", new { level, amount }), HttpStatusCode.OK);
        await Json(await bureau.PostAsync($"{Out}/calls/{call}/publicity", null), HttpStatusCode.OK);
        var anon = App.CreateAnonymousClient();
        var notices = await Json(await anon.GetAsync("/api/public/programmes/notices"), HttpStatusCode.OK);
        var notice = notices.ToString();
        notice.ShouldContain(Hengrui);
        notice.ShouldNotContain("13912345678");
        await Json(await anon.PostAsJsonAsync($"/api/public/programmes/notices/{call}/objections",
            new { applicationId = id, name = "张三", phone = "13800001111", content = "请核实申报单位的专利是否均为有效专利。" }), HttpStatusCode.Created);
        await Outcomes.ProgrammeTestData.EndWindowAsync(App, call);
        (await bureau.PostAsJsonAsync($"{Out}/applications/{id}/decision", new { approve = true })).StatusCode.ShouldBe(HttpStatusCode.Conflict);
        var objection = (await Json(await bureau.GetAsync($"{Out}/calls/{call}/objections"), HttpStatusCode.OK))[0];
        objection.GetProperty("phone").GetString().ShouldBe("13800001111");
        await Json(await bureau.PostAsJsonAsync($"{Out}/objections/{objection.GetProperty("id").GetInt64()}/answer",
            new { upheld = false, answer = "经核查，所列专利均为有效专利，异议不成立。" }), HttpStatusCode.OK);
        var decided = await Json(await bureau.PostAsJsonAsync($"{Out}/applications/{id}/decision", new { approve = true, note = "公示期满，异议已答复" }), HttpStatusCode.OK);
        return decided.GetProperty("applications").EnumerateArray().Single(r => r.GetProperty("id").GetInt64() == id);
    }

    [Fact]
    public async Task Recognition_DemoEnterprise_FromApplicationToLabel_WithPanelDrawScoringAndPublicity()
    {
        await ImportHengruiAsync();
        var admin = await App.CreateClientAsAsync("admin");
        var bureau = await App.CreateClientAsAsync("bureau");
        var hengrui = await App.CreateClientAsAsync("hengrui");
        var kaifaqu = await KaifaquAsync();
        var call = await OpenCallAsync(bureau, "ip_demo_enterprise");

        // apply: eligibility from the records (≥ 3 valid inventions of 恒瑞), submit, recommendation, 补正, resubmit, accept
        var id = (await CreateDraftAsync(hengrui, call)).GetProperty("summary").GetProperty("id").GetInt64();
        await Json(await hengrui.PutAsJsonAsync($"/api/programmes/applications/{id}", DemoForm(GrantedPatent)), HttpStatusCode.OK);
        var eligibility = await Json(await hengrui.GetAsync($"/api/programmes/applications/{id}/eligibility"), HttpStatusCode.OK);
        eligibility.EnumerateArray().ShouldAllBe(r => r.GetProperty("outcome").GetString() == "pass");
        await UploadAsync(hengrui, id, "licence");
        await UploadAsync(hengrui, id, "ip_rules");
        await Json(await hengrui.PostAsync($"/api/programmes/applications/{id}/submit", null), HttpStatusCode.OK);
        await Json(await kaifaqu.PostAsJsonAsync($"/api/programmes/applications/{id}/recommendation", new { recommend = true, note = "同意推荐" }), HttpStatusCode.OK);
        await Json(await bureau.PostAsJsonAsync($"/api/programmes/applications/{id}/formal-check", new { action = "request_correction", note = "请补充审计报告" }), HttpStatusCode.OK);
        await UploadAsync(hengrui, id, "audit");
        await Json(await hengrui.PostAsync($"/api/programmes/applications/{id}/resubmit", null), HttpStatusCode.OK);
        await Json(await bureau.PostAsJsonAsync($"/api/programmes/applications/{id}/formal-check", new { action = "accept", note = "材料齐全" }), HttpStatusCode.OK);

        // the pool: five experts with accounts, and one whose employer co-applied with 恒瑞 in the records (CN103415520B8, CN107033097A)
        var experts = new List<HttpClient>();
        foreach (var (u, n, e) in new[] { ("cyc1", "全流程专家一", "示例大学"), ("cyc2", "全流程专家二", "示例研究院"), ("cyc3", "全流程专家三", "示例设计院"),
                     ("cyc4", "全流程专家四", "示例科技公司"), ("cyc5", "全流程专家五", "示例律师事务所") })
            experts.Add(await ExpertAccountAsync(admin, bureau, u, n, e));
        await Json(await bureau.PostAsJsonAsync("/api/registries/experts", new { name = "全流程专家六", title = "高级工程师", employer = "上海恒瑞医药有限公司", specialties = new[] { "C" } }),
            HttpStatusCode.Created);
        var draw = await Json(await bureau.PostAsJsonAsync($"/api/programmes/calls/{call}/draws", new { size = 5, reserves = 0, specialties = new[] { "C" } }), HttpStatusCode.Created);
        var excluded = draw.GetProperty("exclusions").EnumerateArray().Single();
        string.Join("|", excluded.GetProperty("reasons").EnumerateArray().Select(r => r.GetString())).ShouldContain("共同申请专利");
        draw.GetProperty("seed").GetString()!.Length.ShouldBe(64);
        var drawId = draw.GetProperty("id").GetInt64();
        // each drawn expert with an account is told of the seat
        foreach (var e in experts)
            (await Json(await e.GetAsync("/api/notifications"), HttpStatusCode.OK)).ToString().ShouldContain("评审专家组邀请");
        await Json(await bureau.PostAsJsonAsync($"/api/programmes/draws/{drawId}/publish", new { }), HttpStatusCode.OK);
        var verify = await Json(await App.CreateAnonymousClient().GetAsync($"/api/public/programmes/draws/{drawId}/verify"), HttpStatusCode.OK);
        verify.ToString().ShouldContain("true");

        // every member accepts and scores online; the highest and the lowest are dropped (5 scores)
        int[][] scores = [[20, 20, 25, 15], [22, 21, 26, 16], [18, 19, 24, 14], [25, 25, 30, 20], [10, 10, 10, 10]]; // 80, 85, 75, 100, 40
        for (var i = 0; i < experts.Count; i++)
        {
            var panels = await Json(await experts[i].GetAsync("/api/programmes/review/panels"), HttpStatusCode.OK);
            var member = panels[0].GetProperty("memberId").GetInt64();
            await Json(await experts[i].PostAsJsonAsync($"/api/programmes/review/panels/{member}/accept", new { }), HttpStatusCode.OK);
            var s = scores[i];
            await Json(await experts[i].PutAsJsonAsync($"/api/programmes/review/applications/{id}/score", new
            {
                scores = new { management = s[0], creation = s[1], utilisation = s[2], protection = s[3] }, comment = "管理体系健全，核心专利已实施。", submit = true,
            }), HttpStatusCode.OK);
        }
        var finished = await Json(await bureau.PostAsJsonAsync($"/api/programmes/calls/{call}/review/finish", new { }), HttpStatusCode.OK);
        var row = finished.GetProperty("applications")[0];
        row.GetProperty("score").GetDecimal().ShouldBe(80m); // (80 + 85 + 75) / 3 without 100 and 40
        row.GetProperty("dispersionFlag").GetBoolean().ShouldBeTrue();

        // publicity with an objection, the decision after the window: the label on the entity, 示范/优势企业数 moves
        var before = await IndicatorAsync(bureau, "demo_enterprises", "320771");
        var decided = await PubliciseAndDecideAsync(bureau, call, id, "approved", null);
        decided.GetProperty("status").GetString().ShouldBe("approved");
        (await App.ScalarAsync<string>("SELECT kind || '|' || origin FROM entity_labels WHERE programme_ref IS NOT NULL")).ShouldBe("ip_demo|programmes");
        (await IndicatorAsync(bureau, "demo_enterprises", "320771")).ShouldBe(before + 1);
        var timeline = (await Json(await hengrui.GetAsync($"/api/programmes/applications/{id}"), HttpStatusCode.OK)).GetProperty("timeline");
        timeline.EnumerateArray().Select(e => e.GetProperty("action").GetString()).ShouldBe(
            ["create", "submit", "recommend", "request_correction", "resubmit", "accept", "finish_review", "publicise", "approve"]);
    }

    [Fact]
    public async Task Subsidy_ComplianceCertificate_FromApplicationToPayment_WithoutExpertScoring()
    {
        await ImportHengruiAsync();
        var bureau = await App.CreateClientAsAsync("bureau");
        var hengrui = await App.CreateClientAsAsync("hengrui");
        var call = await OpenCallAsync(bureau, "ip_compliance_subsidy");
        var id = (await CreateDraftAsync(hengrui, call)).GetProperty("summary").GetProperty("id").GetInt64();
        await Json(await hengrui.PutAsJsonAsync($"/api/programmes/applications/{id}", new
        {
            form = new Dictionary<string, object>
            {
                ["certificateNumber"] = "示例证书号-001", ["certifyingBody"] = "示例认证机构", ["certifiedOn"] = D(Today.AddMonths(-3)), ["amount"] = 50000,
                ["contactName"] = "王小明", ["contactPhone"] = "13912345678",
            },
            declarations = new[] { "truthful", "not_funded" },
        }), HttpStatusCode.OK);
        await UploadAsync(hengrui, id, "certificate");

        // without a certificate in the registry the rule fails and blocks; the bureau registers it on the entity, then it passes
        (await hengrui.PostAsync($"/api/programmes/applications/{id}/submit", null)).StatusCode.ShouldBe(HttpStatusCode.Conflict);
        var entity = await App.ScalarAsync<long>("SELECT id FROM entities WHERE org_unit_id IS NOT NULL AND name = $1", Hengrui);
        await Json(await bureau.PostAsJsonAsync($"/api/registries/entities/{entity}/labels", new
        {
            kind = "ip_standard", validFrom = D(Today.AddMonths(-3)), validTo = D(Today.AddYears(3)), certificateNumber = "示例证书号-001", certifyingBody = "示例认证机构",
            source = "示例：全流程测试登记的贯标证书",
        }), HttpStatusCode.Created);
        await Json(await hengrui.PostAsync($"/api/programmes/applications/{id}/submit", null), HttpStatusCode.OK);
        await Json(await bureau.PostAsJsonAsync($"/api/programmes/applications/{id}/formal-check", new { action = "request_correction", note = "证书扫描件不清晰，请重新上传" }), HttpStatusCode.OK);
        await UploadAsync(hengrui, id, "certificate");
        await Json(await hengrui.PostAsync($"/api/programmes/applications/{id}/resubmit", null), HttpStatusCode.OK);
        await Json(await bureau.PostAsJsonAsync($"/api/programmes/applications/{id}/formal-check", new { action = "accept" }), HttpStatusCode.OK);

        // no scoring sheet: no panel is drawn, the bureau ends the review on the formal check
        (await bureau.PostAsJsonAsync($"/api/programmes/calls/{call}/draws", new { })).StatusCode.ShouldBe(HttpStatusCode.Conflict);
        await Json(await bureau.PostAsJsonAsync($"/api/programmes/calls/{call}/review/finish", new { }), HttpStatusCode.OK);
        (await App.ScalarAsync<string>("SELECT status FROM programme_applications WHERE id = $1", id)).ShouldBe("reviewed");

        // publicity, decision with the amount, payment: 资助金额 moves by the paid amount
        var before = await IndicatorAsync(bureau, "programme_funding_amount", "320700");
        var decided = await PubliciseAndDecideAsync(bureau, call, id, "funded", 50000m);
        decided.GetProperty("status").GetString().ShouldBe("approved");
        (await bureau.PostAsJsonAsync($"{Out}/applications/{id}/payments", new { amount = 60000m, status = "paid", paidOn = D(Today) })).StatusCode.ShouldBe(HttpStatusCode.Conflict);
        await Json(await bureau.PostAsJsonAsync($"{Out}/applications/{id}/payments", new { amount = 50000m, status = "paid", paidOn = D(Today), reference = "示例拨付凭证-001" }),
            HttpStatusCode.OK);
        (await IndicatorAsync(bureau, "programme_funding_amount", "320700")).ShouldBe(before + 5m); // 万元
    }
}
