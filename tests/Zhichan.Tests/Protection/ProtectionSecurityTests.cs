using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Zhichan.Tests.Infrastructure;

namespace Zhichan.Tests.Protection;

/// <summary>Issue 18's findings on protection: ReDoS and input limits of the public form, row checks on cases, data each role sees.</summary>
public class ProtectionSecurityTests(ProtectionFactory app) : ProtectionTest(app)
{
    [Fact]
    public async Task ComplaintEmail_QuadraticInput_IsRefusedAtOnce_WithAFieldError()
    {
        var anon = App.CreateAnonymousClient();
        var body = JsonSerializer.SerializeToElement(Complaint());
        var dict = JsonSerializer.Deserialize<Dictionary<string, object?>>(body.GetRawText())!;
        // "x@" + "a."*N + "@" took 5.7 s at N = 32,000 with a backtracking regex; it now fails the length check at once
        dict["complainantEmail"] = "x@" + string.Concat(Enumerable.Repeat("a.", 32_000)) + "@";
        var sw = Stopwatch.StartNew();
        var p = await (await anon.PostAsJsonAsync("/api/protection/public/complaints", dict)).ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        sw.Elapsed.ShouldBeLessThan(TimeSpan.FromSeconds(5));
        p.GetProperty("errors").GetProperty("complainantEmail")[0].GetString()!.ShouldContain("254");
        // a short hostile one is checked by a non-backtracking pattern
        dict["complainantEmail"] = "x@" + string.Concat(Enumerable.Repeat("a.", 120)) + "@";
        (await (await anon.PostAsJsonAsync("/api/protection/public/complaints", dict)).ShouldBeProblemAsync(HttpStatusCode.BadRequest))
            .GetProperty("errors").GetProperty("complainantEmail")[0].GetString()!.ShouldContain("格式不正确");
    }

    [Fact]
    public async Task ComplaintFields_NulJavascriptUrlsAndOverlongText_Are400WithChineseFieldErrors()
    {
        var anon = App.CreateAnonymousClient();
        var dict = JsonSerializer.Deserialize<Dictionary<string, object?>>(JsonSerializer.Serialize(Complaint()))!;
        dict["respondentName"] = "某公司\u0000";
        dict["respondentUrl"] = "javascript:alert(1)";
        dict["complainantPhone"] = new string('1', 500);
        var p = await (await anon.PostAsJsonAsync("/api/protection/public/complaints", dict)).ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        var errors = p.GetProperty("errors");
        errors.GetProperty("respondentName")[0].GetString()!.ShouldContain("控制字符");
        errors.GetProperty("respondentUrl").EnumerateArray().Select(e => e.GetString()).ShouldContain(e => e!.Contains("http"));
        errors.GetProperty("complainantPhone")[0].GetString()!.ShouldContain("30");
        (await App.ScalarAsync<long>("SELECT count(*) FROM complaints")).ShouldBe(0);
    }

