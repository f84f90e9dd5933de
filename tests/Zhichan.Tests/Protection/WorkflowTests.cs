using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Zhichan.Tests.Infrastructure;

namespace Zhichan.Tests.Protection;

/// <summary>The case state machine: every allowed and every refused transition, deadlines set by the transitions, the full path.</summary>
public class WorkflowTests(ProtectionFactory app) : ProtectionTest(app)
{
    private static readonly string[] Statuses =
        ["registered", "accepted", "filed", "investigating", "mediating", "decided", "closed", "rejected", "referred", "suspended", "withdrawn", "merged"];

    /// <summary>The specification (ADR 0203), written independently of the implementation: action → (from states → to state).</summary>
    private static readonly Dictionary<string, (string[] From, string To)> Spec = new()
    {
        ["accept"] = (["registered"], "accepted"),
        ["reject"] = (["registered"], "rejected"),
        ["merge"] = (["registered"], "merged"),
        ["refer"] = (["registered", "accepted", "filed", "investigating", "mediating"], "referred"),
        ["file"] = (["accepted"], "filed"),
        ["investigate"] = (["filed"], "investigating"),
        ["mediate"] = (["filed", "investigating"], "mediating"),
        ["decide"] = (["filed", "investigating", "mediating"], "decided"),
        ["close"] = (["mediating", "decided"], "closed"),
        ["suspend"] = (["accepted", "filed", "investigating", "mediating"], "suspended"),
        ["resume"] = (["suspended"], "investigating"),   // back to the state held before (set to investigating here)
        ["withdraw"] = (["registered", "accepted", "filed", "investigating", "mediating", "suspended"], "withdrawn"),
    };

    [Fact]
    public async Task Transitions_EveryActionFromEveryState_AllowedOnesSucceedOthersAre409()
    {
        var bureau = await App.CreateClientAsAsync("bureau");
        var id = await RegisterAsync(bureau, Today);
        var target = await RegisterAsync(bureau, Today, respondent: "目标案件被投诉人", phone: "13900003333");
        var police = await App.ScalarAsync<long>("SELECT id FROM org_units WHERE name = '连云港市公安局'");
        var allowedCount = 0;
        foreach (var (action, (from, to)) in Spec)
        foreach (var status in Statuses)
        {
            await App.ExecuteAsync("UPDATE complaints SET status = $1, status_before_suspension = 'investigating', decision_due = NULL WHERE id = $2", status, id);
            var body = new { action, reason = "理由", note = "备注", mergeIntoId = target, toUnitId = police, decision = "责令停止侵权", outcome = "侵权行为已停止" };
            var res = await bureau.PostAsJsonAsync($"/api/protection/cases/{id}/transitions", body);
            var text = await res.Content.ReadAsStringAsync();
            if (from.Contains(status))
            {
                res.StatusCode.ShouldBe(HttpStatusCode.OK, $"{action} from {status}: {text}");
                JsonDocument.Parse(text).RootElement.GetProperty("status").GetString().ShouldBe(to, $"{action} from {status}");
                allowedCount++;
            }
            else
            {
                var p = await res.ShouldBeProblemAsync(HttpStatusCode.Conflict);
                p.GetProperty("detail").GetString()!.ShouldContain("不能执行", customMessage: $"{action} from {status}");
            }
        }
        allowedCount.ShouldBe(Spec.Values.Sum(s => s.From.Length));
        // every successful transition is on the timeline and in the audit log
        (await App.ScalarAsync<long>("SELECT count(*) FROM complaint_events WHERE complaint_id = $1 AND from_status IS NOT NULL", id)).ShouldBe(allowedCount);
        (await App.ScalarAsync<long>("SELECT count(*) FROM audit_log WHERE entity = 'complaints' AND entity_id = $1 AND action = 'update'", id.ToString())).ShouldBeGreaterThanOrEqualTo(allowedCount);
    }

