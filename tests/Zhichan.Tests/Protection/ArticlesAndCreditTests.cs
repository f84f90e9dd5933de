using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Zhichan.Tests.Infrastructure;

namespace Zhichan.Tests.Protection;

/// <summary>Typical cases as articles, published uploads never served raw, and the enterprise's own credit listing and repair.</summary>
public class ArticlesAndCreditTests(ProtectionFactory app) : ProtectionTest(app)
{
    private const string DecisionDoc = """
        连云港市市场监督管理局行政处罚决定书
        当事人：王建国，男，身份证号码320706198001011234，住所江苏省连云港市海州区朝阳东路18号2幢301室，联系电话13912345678。
        经查，当事人在其经营的门店销售标注虚假专利号的产品，构成假冒专利行为。本局决定责令改正并罚款人民币二万元。
        """;

    private async Task<long> ClosedCaseAsync(HttpClient bureau, string phone = "13900001111")
    {
        var id = await RegisterAsync(bureau, Today, type: "patent_dispute", phone: phone);
        foreach (var a in new[] { "accept", "file", "mediate" }) await TransitionAsync(bureau, id, new { action = a });
        (await bureau.PostAsJsonAsync($"/api/protection/cases/{id}/mediations", new { mediator = "王调解", result = "agreement", agreement = "停止侵权并赔偿。" }))
            .StatusCode.ShouldBe(HttpStatusCode.OK);
        await TransitionAsync(bureau, id, new { action = "close", outcome = "调解结案" });
        return id;
    }

