using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Zhichan.Tests.Infrastructure;

namespace Zhichan.Tests.Protection;

/// <summary>调解协议司法确认: the handler records the application to a court, the court's own account records the ruling.</summary>
public class JudicialConfirmationTests(ProtectionFactory app) : ProtectionTest(app)
{
    private string _receipt = "", _code = "";

    private async Task<(long CaseId, long MediationId)> MediatedAsync(HttpClient bureau, string result = "agreement", DateOnly? heldOn = null, string phone = "13900001111")
    {
        var reg = await bureau.PostAsJsonAsync("/api/protection/cases", new
        {
            channel = "walk_in", receivedOn = Today, type = "patent_dispute", complainantKind = "person", complainantName = "李小龙", complainantPhone = phone,
            respondentName = "连云港某某商贸有限公司", facts = "来访称被请求人制造的产品落入其专利权保护范围。", regionCode = "320703", rightNumber = "201410000511.3",
        });
        var receipt = JsonDocument.Parse(await reg.Content.ReadAsStringAsync()).RootElement;
        reg.StatusCode.ShouldBe(HttpStatusCode.Created, receipt.ToString());
        (_receipt, _code) = (receipt.GetProperty("receiptNumber").GetString()!, receipt.GetProperty("code").GetString()!);
        var id = await IdOfAsync(_receipt);
        await TransitionAsync(bureau, id, new { action = "accept" });
        await TransitionAsync(bureau, id, new { action = "file" });
        await TransitionAsync(bureau, id, new { action = "mediate" });
        var res = await bureau.PostAsJsonAsync($"/api/protection/cases/{id}/mediations", new
        {
            heldOn = heldOn ?? Today, mediator = "王调解", participants = "双方当事人", result,
            agreement = result == "agreement" ? "被请求人停止销售并赔偿请求人 5 万元。" : null,
        });
        var text = await res.Content.ReadAsStringAsync();
        res.StatusCode.ShouldBe(HttpStatusCode.OK, text);
        return (id, JsonDocument.Parse(text).RootElement.GetProperty("mediations")[0].GetProperty("id").GetInt64());
    }