    [Fact]
    public async Task Transition_UnknownActionOrMissingReason_Returns400InChinese()
    {
        var bureau = await App.CreateClientAsAsync("bureau");
        var id = await RegisterAsync(bureau, Today);
        var p = await (await bureau.PostAsJsonAsync($"/api/protection/cases/{id}/transitions", new { action = "fly" })).ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        p.GetProperty("errors").GetProperty("action")[0].GetString()!.ShouldContain("操作“fly”无效");
        p = await (await bureau.PostAsJsonAsync($"/api/protection/cases/{id}/transitions", new { action = "reject" })).ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        p.GetProperty("errors").GetProperty("reason")[0].GetString().ShouldBe("不予受理须写明理由");
        p = await (await bureau.PostAsJsonAsync($"/api/protection/cases/{id}/transitions", new { action = "merge", mergeIntoId = id })).ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        p.GetProperty("errors").GetProperty("mergeIntoId")[0].GetString().ShouldBe("不能并入本案件自身");
        (await bureau.PostAsJsonAsync("/api/protection/cases/999999/transitions", new { action = "accept" })).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task FullPath_PublicComplaint_FastTrack_Mediation_Closure_Satisfaction_Stats()
    {
        var anon = App.CreateAnonymousClient();
        var receipt = await SubmitAsync(anon, Complaint(type: "patent_dispute", right: "201410000511.3", region: "320706"));
        var number = receipt.GetProperty("receiptNumber").GetString()!;
        var code = receipt.GetProperty("code").GetString()!;
        var id = await IdOfAsync(number);
        var bureau = await App.CreateClientAsAsync("bureau");
        var haizhou = await App.ScalarAsync<long>("SELECT id FROM org_units WHERE name = '海州区'");

        var d = await TransitionAsync(bureau, id, new { action = "accept", fastTrack = true, note = "重点产业企业" });
        d.GetProperty("fastTrack").GetBoolean().ShouldBeTrue();
        (await bureau.PostAsJsonAsync($"/api/protection/cases/{id}/assignment", new { handlingUnitId = haizhou })).StatusCode.ShouldBe(HttpStatusCode.OK);
        d = await TransitionAsync(bureau, id, new { action = "file" });
        var cal = await CalendarAsync();
        d.GetProperty("decisionDue").GetString().ShouldBe(Zhichan.Api.Features.Protection.Deadlines.DecisionDue(cal, "patent_dispute", Today).ToString("yyyy-MM-dd"));
        d.GetProperty("countdowns")[0].GetProperty("kind").GetString().ShouldBe("decision");

        // extension once, with approval
        var ext = await bureau.PostAsJsonAsync($"/api/protection/cases/{id}/extension", new { reason = "需技术鉴定", approvedBy = "局长王某" });
        ext.StatusCode.ShouldBe(HttpStatusCode.OK, await ext.Content.ReadAsStringAsync());
        (await (await bureau.PostAsJsonAsync($"/api/protection/cases/{id}/extension", new { reason = "再延", approvedBy = "局长" })).ShouldBeProblemAsync(HttpStatusCode.Conflict))
            .GetProperty("detail").GetString()!.ShouldContain("只能延长一次");

        // technical investigator from the expert list
        var experts = await bureau.GetFromJsonAsync<JsonElement[]>($"/api/protection/cases/{id}/experts");
        var expertId = experts!.Single().GetProperty("userId").GetInt64();
        (await bureau.PostAsJsonAsync($"/api/protection/cases/{id}/investigators", new { userId = expertId })).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await bureau.PostAsJsonAsync($"/api/protection/cases/{id}/investigators", new { userId = expertId, noConflictDeclared = true })).StatusCode.ShouldBe(HttpStatusCode.OK);
        var expert = await App.CreateClientAsAsync("expert");
        (await expert.GetAsync($"/api/protection/cases/{id}")).StatusCode.ShouldBe(HttpStatusCode.OK);

        await TransitionAsync(bureau, id, new { action = "investigate" });
        (await bureau.PostAsJsonAsync($"/api/protection/cases/{id}/mediations", new { mediator = "调解员甲", result = "agreement", agreement = "x" }))
            .StatusCode.ShouldBe(HttpStatusCode.Conflict); // not in mediation yet
        await TransitionAsync(bureau, id, new { action = "mediate" });
        var bad = await bureau.PostAsJsonAsync($"/api/protection/cases/{id}/mediations", new { mediator = "调解员甲", result = "agreement" });
        (await bad.ShouldBeProblemAsync(HttpStatusCode.BadRequest)).GetProperty("errors").GetProperty("agreement")[0].GetString().ShouldBe("达成协议的须填写协议内容");
        var med = await bureau.PostAsJsonAsync($"/api/protection/cases/{id}/mediations", new
        {
            mediator = "调解员甲", participants = "双方当事人", result = "agreement", agreement = "被请求人停止制造并赔偿 5 万元", judicialConfirmation = true,
        });
        med.StatusCode.ShouldBe(HttpStatusCode.OK, await med.Content.ReadAsStringAsync());
        d = await TransitionAsync(bureau, id, new { action = "close", outcome = "调解结案，被请求人停止侵权并赔偿" });
        d.GetProperty("statusLabel").GetString().ShouldBe("结案");
        d.GetProperty("mediations").GetArrayLength().ShouldBe(1);
        d.GetProperty("events").GetArrayLength().ShouldBeGreaterThan(8);

        var status = await anon.GetFromJsonAsync<JsonElement>($"/api/protection/public/complaints/{number}?code={code}");
        status.GetProperty("status").GetString().ShouldBe("closed");
        status.GetProperty("canRate").GetBoolean().ShouldBeTrue();
        var labels = status.GetProperty("events").EnumerateArray().Select(e => e.GetProperty("note").GetString()).ToList();
        labels.ShouldContain("已受理，纳入快速处理通道");
        labels.ShouldNotContain(l => l != null && l.Contains("局长"));  // internal notes stay internal

        (await anon.PostAsJsonAsync($"/api/protection/public/complaints/{number}/satisfaction", new { code = "WRONGCOD", score = 5 })).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await anon.PostAsJsonAsync($"/api/protection/public/complaints/{number}/satisfaction", new { code, score = 9 })).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await anon.PostAsJsonAsync($"/api/protection/public/complaints/{number}/satisfaction", new { code, score = 5, comment = "处理及时" })).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        (await anon.PostAsJsonAsync($"/api/protection/public/complaints/{number}/satisfaction", new { code, score = 4 })).StatusCode.ShouldBe(HttpStatusCode.Conflict);

        var stats = await bureau.GetFromJsonAsync<JsonElement>($"/api/protection/stats?year={Today.Year}");
        stats.GetProperty("accepted").GetInt32().ShouldBe(1);
        stats.GetProperty("closed").GetInt32().ShouldBe(1);
        stats.GetProperty("closureRate").GetDouble().ShouldBe(1.0);
        stats.GetProperty("fastTrackShare").GetDouble().ShouldBe(1.0);
        stats.GetProperty("satisfactionRate").GetDouble().ShouldBe(1.0);
        stats.GetProperty("averageHandlingDays").GetDouble().ShouldBe(0.0);
    }

    [Fact]
    public async Task Referral_ToPolice_ReplyTrackedAndOnlyPoliceMayReply()
    {
        var bureau = await App.CreateClientAsAsync("bureau");
        var id = await RegisterAsync(bureau, Today, type: "counterfeit_patent");
        await TransitionAsync(bureau, id, new { action = "accept" });
        var police = await App.ScalarAsync<long>("SELECT id FROM org_units WHERE name = '连云港市公安局'");
        var d = await TransitionAsync(bureau, id, new { action = "refer", toUnitId = police, reason = "涉嫌假冒专利罪，非法经营额达到立案追诉标准" });
        d.GetProperty("status").GetString().ShouldBe("referred");
        var referral = d.GetProperty("referrals")[0];
        referral.GetProperty("replyDue").GetString().ShouldBe((await CalendarAsync()).AddWorkingDays(Today, 10).ToString("yyyy-MM-dd"));

        var court = await App.CreateClientAsAsync("court");
        (await court.GetFromJsonAsync<JsonElement[]>("/api/protection/referrals"))!.ShouldBeEmpty();
        var rid = referral.GetProperty("id").GetInt64();
        (await court.PostAsJsonAsync($"/api/protection/referrals/{rid}/reply", new { result = "accepted", reply = "x" })).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        var pol = await App.CreateClientAsAsync("police");
        (await pol.GetFromJsonAsync<JsonElement[]>("/api/protection/referrals"))!.Length.ShouldBe(1);
        (await pol.GetAsync($"/api/protection/cases/{id}")).StatusCode.ShouldBe(HttpStatusCode.OK);
        var reply = await pol.PostAsJsonAsync($"/api/protection/referrals/{rid}/reply", new { result = "accepted", reply = "已立案侦查（连公经立字〔2026〕12号）" });
        reply.StatusCode.ShouldBe(HttpStatusCode.OK, await reply.Content.ReadAsStringAsync());
        (await pol.PostAsJsonAsync($"/api/protection/referrals/{rid}/reply", new { result = "accepted", reply = "again" })).StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await pol.PostAsJsonAsync($"/api/protection/cases/{id}/transitions", new { action = "withdraw" })).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Referral_DeclinedByCourt_CaseReturnsToBureauInFiledState()
    {
        var bureau = await App.CreateClientAsAsync("bureau");
        var id = await RegisterAsync(bureau, Today, type: "patent_dispute");
        await TransitionAsync(bureau, id, new { action = "accept" });
        await TransitionAsync(bureau, id, new { action = "file" });
        var courtUnit = await App.ScalarAsync<long>("SELECT id FROM org_units WHERE name = '连云港市中级人民法院'");
        var d = await TransitionAsync(bureau, id, new { action = "refer", toUnitId = courtUnit, reason = "当事人请求司法确认调解协议" });
        var rid = d.GetProperty("referrals")[0].GetProperty("id").GetInt64();
        var court = await App.CreateClientAsAsync("court");
        (await court.PostAsJsonAsync($"/api/protection/referrals/{rid}/reply", new { result = "declined", reply = "不属于受理范围" })).StatusCode.ShouldBe(HttpStatusCode.OK);
        var after = await bureau.GetFromJsonAsync<JsonElement>($"/api/protection/cases/{id}");
        after.GetProperty("status").GetString().ShouldBe("filed");
        after.GetProperty("events").EnumerateArray().Select(e => e.GetProperty("action").GetString()).ShouldContain("referral_returned");
    }

    [Fact]
    public async Task AddInvestigator_ExpertFromPartyOrganisation_IsRefusedForConflict()
    {
        var bureau = await App.CreateClientAsAsync("bureau");
        var id = await RegisterAsync(bureau, Today, respondent: "连云港市知识产权专家库");
        var experts = await bureau.GetFromJsonAsync<JsonElement[]>($"/api/protection/cases/{id}/experts");
        experts!.Single().GetProperty("conflict").GetString()!.ShouldContain("是本案当事人");
        var res = await bureau.PostAsJsonAsync($"/api/protection/cases/{id}/investigators", new { userId = experts![0].GetProperty("userId").GetInt64(), noConflictDeclared = true });
        (await res.ShouldBeProblemAsync(HttpStatusCode.Conflict)).GetProperty("detail").GetString()!.ShouldContain("回避");
    }

    [Fact]
    public async Task UploadCaseFile_DocumentByStaff_StoredOnTimelineAndDownloadable_BadTypeRefused()
    {
        var bureau = await App.CreateClientAsAsync("bureau");
        var id = await RegisterAsync(bureau, Today);
        using var form = new MultipartFormDataContent { { new StringContent("document"), "kind" } };
        form.Add(new ByteArrayContent(System.Text.Encoding.ASCII.GetBytes("%PDF-1.4 decision")), "file", "处理决定书.pdf");
        var res = await bureau.PostAsync($"/api/protection/cases/{id}/files", form);
        res.StatusCode.ShouldBe(HttpStatusCode.OK, await res.Content.ReadAsStringAsync());
        var d = await res.Content.ReadFromJsonAsync<JsonElement>();
        var file = d.GetProperty("files")[0];
        file.GetProperty("kind").GetString().ShouldBe("document");
        var download = await bureau.GetAsync($"/api/protection/cases/{id}/files/{file.GetProperty("id").GetInt64()}");
        (await download.Content.ReadAsStringAsync()).ShouldBe("%PDF-1.4 decision");
        using var bad = new MultipartFormDataContent();
        bad.Add(new ByteArrayContent([0x4D, 0x5A, 0, 0]), "file", "x.exe");
        var p = await (await bureau.PostAsync($"/api/protection/cases/{id}/files", bad)).ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        p.GetProperty("errors").GetProperty("file")[0].GetString()!.ShouldContain("类型不允许");
        var hengrui = await App.CreateClientAsAsync("hengrui");
        using var other = new MultipartFormDataContent();
        other.Add(new ByteArrayContent(System.Text.Encoding.ASCII.GetBytes("%PDF-1.4")), "file", "y.pdf");
        (await hengrui.PostAsync($"/api/protection/cases/{id}/files", other)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Suspend_ThenResume_ReturnsToPreviousState()
    {
        var bureau = await App.CreateClientAsAsync("bureau");
        var id = await RegisterAsync(bureau, Today);
        await TransitionAsync(bureau, id, new { action = "accept" });
        await TransitionAsync(bureau, id, new { action = "file" });
        await TransitionAsync(bureau, id, new { action = "suspend", reason = "等待无效宣告请求审查结果" });
        var d = await TransitionAsync(bureau, id, new { action = "resume" });
        d.GetProperty("status").GetString().ShouldBe("filed");
    }
}
