using Zhichan.Api.Platform.Security;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Zhichan.Api.Features.Protection;
using Zhichan.Tests.Infrastructure;

namespace Zhichan.Tests.Protection;

/// <summary>Role limits: an enterprise sees only its own complaints, a district only its region; 401/403 on every protected group.</summary>
public class ProtectionAccessTests(ProtectionFactory app) : ProtectionTest(app)
{
    public static TheoryData<string, string, string> Denied => new()
    {
        { "GET", "/api/protection/settings", "lianyun" },
        { "PUT", "/api/protection/settings", "hengrui" },
        { "POST", "/api/protection/disclosures", "police" },
        { "GET", "/api/protection/disclosures", "haizhou" },
        { "POST", "/api/protection/credit", "lianyun" },
        { "POST", "/api/protection/credit/expire", "hengrui" },
        { "POST", "/api/protection/protection-list", "lianyun" },
        { "GET", "/api/protection/protection-list", "hengrui" },
        { "GET", "/api/protection/stats", "hengrui" },
        { "GET", "/api/protection/stats", "agency" },
        { "GET", "/api/protection/referrals", "expert" },
        { "POST", "/api/protection/cases", "hengrui" },
        { "PUT", "/api/protection/calendar/2027-01-05", "bureau" },
        { "GET", "/api/protection/stats?region=320706", "lianyun" },
    };

    [Theory]
    [MemberData(nameof(Denied))]
    public async Task ProtectionEndpoint_WrongRole_Returns403(string method, string path, string user)
    {
        var client = await App.CreateClientAsAsync(user);
        var res = await client.SendAsync(new HttpRequestMessage(new HttpMethod(method), path) { Content = method == "GET" ? null : JsonContent.Create(new { }) });
        await res.ShouldBeProblemAsync(HttpStatusCode.Forbidden);
    }