    [Fact]
    public async Task Confirmation_AppliedToCourt_CourtSeesCaseAndRecordsRuling_TimelineAndNotifications()
    {
        var bureau = await App.CreateClientAsAsync("bureau");
        var (id, mid) = await MediatedAsync(bureau);
        await TransitionAsync(bureau, id, new { action = "close", outcome = "调解结案" });
        var courtUnit = await UnitIdAsync("连云港市中级人民法院");

        var court = await App.CreateClientAsAsync("court");
        await (await court.GetAsync($"/api/protection/cases/{id}")).ShouldBeProblemAsync(HttpStatusCode.NotFound);

        var applied = await bureau.PostAsJsonAsync($"/api/protection/cases/{id}/mediations/{mid}/confirmation", new { courtUnitId = courtUnit, appliedOn = Today });
        var detail = JsonDocument.Parse(await applied.Content.ReadAsStringAsync()).RootElement;
        applied.StatusCode.ShouldBe(HttpStatusCode.OK, detail.ToString());
        var m = detail.GetProperty("mediations")[0];
        m.GetProperty("courtName").GetString().ShouldBe("连云港市中级人民法院");
        m.GetProperty("confirmationAppliedOn").GetString().ShouldBe(Today.ToString("yyyy-MM-dd"));
        m.GetProperty("judicialConfirmation").GetBoolean().ShouldBeTrue();
        m.GetProperty("canRecordRuling").GetBoolean().ShouldBeTrue(); // staff may record on the court's behalf

        // the court is told, sees the case (read-only) and may record the ruling; another department may not
        var inbox = await court.GetFromJsonAsync<JsonElement>("/api/notifications");
        inbox.GetProperty("items")[0].GetProperty("type").GetString().ShouldBe("protection.confirmation_applied");
        var seen = await court.GetFromJsonAsync<JsonElement>($"/api/protection/cases/{id}");
        seen.GetProperty("allowedActions").GetArrayLength().ShouldBe(0);
        seen.GetProperty("mediations")[0].GetProperty("canRecordRuling").GetBoolean().ShouldBeTrue();
        (await court.GetFromJsonAsync<JsonElement>("/api/protection/cases")).GetProperty("items").EnumerateArray()
            .Select(i => i.GetProperty("id").GetInt64()).ShouldBe([id]);
        var police = await App.CreateClientAsAsync("police");
        await (await police.PostAsJsonAsync($"/api/protection/cases/{id}/mediations/{mid}/ruling", new { result = "confirmed", documentNumber = "x" }))
            .ShouldBeProblemAsync(HttpStatusCode.NotFound);

        var bad = await court.PostAsJsonAsync($"/api/protection/cases/{id}/mediations/{mid}/ruling", new { result = "refused", documentNumber = "" });
        var p = await bad.ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        p.GetProperty("errors").GetProperty("documentNumber")[0].GetString()!.ShouldContain("不能为空");
        p.GetProperty("errors").GetProperty("note")[0].GetString()!.ShouldContain("理由");

        var ruled = await court.PostAsJsonAsync($"/api/protection/cases/{id}/mediations/{mid}/ruling",
            new { result = "confirmed", ruledOn = Today, documentNumber = "（2026）苏07民特12号" });
        var after = JsonDocument.Parse(await ruled.Content.ReadAsStringAsync()).RootElement;
        ruled.StatusCode.ShouldBe(HttpStatusCode.OK, after.ToString());
        var rm = after.GetProperty("mediations")[0];
        rm.GetProperty("ruling").GetString().ShouldBe("confirmed");
        rm.GetProperty("rulingDocumentNumber").GetString().ShouldBe("（2026）苏07民特12号");
        rm.GetProperty("canRecordRuling").GetBoolean().ShouldBeFalse();
        var actions = after.GetProperty("events").EnumerateArray().Select(e => e.GetProperty("action").GetString()).ToList();
        actions.ShouldContain("confirmation_applied");
        actions.ShouldContain("confirmation_ruling");
        actions.ShouldContain("public_confirmation_ruling");
        (await court.PostAsJsonAsync($"/api/protection/cases/{id}/mediations/{mid}/ruling", new { result = "confirmed", documentNumber = "again" }))
            .StatusCode.ShouldBe(HttpStatusCode.Conflict);
        // the complainant's status page tells the step in words
        var status = await App.CreateAnonymousClient().GetFromJsonAsync<JsonElement>($"/api/protection/public/complaints/{_receipt}?code={_code}");
        var labels = status.GetProperty("events").EnumerateArray().Select(e => e.GetProperty("label").GetString()).ToList();
        labels.ShouldContain("申请司法确认");
        labels.ShouldContain("司法确认");
        labels.ShouldNotContain(l => l!.StartsWith("public_"));
        // the handling unit (the bureau) learns the ruling; every step is audited
        var bureauInbox = await bureau.GetFromJsonAsync<JsonElement>("/api/notifications");
        bureauInbox.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("type").GetString()).ShouldContain("protection.confirmation_ruling");
        (await App.ScalarAsync<long>("SELECT count(*) FROM audit_log WHERE entity = 'complaint_mediations' AND action = 'update' AND after->>'ruling' = 'confirmed'")).ShouldBe(1);
    }

    [Fact]
    public async Task Confirmation_BadInput_IsRefusedWithReasons()
    {
        var bureau = await App.CreateClientAsAsync("bureau");
        var police = await UnitIdAsync("连云港市公安局");
        var (id, mid) = await MediatedAsync(bureau, heldOn: Today.AddDays(-40));
        var url = $"/api/protection/cases/{id}/mediations/{mid}/confirmation";

        var late = await (await bureau.PostAsJsonAsync(url, new { courtName = "连云港市海州区人民法院", appliedOn = Today })).ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        late.GetProperty("errors").GetProperty("appliedOn")[0].GetString()!.ShouldContain("30 日内");
        var notCourt = await (await bureau.PostAsJsonAsync(url, new { courtUnitId = police, appliedOn = Today.AddDays(-35) })).ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        notCourt.GetProperty("errors").GetProperty("courtUnitId")[0].GetString()!.ShouldContain("不是法院");
        var none = await (await bureau.PostAsJsonAsync(url, new { appliedOn = Today.AddDays(-35) })).ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        none.GetProperty("errors").GetProperty("courtName")[0].GetString()!.ShouldContain("人民法院");
        var early = await (await bureau.PostAsJsonAsync(url, new { courtName = "连云港市海州区人民法院", appliedOn = Today.AddDays(-41) })).ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        early.GetProperty("errors").GetProperty("appliedOn")[0].GetString()!.ShouldContain("不能早于调解日期");
        await (await bureau.PostAsJsonAsync($"/api/protection/cases/{id}/mediations/{mid}/ruling", new { result = "confirmed", documentNumber = "x" }))
            .ShouldBeProblemAsync(HttpStatusCode.Conflict); // not applied yet

        // a court not on the platform: the handler records both steps
        (await bureau.PostAsJsonAsync(url, new { courtName = "连云港市海州区人民法院", appliedOn = Today.AddDays(-35) })).StatusCode.ShouldBe(HttpStatusCode.OK);
        await (await bureau.PostAsJsonAsync(url, new { courtName = "连云港市海州区人民法院", appliedOn = Today.AddDays(-35) })).ShouldBeProblemAsync(HttpStatusCode.Conflict);
        var refused = await bureau.PostAsJsonAsync($"/api/protection/cases/{id}/mediations/{mid}/ruling",
            new { result = "refused", ruledOn = Today.AddDays(-20), documentNumber = "（2026）苏0706民特3号", note = "协议内容违反法律强制性规定" });
        refused.StatusCode.ShouldBe(HttpStatusCode.OK, await refused.Content.ReadAsStringAsync());

        var (failedCase, failedMediation) = await MediatedAsync(bureau, result: "failed", phone: "13900002222");
        await (await bureau.PostAsJsonAsync($"/api/protection/cases/{failedCase}/mediations/{failedMediation}/confirmation",
            new { courtName = "连云港市海州区人民法院" })).ShouldBeProblemAsync(HttpStatusCode.Conflict);
        var hengrui = await App.CreateClientAsAsync("hengrui");
        await (await hengrui.PostAsJsonAsync(url, new { courtName = "连云港市海州区人民法院" })).ShouldBeProblemAsync(HttpStatusCode.NotFound);
    }
}