    [Fact]
    public async Task TypicalCase_FromClosedCase_PreviewThenPublishMasked_PublicListAndArticle_Unpublish()
    {
        var bureau = await App.CreateClientAsAsync("bureau");
        var open = await RegisterAsync(bureau, Today, phone: "13900009999", respondent: "未结案公司");
        var article = new
        {
            kind = "typical_case", title = "李小龙诉某公司专利侵权纠纷快速调解案", summary = "请求人李小龙（电话13900001111）的专利纠纷经快速通道 10 日内调解结案。",
            text = "基本案情：请求人李小龙发现被请求人销售涉嫌侵权产品，于立案后组织调解。\n典型意义：快速通道缩短了维权周期。",
        };
        var noCase = await (await bureau.PostAsJsonAsync("/api/protection/disclosures", article)).ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        noCase.GetProperty("errors").GetProperty("complaintId")[0].GetString()!.ShouldContain("已结案");
        var notClosed = await (await bureau.PostAsJsonAsync("/api/protection/disclosures",
            new { article.kind, article.title, article.summary, article.text, complaintId = open })).ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        notClosed.GetProperty("errors").GetProperty("complaintId")[0].GetString()!.ShouldContain("尚未结案");
        var noSummary = await (await bureau.PostAsJsonAsync("/api/protection/disclosures", new { article.kind, article.title, article.text, complaintId = open }))
            .ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        noSummary.GetProperty("errors").GetProperty("summary")[0].GetString()!.ShouldContain("不能为空");

        var id = await ClosedCaseAsync(bureau);
        var body = new { article.kind, article.title, article.summary, article.text, complaintId = id };
        var preview = await bureau.PostAsJsonAsync("/api/protection/disclosures/preview", body);
        var pv = JsonDocument.Parse(await preview.Content.ReadAsStringAsync()).RootElement;
        preview.StatusCode.ShouldBe(HttpStatusCode.OK, pv.ToString());
        pv.GetProperty("title").GetString().ShouldBe("李某某诉某公司专利侵权纠纷快速调解案");
        pv.GetProperty("summary").GetString()!.ShouldContain("139****1111");
        pv.GetProperty("summary").GetString()!.ShouldNotContain("李小龙");
        pv.GetProperty("text").GetString()!.ShouldNotContain("李小龙");
        (await App.ScalarAsync<long>("SELECT count(*) FROM protection_disclosures")).ShouldBe(0); // a preview stores nothing

        var created = await bureau.PostAsJsonAsync("/api/protection/disclosures", body);
        created.StatusCode.ShouldBe(HttpStatusCode.Created, await created.Content.ReadAsStringAsync());
        var did = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt64();
        var anon = App.CreateAnonymousClient();
        (await anon.GetFromJsonAsync<JsonElement[]>("/api/protection/public/disclosures?kind=typical_case"))!.ShouldBeEmpty();
        (await bureau.PostAsync($"/api/protection/disclosures/{did}/publish", null)).StatusCode.ShouldBe(HttpStatusCode.OK);

        var list = (await anon.GetFromJsonAsync<JsonElement[]>("/api/protection/public/disclosures?kind=typical_case"))!;
        list.Length.ShouldBe(1);
        list[0].GetProperty("summary").GetString()!.ShouldContain("李某某");
        (await anon.GetFromJsonAsync<JsonElement[]>("/api/protection/public/disclosures?kind=penalty_decision"))!.ShouldBeEmpty();
        await (await anon.GetAsync("/api/protection/public/disclosures?kind=secret")).ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        var page = await anon.GetStringAsync($"/api/protection/public/disclosures/{did}");
        page.ShouldContain("典型意义");
        page.ShouldNotContain("李小龙");
        page.ShouldNotContain("13900001111");

        (await bureau.PostAsync($"/api/protection/disclosures/{did}/withdraw", null)).StatusCode.ShouldBe(HttpStatusCode.OK);
        await (await anon.GetAsync($"/api/protection/public/disclosures/{did}")).ShouldBeProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task PublishedUpload_NoAnonymousEndpointReturnsItUnmasked_DisclosureShowsMaskedRenderingOnly()
    {
        var bureau = await App.CreateClientAsAsync("bureau");
        var id = await RegisterAsync(bureau, Today, type: "counterfeit_patent");
        var receipt = await App.ScalarAsync<string>("SELECT receipt_number FROM complaints WHERE id = $1", id);
        using (var form = new MultipartFormDataContent())
        {
            var file = new ByteArrayContent(Encoding.UTF8.GetBytes(DecisionDoc));
            file.Headers.ContentType = new MediaTypeHeaderValue("text/plain");
            form.Add(file, "file", "处罚决定书.txt");
            form.Add(new StringContent("document"), "kind");
            (await bureau.PostAsync($"/api/protection/cases/{id}/files", form)).StatusCode.ShouldBe(HttpStatusCode.OK);
        }
        var fileId = await App.ScalarAsync<long>("SELECT id FROM complaint_files WHERE complaint_id = $1", id);

        // the disclosure is rendered from the uploaded document, masked; a pdf/image could not be rendered and is refused
        var res = await bureau.PostAsJsonAsync("/api/protection/disclosures", new
        {
            kind = "penalty_decision", decisionNumber = "连市监处罚〔2026〕31号", title = "假冒专利案行政处罚决定书", complaintId = id, sourceFileId = fileId,
        });
        var d = JsonDocument.Parse(await res.Content.ReadAsStringAsync()).RootElement;
        res.StatusCode.ShouldBe(HttpStatusCode.Created, d.ToString());
        d.GetProperty("maskedText").GetString()!.ShouldContain("王某某");
        d.GetProperty("maskedText").GetString()!.ShouldContain("构成假冒专利行为");
        (await bureau.PostAsync($"/api/protection/disclosures/{d.GetProperty("id").GetInt64()}/publish", null)).StatusCode.ShouldBe(HttpStatusCode.OK);
        var unknownFile = await bureau.PostAsJsonAsync("/api/protection/disclosures", new
        {
            kind = "penalty_decision", decisionNumber = "x", title = "y", complaintId = id, sourceFileId = 999999,
        });
        await unknownFile.ShouldBeProblemAsync(HttpStatusCode.BadRequest);

        // every anonymous GET endpoint of the API, called with this case's ids: none returns the upload or its personal data
        var secrets = new[] { "王建国", "320706198001011234", "13912345678", "朝阳东路18号", "/files/", "处罚决定书.txt" };
        var endpoints = App.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<IAllowAnonymous>() is not null && e.RoutePattern.RawText!.StartsWith("/api")
                        && e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods.Contains("GET") == true)
            .ToList();
        endpoints.Count.ShouldBeGreaterThan(3);
        var anon = App.CreateAnonymousClient();
        var did = d.GetProperty("id").GetInt64();
        var checkedPublic = 0;
        foreach (var e in endpoints)
        {
            var url = "/" + string.Join("/", e.RoutePattern.PathSegments.Select(seg => string.Concat(seg.Parts.Select(part => part switch
            {
                Microsoft.AspNetCore.Routing.Patterns.RoutePatternLiteralPart l => l.Content,
                Microsoft.AspNetCore.Routing.Patterns.RoutePatternParameterPart p => p.Name switch
                {
                    "receiptNumber" => receipt!, "id" when e.RoutePattern.RawText!.Contains("disclosures") => did.ToString(), "id" => id.ToString(),
                    "fileId" => fileId.ToString(), _ => "1",
                },
                _ => "",
            })))) + "?kind=penalty_decision";
            var r = await anon.GetAsync(url);
            var text = await r.Content.ReadAsStringAsync();
            foreach (var s in secrets) text.ShouldNotContain(s, customMessage: $"GET {url} ({(int)r.StatusCode})");
            if (r.IsSuccessStatusCode) checkedPublic++;
        }
        checkedPublic.ShouldBeGreaterThan(2);
        (await anon.GetStringAsync($"/api/protection/public/disclosures/{did}")).ShouldContain("王某某");
        // the upload itself is for signed-in users who may see the case only
        await (await anon.GetAsync($"/api/protection/cases/{id}/files/{fileId}")).ShouldBeProblemAsync(HttpStatusCode.Unauthorized);
        var hengrui = await App.CreateClientAsAsync("hengrui");
        await (await hengrui.GetAsync($"/api/protection/cases/{id}/files/{fileId}")).ShouldBeProblemAsync(HttpStatusCode.NotFound);
    }

