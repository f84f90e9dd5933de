using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Zhichan.Tests.Infrastructure;

namespace Zhichan.Tests.Programmes.Calls;

/// <summary>
/// Applications through HTTP on 恒瑞's real 2017 patents: eligibility (pass and fail), submission (blocked by a failed rule, outside
/// the window), the district's recommendation, 补正 and resubmission, the formal check, withdrawal, closing an overdue 补正, and the
/// row filters (another unit or district answers 404; the district sees contacts masked).
/// </summary>
public class CallsApplicationTests(ZhichanFactory app) : CallsTest(app)
{
    private static JsonElement Rule(JsonElement results, string kind) => results.EnumerateArray().Single(r => r.GetProperty("kind").GetString() == kind);

    private static object ComplianceForm => new
    {
        form = new Dictionary<string, object>
        {
            ["certificateNumber"] = "证书号待核（测试）", ["certifyingBody"] = "认证机构（测试）", ["certifiedOn"] = D(Today.AddMonths(-3)), ["amount"] = 50000,
            ["contactName"] = "王小明", ["contactPhone"] = "13912345678",
        },
        declarations = new[] { "truthful", "not_funded" },
    };

    [Fact]
    public async Task Eligibility_FromRealRecords_PassesForTheDemoEnterprise_FailsWithoutACertificate_AndAFailedRuleBlocksSubmission()
    {
        await ImportHengruiAsync();
        var bureau = await App.CreateClientAsAsync("bureau");
        var hengrui = await App.CreateClientAsAsync("hengrui");
        var demoCall = await OpenCallAsync(bureau, "ip_demo_enterprise");
        var draft = await CreateDraftAsync(hengrui, demoCall);
        var id = draft.GetProperty("summary").GetProperty("id").GetInt64();
        draft.GetProperty("entityId").ValueKind.ShouldBe(JsonValueKind.Number);
        draft.GetProperty("actions").EnumerateArray().Select(x => x.GetString()).ShouldBe(["submit", "withdraw", "edit"], ignoreOrder: true);

        var results = await Json(await hengrui.GetAsync($"/api/programmes/applications/{id}/eligibility"), HttpStatusCode.OK);
        results.EnumerateArray().ShouldAllBe(r => r.GetProperty("outcome").GetString() == "pass");
        Rule(results, "registered_in_region").GetProperty("evidence").GetString()!.ShouldContain("320771");
        var inventions = Rule(results, "valid_inventions");
        inventions.GetProperty("evidence").GetString()!.ShouldContain("要求不少于 3 件");
        inventions.GetProperty("items").EnumerateArray().ShouldContain(i => i.GetString()!.StartsWith(GrantedPatent));
        inventions.GetProperty("items").EnumerateArray().ShouldNotContain(i => i.GetString()!.StartsWith(PendingPatent));
        Rule(results, "valid_inventions").GetProperty("source").GetString()!.ShouldContain("#23");

        // a published, not granted patent named as core patent: the rule fails with the reason
        await Json(await hengrui.PutAsJsonAsync($"/api/programmes/applications/{id}", DemoForm(PendingPatent)), HttpStatusCode.OK);
        results = await Json(await hengrui.GetAsync($"/api/programmes/applications/{id}/eligibility"), HttpStatusCode.OK);
        var named = Rule(results, "form_patents_held");
        named.GetProperty("outcome").GetString().ShouldBe("fail");
        named.GetProperty("items")[0].GetString()!.ShouldContain("不是有效专利");
        // a number the records do not know is refused by the form itself
        var unknown = await (await hengrui.PutAsJsonAsync($"/api/programmes/applications/{id}", DemoForm("201799999999.9"))).ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        unknown.GetProperty("errors").GetProperty("form.keyPatents")[0].GetString().ShouldNotBeNullOrWhiteSpace();

        // a 失信 listing of protection within two years fails the rule, with its decision number
        await App.ExecuteAsync("""
            INSERT INTO credit_listings (subject_name, subject_kind, decision_number, reason, status, listed_on, expires_on)
            VALUES ($1, 'organisation', '连市监知罚〔测试〕1号', '测试：重复侵权', 'published', current_date - 30, current_date + 1000)
            """, Hengrui);
        results = await Json(await hengrui.GetAsync($"/api/programmes/applications/{id}/eligibility"), HttpStatusCode.OK);
        Rule(results, "no_dishonesty").GetProperty("outcome").GetString().ShouldBe("fail");
        Rule(results, "no_dishonesty").GetProperty("items")[0].GetString()!.ShouldContain("连市监知罚〔测试〕1号");
        await App.ExecuteAsync("DELETE FROM credit_listings");

        // 贯标资助 without a certificate in the register: the rule fails and blocks the submission with its Chinese reason
        var compliance = await OpenCallAsync(bureau, "ip_compliance_subsidy");
        var c = (await CreateDraftAsync(hengrui, compliance)).GetProperty("summary").GetProperty("id").GetInt64();
        await Json(await hengrui.PutAsJsonAsync($"/api/programmes/applications/{c}", ComplianceForm), HttpStatusCode.OK);
        var missing = await (await hengrui.PostAsync($"/api/programmes/applications/{c}/submit", null)).ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        missing.GetProperty("errors").GetProperty("files.certificate")[0].GetString().ShouldBe("请上传认证证书");
        await UploadAsync(hengrui, c, "certificate");
        var refused = await (await hengrui.PostAsync($"/api/programmes/applications/{c}/submit", null)).ShouldBeProblemAsync(HttpStatusCode.Conflict);
        refused.GetProperty("detail").GetString()!.ShouldContain("持有有效的知识产权管理体系（贯标）认证证书");
        (await App.ScalarAsync<string>("SELECT status FROM programme_applications WHERE id = $1", c)).ShouldBe("draft");

        // the certificate registered on the entity (label ip_standard): the rule passes with the certificate as evidence, and the submission goes through
        await App.ExecuteAsync("""
            INSERT INTO entity_labels (entity_id, kind, valid_from, valid_to, certificate_number, certifying_body, source)
            SELECT id, 'ip_standard', current_date - 90, current_date + 900, 'CERT-TEST-1', '认证机构（测试）', '测试' FROM entities WHERE org_unit_id IS NOT NULL
            """);
        results = await Json(await hengrui.GetAsync($"/api/programmes/applications/{c}/eligibility"), HttpStatusCode.OK);
        Rule(results, "entity_label").GetProperty("items")[0].GetString()!.ShouldContain("CERT-TEST-1");
        var submitted = await Json(await hengrui.PostAsync($"/api/programmes/applications/{c}/submit", null), HttpStatusCode.OK);
        submitted.GetProperty("summary").GetProperty("status").GetString().ShouldBe("submitted");
        submitted.GetProperty("eligibility").GetArrayLength().ShouldBe(4);
        submitted.GetProperty("summary").GetProperty("eligibilityFailed").GetInt32().ShouldBe(0);
    }