    [Theory]
    [InlineData("GET", "/api/protection/cases")]
    [InlineData("GET", "/api/protection/cases/1")]
    [InlineData("POST", "/api/protection/cases/1/transitions")]
    [InlineData("GET", "/api/protection/stats")]
    [InlineData("GET", "/api/protection/credit")]
    [InlineData("GET", "/api/protection/calendar")]
    public async Task ProtectionEndpoint_Anonymous_Returns401(string method, string path)
    {
        var res = await App.CreateAnonymousClient().SendAsync(new HttpRequestMessage(new HttpMethod(method), path) { Content = method == "GET" ? null : JsonContent.Create(new { }) });
        await res.ShouldBeProblemAsync(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Enterprise_SeesOnlyItsOwnComplaints_AndCannotHandleThem()
    {
        var hengrui = await App.CreateClientAsAsync("hengrui");
        var own = await SubmitAsync(hengrui, Complaint(name: "恒瑞知识产权部", kind: "organisation", phone: "13800000001"));
        var byName = await SubmitAsync(App.CreateAnonymousClient(), Complaint(name: "江苏恒瑞医药股份有限公司", kind: "organisation", phone: "13800000002"));
        var other = await SubmitAsync(App.CreateAnonymousClient(), Complaint(name: "张三", phone: "13800000003"));
        var list = await hengrui.GetFromJsonAsync<JsonElement>("/api/protection/cases");
        var receipts = list.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("receiptNumber").GetString()).ToList();
        // a complaint that merely names the enterprise is not linked to its account (issue 18, finding 12)
        receipts.ShouldBe([own.GetProperty("receiptNumber").GetString()]);
        receipts.ShouldNotContain(byName.GetProperty("receiptNumber").GetString());
        var otherId = await IdOfAsync(other.GetProperty("receiptNumber").GetString()!);
        (await hengrui.GetAsync($"/api/protection/cases/{otherId}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        var ownId = await IdOfAsync(own.GetProperty("receiptNumber").GetString()!);
        var detail = await hengrui.GetFromJsonAsync<JsonElement>($"/api/protection/cases/{ownId}");
        detail.GetProperty("allowedActions").GetArrayLength().ShouldBe(0);
        await (await hengrui.PostAsJsonAsync($"/api/protection/cases/{ownId}/transitions", new { action = "accept" })).ShouldBeProblemAsync(HttpStatusCode.Forbidden);
        var agency = await App.CreateClientAsAsync("agency");
        (await agency.GetFromJsonAsync<JsonElement>("/api/protection/cases")).GetProperty("total").GetInt32().ShouldBe(0);
    }

    [Fact]
    public async Task District_SeesAndHandlesOnlyItsRegion()
    {
        var anon = App.CreateAnonymousClient();
        var lianyunCase = await IdOfAsync((await SubmitAsync(anon, Complaint(region: "320703", phone: "13800000011"))).GetProperty("receiptNumber").GetString()!);
        var haizhouCase = await IdOfAsync((await SubmitAsync(anon, Complaint(region: "320706", phone: "13800000012"))).GetProperty("receiptNumber").GetString()!);
        var lianyun = await App.CreateClientAsAsync("lianyun");
        var items = (await lianyun.GetFromJsonAsync<JsonElement>("/api/protection/cases")).GetProperty("items").EnumerateArray().ToList();
        items.Select(i => i.GetProperty("id").GetInt64()).ShouldBe([lianyunCase]);
        items.ShouldAllBe(i => i.GetProperty("regionCode").GetString()!.StartsWith("320703"));
        (await lianyun.GetAsync($"/api/protection/cases/{haizhouCase}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        await (await lianyun.PostAsJsonAsync($"/api/protection/cases/{haizhouCase}/transitions", new { action = "accept" })).ShouldBeProblemAsync(HttpStatusCode.NotFound);
        (await TransitionAsync(lianyun, lianyunCase, new { action = "accept" })).GetProperty("status").GetString().ShouldBe("accepted");
        var stats = await lianyun.GetFromJsonAsync<JsonElement>("/api/protection/stats");
        stats.GetProperty("received").GetInt32().ShouldBe(1);
        (await lianyun.GetAsync($"/api/protection/cases/{lianyunCase}/files/1")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }
}

/// <summary>Masking of personal data in public texts, disclosure publication, the credit list with repair and expiry.</summary>
public class PublicationTests(ProtectionFactory app) : ProtectionTest(app)
{
    private const string Decision = """
        连云港市市场监督管理局行政处罚决定书
        连市监处罚〔2026〕15号
        当事人：王建国，男，1978年5月出生，身份证号码：320706197805121234，住址：江苏省连云港市海州区朝阳东路88号3栋502室，联系电话：13912345678。
        当事人经营的连云港市建国五金商行（统一社会信用代码：92320706MA1XXXXX0B）销售的产品上标注已失效的专利号 ZL201410000511.3。
        委托代理人：李秀英，固定电话 0518-85551234。
        经查，王建国自2026年3月起销售上述产品共计120件，违法经营额人民币3600元。
        本机关依据《中华人民共和国专利法》第六十八条，决定责令改正并罚款人民币1万元。欧阳小明作为证人到场。
        """;

    [Fact]
    public void MaskText_RealisticPenaltyDecision_HidesPersonalDataKeepsTheBusiness()
    {
        var masked = Masking.MaskText(Decision, ["欧阳小明"], out var names);
        masked.ShouldNotContain("王建国");
        masked.ShouldContain("当事人：王某某");
        masked.ShouldContain("经查，王某某自2026年3月");
        masked.ShouldNotContain("李秀英");
        masked.ShouldContain("委托代理人：李某某");
        masked.ShouldContain("欧阳某某");
        masked.ShouldNotContain("320706197805121234");
        masked.ShouldContain("320706********1234");
        masked.ShouldNotContain("13912345678");
        masked.ShouldContain("139****5678");
        masked.ShouldNotContain("85551234");
        masked.ShouldNotContain("朝阳东路88号");
        masked.ShouldContain("江苏省连云港市海州区****");
        // kept: the business, the decision number, the patent number, the amounts, the law
        masked.ShouldContain("连云港市建国五金商行");
        masked.ShouldContain("连市监处罚〔2026〕15号");
        masked.ShouldContain("ZL201410000511.3");
        masked.ShouldContain("罚款人民币1万元");
        masked.ShouldContain("连云港市市场监督管理局");
        names.ShouldContain("王建国");
    }

    [Fact]
    public void MaskText_LongDecision_IsFastAndMasksEveryOccurrence()
    {
        var text = string.Concat(Enumerable.Repeat(Decision, 40)) + new string('路', 5000) + "江苏省连云港市海州区" + new string('号', 3000);
        var sw = System.Diagnostics.Stopwatch.StartNew();
        var masked = Masking.MaskText(text, []);
        sw.Elapsed.ShouldBeLessThan(TimeSpan.FromSeconds(2));
        masked.ShouldNotContain("王建国");
        masked.ShouldNotContain("13912345678");
    }

    [Theory]
    [InlineData("张三", "张某")]
    [InlineData("李小龙", "李某某")]
    [InlineData("欧阳小明", "欧阳某某")]
    [InlineData("江苏恒瑞医药股份有限公司", "江苏恒瑞医药股份有限公司")]
    public void MaskName_KeepsSurnameOnly(string name, string expected) => Masking.MaskName(name).ShouldBe(expected);

    [Fact]
    public async Task Disclosure_Published_PublicSeesOnlyMaskedText()
    {
        var bureau = await App.CreateClientAsAsync("bureau");
        var res = await bureau.PostAsJsonAsync("/api/protection/disclosures", new { kind = "penalty_decision", decisionNumber = "连市监处罚〔2026〕15号", title = "王建国假冒专利案行政处罚决定书", text = Decision });
        res.StatusCode.ShouldBe(HttpStatusCode.Created, await res.Content.ReadAsStringAsync());
        var id = (await res.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt64();
        var anon = App.CreateAnonymousClient();
        (await anon.GetFromJsonAsync<JsonElement[]>("/api/protection/public/disclosures"))!.ShouldBeEmpty();
        (await anon.GetAsync($"/api/protection/public/disclosures/{id}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await bureau.PostAsync($"/api/protection/disclosures/{id}/publish", null)).StatusCode.ShouldBe(HttpStatusCode.OK);
        var text = await anon.GetStringAsync($"/api/protection/public/disclosures/{id}");
        text.ShouldNotContain("王建国");
        text.ShouldNotContain("13912345678");
        text.ShouldNotContain("320706197805121234");
        text.ShouldContain("王某某假冒专利案");
        (await anon.GetStringAsync("/api/protection/public/disclosures")).ShouldNotContain("王建国");
        var bad = await bureau.PostAsJsonAsync("/api/protection/disclosures", new { kind = "penalty_decision", title = "x", text = "y" });
        (await bad.ShouldBeProblemAsync(HttpStatusCode.BadRequest)).GetProperty("errors").GetProperty("decisionNumber")[0].GetString().ShouldBe("决定书文号不能为空");
    }

    [Fact]
    public async Task CreditListing_ExpiresAfterConfiguredPeriod_OnTime()
    {
        var bureau = await App.CreateClientAsAsync("bureau");
        async Task<long> ListAsync(string name, DateOnly on)
        {
            var r = await bureau.PostAsJsonAsync("/api/protection/credit", new { subjectName = name, subjectKind = "organisation", decisionNumber = "连市监处罚〔2023〕1号", reason = "重复专利侵权", listedOn = on });
            r.StatusCode.ShouldBe(HttpStatusCode.Created, await r.Content.ReadAsStringAsync());
            return (await r.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt64();
        }
        var due = await ListAsync("到期商贸有限公司", Today.AddYears(-3));
        var notYet = await ListAsync("未到期商贸有限公司", Today.AddYears(-3).AddDays(1));
        (await bureau.PostAsync($"/api/protection/credit/{due}/publish", null)).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await bureau.PostAsync($"/api/protection/credit/{notYet}/publish", null)).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await App.CreateAnonymousClient().GetFromJsonAsync<JsonElement[]>("/api/protection/public/credit"))!.Length.ShouldBe(2);

        var run = await bureau.PostAsync("/api/protection/credit/expire", null);
        (await run.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("expired").GetInt32().ShouldBe(1);
        var all = await bureau.GetFromJsonAsync<JsonElement[]>("/api/protection/credit");
        all!.Single(l => l.GetProperty("id").GetInt64() == due).GetProperty("status").GetString().ShouldBe("expired");
        all!.Single(l => l.GetProperty("id").GetInt64() == notYet).GetProperty("status").GetString().ShouldBe("published");
        (await App.CreateAnonymousClient().GetFromJsonAsync<JsonElement[]>("/api/protection/public/credit"))!.Length.ShouldBe(1);
        (await App.ScalarAsync<long>("SELECT count(*) FROM audit_log WHERE entity = 'credit_listings'")).ShouldBe(5); // 2 create, 2 publish, 1 expiry
    }

    [Fact]
    public async Task CreditRepair_ByListedEnterprise_ReviewedByBureau_RemovesListing()
    {
        var bureau = await App.CreateClientAsAsync("bureau");
        var r = await bureau.PostAsJsonAsync("/api/protection/credit", new { subjectName = "江苏恒瑞医药股份有限公司", decisionNumber = "连市监处罚〔2026〕2号", reason = "测试" });
        var id = (await r.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt64();
        var lianyun = await App.CreateClientAsAsync("lianyun");
        (await lianyun.PostAsJsonAsync($"/api/protection/credit/{id}/repair", new { reason = "已履行" })).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        var hengrui = await App.CreateClientAsAsync("hengrui");
        (await hengrui.PostAsJsonAsync($"/api/protection/credit/{id}/repair", new { reason = "" })).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await hengrui.PostAsJsonAsync($"/api/protection/credit/{id}/repair", new { reason = "已缴纳罚款并完成整改" })).StatusCode.ShouldBe(HttpStatusCode.OK);
        var review = await bureau.PostAsJsonAsync($"/api/protection/credit/{id}/review", new { approve = true, note = "材料齐全，同意修复" });
        (await review.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("status").GetString().ShouldBe("repaired");
        (await bureau.PostAsJsonAsync($"/api/protection/credit/{id}/review", new { approve = true, note = "x" })).StatusCode.ShouldBe(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task PublicCredit_PersonSubject_NameMasked()
    {
        var bureau = await App.CreateClientAsAsync("bureau");
        var r = await bureau.PostAsJsonAsync("/api/protection/credit", new { subjectName = "王建国", subjectKind = "person", decisionNumber = "连市监处罚〔2026〕3号", reason = "王建国多次假冒专利" });
        var id = (await r.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt64();
        await bureau.PostAsync($"/api/protection/credit/{id}/publish", null);
        var text = await App.CreateAnonymousClient().GetStringAsync("/api/protection/public/credit");
        text.ShouldNotContain("王建国");
        text.ShouldContain("王某某");
    }
}