    [Theory]
    [InlineData("孙小美", "孙某某", true)]           // a person as respondent: masked
    [InlineData("连云港某某网店703", "连云港某某网店703", false)] // a shop name: kept, even without a company suffix
    public async Task Disclosure_FromCase_MasksPersonRespondentButNotShopName(string respondent, string shown, bool masked)
    {
        var bureau = await App.CreateClientAsAsync("bureau");
        var id = await RegisterAsync(bureau, Today, respondent: respondent);
        var res = await bureau.PostAsJsonAsync("/api/protection/disclosures/preview", new
        {
            kind = "penalty_decision", decisionNumber = "连市监处罚〔2026〕50号", title = $"{respondent}商标侵权案", text = $"经查，{respondent}销售侵权商品。", complaintId = id,
        });
        var p = JsonDocument.Parse(await res.Content.ReadAsStringAsync()).RootElement;
        res.StatusCode.ShouldBe(HttpStatusCode.OK, p.ToString());
        p.GetProperty("text").GetString().ShouldBe($"经查，{shown}销售侵权商品。");
        p.GetProperty("title").GetString()!.Contains(respondent).ShouldBe(!masked);
    }

    [Fact]
    public async Task Enterprise_SeesOnlyOwnListing_AppliesForRepair_SeesReviewResult()
    {
        var bureau = await App.CreateClientAsAsync("bureau");
        async Task<long> ListAsync(string subject, string decision)
        {
            var r = await bureau.PostAsJsonAsync("/api/protection/credit", new { subjectName = subject, decisionNumber = decision, reason = "假冒专利，情节严重" });
            r.StatusCode.ShouldBe(HttpStatusCode.Created, await r.Content.ReadAsStringAsync());
            return (await r.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt64();
        }
        var own = await ListAsync("江苏恒瑞医药股份有限公司", "连市监处罚〔2026〕40号");
        var other = await ListAsync("连云港某某商贸有限公司", "连市监处罚〔2026〕41号");
        (await bureau.PostAsync($"/api/protection/credit/{own}/publish", null)).StatusCode.ShouldBe(HttpStatusCode.OK);

        var hengrui = await App.CreateClientAsAsync("hengrui");
        var mine = (await hengrui.GetFromJsonAsync<JsonElement[]>("/api/protection/credit/mine"))!;
        mine.Select(l => l.GetProperty("id").GetInt64()).ShouldBe([own]);
        mine[0].GetProperty("statusLabel").GetString().ShouldBe("已公示");
        await (await hengrui.PostAsJsonAsync($"/api/protection/credit/{other}/repair", new { reason = "已整改" })).ShouldBeProblemAsync(HttpStatusCode.Forbidden);
        await (await hengrui.PostAsJsonAsync($"/api/protection/credit/{own}/repair", new { reason = " " })).ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        (await hengrui.PostAsJsonAsync($"/api/protection/credit/{own}/repair", new { reason = "已缴纳罚款并完成整改，消除了不良影响。" })).StatusCode.ShouldBe(HttpStatusCode.OK);
        await (await hengrui.PostAsJsonAsync($"/api/protection/credit/{own}/repair", new { reason = "再次申请" })).ShouldBeProblemAsync(HttpStatusCode.Conflict);
        (await bureau.GetFromJsonAsync<JsonElement>("/api/notifications")).GetProperty("items").EnumerateArray()
            .Select(i => i.GetProperty("type").GetString()).ShouldContain("protection.credit_repair");

        (await bureau.PostAsJsonAsync($"/api/protection/credit/{own}/review", new { approve = false, note = "未提交罚款缴纳凭证" })).StatusCode.ShouldBe(HttpStatusCode.OK);
        var reviewed = (await hengrui.GetFromJsonAsync<JsonElement[]>("/api/protection/credit/mine"))![0];
        reviewed.GetProperty("status").GetString().ShouldBe("published");
        reviewed.GetProperty("reviewNote").GetString().ShouldBe("未提交罚款缴纳凭证");
        var n = (await hengrui.GetFromJsonAsync<JsonElement>("/api/notifications")).GetProperty("items")[0];
        n.GetProperty("type").GetString().ShouldBe("protection.credit_reviewed");
        n.GetProperty("title").GetString().ShouldBe("信用修复申请未通过");

        foreach (var user in new[] { "bureau", "lianyun", "agency" })
            await (await (await App.CreateClientAsAsync(user)).GetAsync("/api/protection/credit/mine")).ShouldBeProblemAsync(HttpStatusCode.Forbidden);
    }
}