    [Fact]
    public async Task Application_SubmitRecommendCorrectResubmitAccept_WithRowFiltersAndMaskedContacts()
    {
        await ImportHengruiAsync();
        var bureau = await App.CreateClientAsAsync("bureau");
        var hengrui = await App.CreateClientAsAsync("hengrui");
        var kaifaqu = await KaifaquAsync();
        var call = await OpenCallAsync(bureau, "ip_demo_enterprise");
        var id = (await CreateDraftAsync(hengrui, call)).GetProperty("summary").GetProperty("id").GetInt64();
        (await hengrui.PostAsJsonAsync("/api/programmes/applications", new { callId = call })).StatusCode.ShouldBe(HttpStatusCode.Conflict);
        // a draft is the applicant's own
        (await bureau.GetAsync($"/api/programmes/applications/{id}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);

        await Json(await hengrui.PutAsJsonAsync($"/api/programmes/applications/{id}", DemoForm(GrantedPatent)), HttpStatusCode.OK);
        await UploadAsync(hengrui, id, "licence");
        await UploadAsync(hengrui, id, "ip_rules");
        var sent = await Json(await hengrui.PostAsync($"/api/programmes/applications/{id}/submit", null), HttpStatusCode.OK);
        sent.GetProperty("summary").GetProperty("statusName").GetString().ShouldBe("已提交");
        sent.GetProperty("actions").EnumerateArray().Select(x => x.GetString()).ShouldBe(["withdraw"]);

        // row filters: another unit, another district 404; the applicant's district sees it with the contacts masked; experts are not let in
        (await (await App.CreateClientAsAsync("agency")).GetAsync($"/api/programmes/applications/{id}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        var lianyun = await App.CreateClientAsAsync("lianyun");
        (await lianyun.GetAsync($"/api/programmes/applications/{id}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await Json(await lianyun.GetAsync("/api/programmes/applications"), HttpStatusCode.OK)).GetProperty("total").GetInt32().ShouldBe(0);
        (await (await App.CreateClientAsAsync("expert")).GetAsync($"/api/programmes/applications/{id}")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        var seen = await Json(await kaifaqu.GetAsync($"/api/programmes/applications/{id}"), HttpStatusCode.OK);
        seen.GetProperty("formMasked").GetBoolean().ShouldBeTrue();
        seen.GetProperty("form").GetProperty("contactPhone").GetString().ShouldBe("139****5678");
        seen.GetProperty("form").GetProperty("contactName").GetString().ShouldBe("王某某");
        seen.GetProperty("actions").EnumerateArray().Select(x => x.GetString()).ShouldBe(["recommend", "not_recommend"], ignoreOrder: true);
        (await Json(await kaifaqu.GetAsync($"/api/programmes/applications?callId={call}"), HttpStatusCode.OK)).GetProperty("total").GetInt32().ShouldBe(1);
        (await Json(await bureau.GetAsync($"/api/programmes/applications/{id}"), HttpStatusCode.OK)).GetProperty("form").GetProperty("contactPhone").GetString()
            .ShouldBe("13912345678");

        // the formal check waits for the district's recommendation
        (await bureau.PostAsJsonAsync($"/api/programmes/applications/{id}/formal-check", new { action = "accept" })).StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await lianyun.PostAsJsonAsync($"/api/programmes/applications/{id}/recommendation", new { recommend = true })).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        var recommended = await Json(await kaifaqu.PostAsJsonAsync($"/api/programmes/applications/{id}/recommendation",
            new { recommend = true, note = "企业知识产权管理规范，同意推荐" }), HttpStatusCode.OK);
        recommended.GetProperty("summary").GetProperty("status").GetString().ShouldBe("recommended");

        // 补正: a reason is required; the deadline counts working days
        (await bureau.PostAsJsonAsync($"/api/programmes/applications/{id}/formal-check", new { action = "request_correction" })).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var correction = await Json(await bureau.PostAsJsonAsync($"/api/programmes/applications/{id}/formal-check",
            new { action = "request_correction", note = "请补充上年度财务审计报告" }), HttpStatusCode.OK);
        var due = DateOnly.Parse(correction.GetProperty("summary").GetProperty("correctionDue").GetString()!);
        due.ShouldBeGreaterThanOrEqualTo(Today.AddDays(5));
        due.ShouldBeLessThanOrEqualTo(Today.AddDays(30));
        var mine = await Json(await hengrui.GetAsync($"/api/programmes/applications/{id}"), HttpStatusCode.OK);
        mine.GetProperty("summary").GetProperty("correctionRequest").GetString().ShouldBe("请补充上年度财务审计报告");
        mine.GetProperty("actions").EnumerateArray().Select(x => x.GetString()).ShouldBe(["resubmit", "withdraw", "edit"], ignoreOrder: true);
        await UploadAsync(hengrui, id, "audit");
        var resent = await Json(await hengrui.PostAsync($"/api/programmes/applications/{id}/resubmit", null), HttpStatusCode.OK);
        resent.GetProperty("summary").GetProperty("status").GetString().ShouldBe("submitted");
        resent.GetProperty("files").GetArrayLength().ShouldBe(3);

        // the recommendation stands: the bureau accepts, and the applicant can no longer withdraw
        var accepted = await Json(await bureau.PostAsJsonAsync($"/api/programmes/applications/{id}/formal-check", new { action = "accept", note = "材料齐全" }),
            HttpStatusCode.OK);
        accepted.GetProperty("summary").GetProperty("statusName").GetString().ShouldBe("形式审查通过（待评审）");
        accepted.GetProperty("timeline").EnumerateArray().Select(e => e.GetProperty("action").GetString())
            .ShouldBe(["create", "submit", "recommend", "request_correction", "resubmit", "accept"]);
        (await hengrui.PostAsJsonAsync($"/api/programmes/applications/{id}/withdraw", new { })).StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await App.ScalarAsync<long>("SELECT count(*) FROM audit_log WHERE entity = 'programme_applications' AND entity_id = $1", id.ToString())).ShouldBeGreaterThan(3);
    }

    [Fact]
    public async Task Submission_OutsideTheWindowRefused_Withdraw_OverdueCorrectionClosed_ApplicantKindChecked()
    {
        var bureau = await App.CreateClientAsAsync("bureau");
        var hengrui = await App.CreateClientAsAsync("hengrui");
        var typeId = await TypeIdAsync("ip_director_training");
        var call = await OpenCallAsync(bureau, "ip_director_training", from: 3, to: 30);
        var id = (await CreateDraftAsync(hengrui, call)).GetProperty("summary").GetProperty("id").GetInt64();
        await Json(await hengrui.PutAsJsonAsync($"/api/programmes/applications/{id}", new
        {
            form = new Dictionary<string, object> { ["personName"] = "李华", ["personPhone"] = "13800001111", ["position"] = "知识产权部经理", ["yearsInIp"] = 6 },
            declarations = new[] { "attend" },
        }), HttpStatusCode.OK);
        var early = await (await hengrui.PostAsync($"/api/programmes/applications/{id}/submit", null)).ShouldBeProblemAsync(HttpStatusCode.Conflict);
        early.GetProperty("detail").GetString()!.ShouldContain("尚不能提交");

        var body = JsonSerializer.SerializeToNode(CallBody(typeId, -20, -1))!;
        await Json(await bureau.PutAsJsonAsync($"/api/programmes/calls/{call}", body), HttpStatusCode.OK);
        var late = await (await hengrui.PostAsync($"/api/programmes/applications/{id}/submit", null)).ShouldBeProblemAsync(HttpStatusCode.Conflict);
        late.GetProperty("detail").GetString()!.ShouldContain("截止");

        body!["applyTo"] = D(Today);
        await Json(await bureau.PutAsJsonAsync($"/api/programmes/calls/{call}", body), HttpStatusCode.OK);
        await Json(await hengrui.PostAsync($"/api/programmes/applications/{id}/submit", null), HttpStatusCode.OK);

        // an overdue 补正 shows its days late; the bureau closes it with the reason
        await Json(await bureau.PostAsJsonAsync($"/api/programmes/applications/{id}/formal-check", new { action = "request_correction", note = "请补充学员任职证明" }),
            HttpStatusCode.OK);
        await App.ExecuteAsync("UPDATE programme_applications SET correction_due = $2 WHERE id = $1", id, Today.AddDays(-4));
        var list = await Json(await bureau.GetAsync($"/api/programmes/applications?callId={call}&status=correction"), HttpStatusCode.OK);
        list.GetProperty("items")[0].GetProperty("correctionOverdueDays").GetInt32().ShouldBe(4);
        list.GetProperty("byStatus").GetProperty("correction").GetInt32().ShouldBe(1);
        var closed = await Json(await bureau.PostAsJsonAsync($"/api/programmes/applications/{id}/formal-check",
            new { action = "close", note = "逾期未补正，不予受理" }), HttpStatusCode.OK);
        closed.GetProperty("summary").GetProperty("statusName").GetString().ShouldBe("不予受理");
        (await hengrui.PostAsync($"/api/programmes/applications/{id}/resubmit", null)).StatusCode.ShouldBe(HttpStatusCode.Conflict);

        // withdrawn: the unit may start again in the same call
        var second = await OpenCallAsync(bureau, "ip_director_training");
        var w = (await CreateDraftAsync(hengrui, second)).GetProperty("summary").GetProperty("id").GetInt64();
        var withdrawn = await Json(await hengrui.PostAsJsonAsync($"/api/programmes/applications/{w}/withdraw", new { note = "人选调整" }), HttpStatusCode.OK);
        withdrawn.GetProperty("summary").GetProperty("statusName").GetString().ShouldBe("已撤回");
        await CreateDraftAsync(hengrui, second);

        // the applicant kind of the programme: an agency applies to the agency grading, not to an enterprise programme
        var agency = await App.CreateClientAsAsync("agency");
        (await agency.PostAsJsonAsync("/api/programmes/applications", new { callId = second })).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        var grading = await OpenCallAsync(bureau, "agency_grading");
        await CreateDraftAsync(agency, grading);
        (await hengrui.PostAsJsonAsync("/api/programmes/applications", new { callId = grading })).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }
}
