using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Zhichan.Tests.Infrastructure;

namespace Zhichan.Tests.Portal;

/// <summary>
/// Issue 25 §1: the bureau's news, policy documents and pages — a draft is invisible to anonymous visitors, publishing shows it,
/// unpublishing hides it again; the server strips scripts and event handlers whatever the editor sent; site settings are the
/// admin's.
/// </summary>
public class PortalContentTests(ZhichanFactory app) : IntegrationTest(app)
{
    private static async Task<JsonElement> JsonAsync(HttpResponseMessage res, HttpStatusCode expected = HttpStatusCode.OK)
    {
        var text = await res.Content.ReadAsStringAsync();
        res.StatusCode.ShouldBe(expected, text);
        return text.Length == 0 ? default : JsonDocument.Parse(text).RootElement;
    }

    [Fact]
    public async Task Draft_IsInvisible_Published_IsVisible_Sanitised_AndUnpublishHidesIt()
    {
        var bureau = await App.CreateClientAsAsync("bureau");
        var anonymous = App.CreateAnonymousClient();
        var item = await JsonAsync(await bureau.PostAsJsonAsync("/api/portal/content", new
        {
            kind = "policy", title = "连云港市知识产权质押融资风险补偿资金管理办法", issuer = "连云港市市场监督管理局", docNumber = "连市监规〔2024〕1号",
            bodyHtml = """<h2 onclick="steal()">第一章 总则</h2><p>为<strong>规范</strong>资金管理<script>alert(1)</script>。</p><a href="javascript:alert(1)">链接</a><a href="https://www.cnipa.gov.cn/">国家知识产权局</a><img src=x onerror="alert(2)"><ul><li style="color:red">一</li></ul>""",
        }), HttpStatusCode.Created);
        var id = item.GetProperty("id").GetInt64();
        item.GetProperty("status").GetString().ShouldBe("draft");
        var body = item.GetProperty("bodyHtml").GetString()!;
        body.ShouldNotContain("script");
        body.ShouldNotContain("onclick");
        body.ShouldNotContain("onerror");
        body.ShouldNotContain("javascript:");
        body.ShouldNotContain("<img");
        body.ShouldNotContain("style");
        body.ShouldContain("<h2>第一章 总则</h2>");
        body.ShouldContain("<strong>规范</strong>");
        body.ShouldContain("""<a href="https://www.cnipa.gov.cn/" rel="noopener noreferrer">国家知识产权局</a>""");

        // a draft: not listed, 404 when asked for
        (await JsonAsync(await anonymous.GetAsync("/api/public/portal/content?kind=policy"))).GetProperty("total").GetInt64().ShouldBe(0);
        (await anonymous.GetAsync($"/api/public/portal/content/{id}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);

        var published = await JsonAsync(await bureau.PostAsync($"/api/portal/content/{id}/publish", null));
        published.GetProperty("publishedAt").ValueKind.ShouldBe(JsonValueKind.String);
        var list = await JsonAsync(await anonymous.GetAsync("/api/public/portal/content?kind=policy"));
        list.GetProperty("items").EnumerateArray().Single().GetProperty("docNumber").GetString().ShouldBe("连市监规〔2024〕1号");
        (await JsonAsync(await anonymous.GetAsync($"/api/public/portal/content/{id}"))).GetProperty("bodyHtml").GetString().ShouldBe(body);
        (await JsonAsync(await anonymous.GetAsync("/api/public/portal/content?kind=news"))).GetProperty("total").GetInt64().ShouldBe(0);

        // an edit of a published item is sanitised too
        await JsonAsync(await bureau.PutAsJsonAsync($"/api/portal/content/{id}", new
        {
            title = "连云港市知识产权质押融资风险补偿资金管理办法", bodyHtml = """<p onmouseover="x()">修订</p><iframe src="https://example.com"></iframe>""",
        }));
        (await JsonAsync(await anonymous.GetAsync($"/api/public/portal/content/{id}"))).GetProperty("bodyHtml").GetString().ShouldBe("<p>修订</p>");

        await JsonAsync(await bureau.PostAsync($"/api/portal/content/{id}/unpublish", null));
        (await anonymous.GetAsync($"/api/public/portal/content/{id}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await JsonAsync(await anonymous.GetAsync("/api/public/portal/content"))).GetProperty("total").GetInt64().ShouldBe(0);
        // every write audited
        (await App.ScalarAsync<long>("SELECT count(*) FROM audit_log WHERE entity = 'portal_content' AND entity_id = $1", id.ToString())).ShouldBe(4);
    }

    [Fact]
    public async Task Pages_AreReadByTheirAddress_OnlyStaffEdit()
    {
        var bureau = await App.CreateClientAsAsync("bureau");
        var anonymous = App.CreateAnonymousClient();
        (await bureau.PostAsJsonAsync("/api/portal/content", new { kind = "page", title = "联系我们", bodyHtml = "<p>x</p>" }))
            .StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var page = await JsonAsync(await bureau.PostAsJsonAsync("/api/portal/content", new { kind = "page", slug = "contact", title = "联系我们", bodyHtml = "<p>地址：</p>" }),
            HttpStatusCode.Created);
        (await anonymous.GetAsync("/api/public/portal/pages/contact")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        await JsonAsync(await bureau.PostAsync($"/api/portal/content/{page.GetProperty("id").GetInt64()}/publish", null));
        (await JsonAsync(await anonymous.GetAsync("/api/public/portal/pages/contact"))).GetProperty("title").GetString().ShouldBe("联系我们");
        var dup = await bureau.PostAsJsonAsync("/api/portal/content", new { kind = "page", slug = "contact", title = "联系方式", bodyHtml = "<p>y</p>" });
        (await dup.ShouldBeProblemAsync(HttpStatusCode.BadRequest)).GetProperty("errors").TryGetProperty("slug", out _).ShouldBeTrue();

        var hengrui = await App.CreateClientAsAsync("hengrui");
        (await hengrui.GetAsync("/api/portal/content")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await anonymous.GetAsync("/api/portal/content")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task SiteSettings_AreEmptyUntilConfigured_AndOnlyTheAdminEditsThem()
    {
        var anonymous = App.CreateAnonymousClient();
        var empty = await JsonAsync(await anonymous.GetAsync("/api/public/portal/site"));
        empty.GetProperty("sponsor").ValueKind.ShouldBe(JsonValueKind.Null);
        empty.GetProperty("icpNumber").ValueKind.ShouldBe(JsonValueKind.Null);

        var input = new { siteName = "连云港市知识产权公共服务平台", sponsor = "连云港市市场监督管理局（知识产权局）", organiser = "", icpNumber = "", contactEmail = "not-an-email" };
        var bureau = await App.CreateClientAsAsync("bureau");
        (await bureau.PutAsJsonAsync("/api/portal/site", input)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        var admin = await App.CreateClientAsAsync("admin");
        (await (await admin.PutAsJsonAsync("/api/portal/site", input)).ShouldBeProblemAsync(HttpStatusCode.BadRequest))
            .GetProperty("errors").TryGetProperty("contactEmail", out _).ShouldBeTrue();
        await JsonAsync(await admin.PutAsJsonAsync("/api/portal/site", input with { contactEmail = "" }));
        var site = await JsonAsync(await anonymous.GetAsync("/api/public/portal/site"));
        site.GetProperty("sponsor").GetString().ShouldBe("连云港市市场监督管理局（知识产权局）");
        site.GetProperty("organiser").ValueKind.ShouldBe(JsonValueKind.Null);
        (await App.ScalarAsync<long>("SELECT count(*) FROM audit_log WHERE entity = 'portal_site_settings'")).ShouldBe(1);
    }
}