    [Fact]
    public async Task ComplaintForm_SignedIn_NeedsTheAntiforgeryToken()
    {
        var hengrui = await App.CreateClientAsAsync("hengrui");
        hengrui.DefaultRequestHeaders.Remove("X-XSRF-TOKEN");
        (await hengrui.PostAsJsonAsync("/api/protection/public/complaints", Complaint(kind: "organisation", name: "江苏恒瑞医药股份有限公司")))
            .StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await App.ScalarAsync<long>("SELECT count(*) FROM complaints")).ShouldBe(0);
    }

    [Fact]
    public async Task Complaint_TypedWithAnEnterprisesName_IsNotLinkedToItsAccount()
    {
        // anyone can type 江苏恒瑞医药股份有限公司 as the complainant: the case must not appear in that enterprise's account
        var r = await SubmitAsync(App.CreateAnonymousClient(), Complaint(kind: "organisation", name: "江苏恒瑞医药股份有限公司"));
        var id = await IdOfAsync(r.GetProperty("receiptNumber").GetString()!);
        var hengrui = await App.CreateClientAsAsync("hengrui");
        var list = await (await hengrui.GetAsync("/api/protection/cases")).Content.ReadFromJsonAsync<JsonElement>();
        list.GetProperty("items").GetArrayLength().ShouldBe(0);
        await (await hengrui.GetAsync($"/api/protection/cases/{id}")).ShouldBeProblemAsync(HttpStatusCode.NotFound);
        // filed by the enterprise's own user, it is linked
        var own = await SubmitAsync(hengrui, Complaint(kind: "organisation", name: "江苏恒瑞医药股份有限公司", phone: "13800000099", respondent: "连云港另一商贸有限公司"));
        var ownId = await IdOfAsync(own.GetProperty("receiptNumber").GetString()!);
        (await hengrui.GetAsync($"/api/protection/cases/{ownId}")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task CaseIds_CannotBeProbed_AndMergeNeedsAVisibleTarget()
    {
        var bureau = await App.CreateClientAsAsync("bureau");
        var haizhouCase = await RegisterAsync(bureau, Today, region: "320706");
        await TransitionAsync(bureau, haizhouCase, new { action = "accept" });
        var lianyunCase = await RegisterAsync(bureau, Today, region: "320703", respondent: "连云港另一商贸有限公司", phone: "13900002222");
        var lianyun = await App.CreateClientAsAsync("lianyun");
        // another district's case answers exactly like an id that does not exist
        var other = await (await lianyun.GetAsync($"/api/protection/cases/{haizhouCase}")).ShouldBeProblemAsync(HttpStatusCode.NotFound);
        var missing = await (await lianyun.GetAsync("/api/protection/cases/999999")).ShouldBeProblemAsync(HttpStatusCode.NotFound);
        other.GetProperty("title").GetString().ShouldBe(missing.GetProperty("title").GetString());
        // merging its own case into the other district's case is refused without telling anything about that case
        var res = await lianyun.PostAsJsonAsync($"/api/protection/cases/{lianyunCase}/transitions", new { action = "merge", mergeIntoId = haizhouCase });
        var text = await res.Content.ReadAsStringAsync();
        res.StatusCode.ShouldBe(HttpStatusCode.BadRequest, text);
        var receipt = await App.ScalarAsync<string>("SELECT receipt_number FROM complaints WHERE id = $1", haizhouCase);
        text.ShouldNotContain(receipt!);
        (await App.ScalarAsync<long?>("SELECT merged_into_id FROM complaints WHERE id = $1", lianyunCase)).ShouldBeNull();
    }

    [Fact]
    public async Task CaseView_EachRoleSeesOnlyThePersonalDataItNeeds()
    {
        var anon = App.CreateAnonymousClient();
        var r = await SubmitAsync(anon, Complaint(region: "320703"));
        var id = await IdOfAsync(r.GetProperty("receiptNumber").GetString()!);
        var bureau = await App.CreateClientAsAsync("bureau");
        await TransitionAsync(bureau, id, new { action = "accept", note = "内部意见：投诉人情绪激动，注意方式" });
        var police = await UnitIdAsync("连云港市公安局");
        await TransitionAsync(bureau, id, new { action = "refer", toUnitId = police, reason = "涉嫌销售假冒注册商标的商品罪" });

        var full = await (await bureau.GetAsync($"/api/protection/cases/{id}")).Content.ReadFromJsonAsync<JsonElement>();
        full.GetProperty("dataView").GetString().ShouldBe("full");
        full.GetProperty("complainantIdNumber").GetString().ShouldBe("320703199001011234");
        full.GetProperty("complainantEmail").GetString().ShouldBe("zhangsan@example.com");
        full.GetProperty("events").GetRawText().ShouldContain("内部意见");

        var pol = await App.CreateClientAsAsync("police");
        var masked = await (await pol.GetAsync($"/api/protection/cases/{id}")).Content.ReadFromJsonAsync<JsonElement>();
        masked.GetProperty("dataView").GetString().ShouldBe("receiver");
        masked.GetProperty("complainantName").GetString().ShouldBe("张三");
        masked.GetProperty("complainantIdNumber").GetString().ShouldBe("320703********1234");
        masked.GetProperty("complainantPhone").GetString().ShouldBe("138****5678");
        masked.GetProperty("complainantEmail").ValueKind.ShouldBe(JsonValueKind.Null);
        masked.GetProperty("complainantAddress").GetString()!.ShouldNotContain("中山路88号");
        var events = masked.GetProperty("events").GetRawText();
        events.ShouldNotContain("内部意见");
        masked.GetProperty("referrals")[0].GetProperty("reason").GetString()!.ShouldContain("涉嫌");
    }

    [Fact]
    public async Task PublishedDisclosure_MasksEmailAddresses()
    {
        var bureau = await App.CreateClientAsAsync("bureau");
        var res = await bureau.PostAsJsonAsync("/api/protection/disclosures/preview", new
        {
            kind = "penalty_decision", decisionNumber = "连市监处罚〔2026〕12号", title = "行政处罚决定书",
            text = "当事人张三，联系邮箱 zhangsan@example.com，电话 13812345678，经营假冒商标商品。",
        });
        var text = await res.Content.ReadAsStringAsync();
        res.StatusCode.ShouldBe(HttpStatusCode.OK, text);
        var masked = System.Text.Json.JsonDocument.Parse(text).RootElement.GetProperty("text").GetString()!;
        masked.ShouldNotContain("zhangsan@example.com");
        masked.ShouldContain("z***@example.com");
    }

    [Fact]
    public async Task Calendar_AbsurdYear_Is400NotA500()
    {
        var bureau = await App.CreateClientAsAsync("bureau");
        (await (await bureau.GetAsync("/api/protection/calendar?year=99999")).ShouldBeProblemAsync(HttpStatusCode.BadRequest))
            .GetProperty("errors").GetProperty("year")[0].GetString()!.ShouldContain("年份");
    }
}
