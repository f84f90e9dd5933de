using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;
using Zhichan.Tests.Infrastructure;
using Zhichan.Tests.Records.Api;

namespace Zhichan.Tests.Analysis;

/// <summary>The navigation tests' scope: the rows of <see cref="AnalysisTestData.LithiumRows"/>; the last ten are held back for a later import.</summary>
public static class NavigationTestData
{
    public const string Q = AnalysisTestData.Lithium;

    public static List<string[]> First => AnalysisTestData.LithiumRows.Take(AnalysisTestData.LithiumRows.Count - 10).ToList();
    public static List<string[]> Later => AnalysisTestData.LithiumRows.Skip(AnalysisTestData.LithiumRows.Count - 10).ToList();

    public static object Project(string name = "锂电池产业导航", string kind = "industry") =>
        new { name, kind, q = Q, yearFrom = 2014, yearTo = 2017, regionPrefix = "32", comparison = new[] { "" } };

    public static async Task<JsonElement> PostAsync(HttpClient client, string url, object body, HttpStatusCode expected)
    {
        var res = await client.PostAsJsonAsync(url, body);
        var text = await res.Content.ReadAsStringAsync();
        res.StatusCode.ShouldBe(expected, text);
        return text.Length == 0 ? default : JsonDocument.Parse(text).RootElement;
    }

    public static async Task<JsonElement> GetAsync(HttpClient client, string url)
    {
        var res = await client.GetAsync(url);
        var text = await res.Content.ReadAsStringAsync();
        res.StatusCode.ShouldBe(HttpStatusCode.OK, text);
        return JsonDocument.Parse(text).RootElement;
    }

    public static JsonElement Analysis(JsonElement report, string key) =>
        report.GetProperty("data").GetProperty("analyses").EnumerateArray().Single(a => a.GetProperty("key").GetString() == key);

    public static List<string[]> Rows_(JsonElement analysis) =>
        analysis.GetProperty("rows").EnumerateArray().Select(r => r.EnumerateArray().Select(c => c.GetString()!).ToArray()).ToList();
}

/// <summary>Navigation projects through HTTP on the real 锂电池 rows of 2017, imported once for the class.</summary>
public class NavigationApiTests(ZhichanFactory app) : IntegrationTest(app)
{
    private static readonly HashSet<ZhichanFactory> Seeded = [];

    public override async Task InitializeAsync()
    {
        // one import for the class: the tests below only add projects of their own (and one later import the others tolerate)
        lock (Seeded) if (Seeded.Contains(App)) return;
        await App.ResetAsync();
        var bureau = await App.CreateClientAsAsync("bureau");
        var imp = await RecordsApi.ImportAsync(bureau, Cn2017.Utf8Csv(NavigationTestData.First), "lithium.csv");
        imp.Str("status").ShouldBe("succeeded", imp.ToString());
        lock (Seeded) Seeded.Add(App);
    }

    [Fact]
    public async Task TrendAndLeadingApplicants_EqualTheSearchsOwnCounts()
    {
        var bureau = await App.CreateClientAsAsync("bureau");
        var project = await NavigationTestData.PostAsync(bureau, "/api/analysis/navigation", NavigationTestData.Project(), HttpStatusCode.Created);
        var id = project.GetProperty("id").GetInt64();
        project.GetProperty("kindName").GetString().ShouldBe("产业规划类");
        project.GetProperty("regionName").GetString().ShouldBe("江苏省");

        var report = await NavigationTestData.GetAsync(bureau, $"/api/analysis/navigation/{id}/report");
        var search = await RecordsApi.SearchAsync(bureau, $"q={RecordsApi.Q(NavigationTestData.Q)}&from=2014-01-01&to=2017-12-31&pageSize=1");
        search.GetProperty("totalApproximate").GetBoolean().ShouldBeFalse();
        var total = search.GetProperty("total").GetInt64();
        total.ShouldBeGreaterThan(100);
        report.GetProperty("data").GetProperty("total").GetInt64().ShouldBe(total);

        // filings per application year = the search's year facet
        var years = search.GetProperty("facets").GetProperty("year").EnumerateArray()
            .ToDictionary(f => int.Parse(f.GetProperty("key").GetString()!), f => f.GetProperty("count").GetInt64());
        var trend = NavigationTestData.Rows_(NavigationTestData.Analysis(report, "trend"))
            .Where(r => int.Parse(r[0]) <= 2017).ToDictionary(r => int.Parse(r[0]), r => long.Parse(r[1]));
        trend.Where(t => t.Value > 0).OrderBy(t => t.Key).ToList().ShouldBe(years.OrderBy(t => t.Key).ToList());
        trend.Values.Sum().ShouldBe(total);

        // each of the five leading applicants: its count = the search's total with that applicant
        var leading = NavigationTestData.Rows_(NavigationTestData.Analysis(report, "applicants"));
        leading.Count.ShouldBeGreaterThanOrEqualTo(5);
        long.Parse(leading[0][1]).ShouldBeGreaterThan(1);
        foreach (var row in leading.Take(5))
        {
            var one = await RecordsApi.SearchAsync(bureau, $"q={RecordsApi.Q(NavigationTestData.Q)}&from=2014-01-01&to=2017-12-31&applicant={RecordsApi.Q(row[0])}&pageSize=1");
            (row[0], one.GetProperty("total").GetInt64()).ShouldBe((row[0], long.Parse(row[1])));
        }

        // 江苏's share: the search's own count for the province
        var jiangsu = await RecordsApi.SearchAsync(bureau, $"q={RecordsApi.Q(NavigationTestData.Q)}&from=2014-01-01&to=2017-12-31&region=320000&pageSize=1");
        var share = NavigationTestData.Rows_(NavigationTestData.Analysis(report, "localShare"));
        share[0].ShouldBe(["江苏省", jiangsu.GetProperty("total").GetInt64().ToString(), "—"]);
        share[1][0].ShouldBe("全国");
        // every analysis of the catalogue is there, each chapter of the kind lists its analyses
        report.GetProperty("data").GetProperty("analyses").GetArrayLength().ShouldBe(15);
        report.GetProperty("chapters").EnumerateArray().Select(c => c.GetProperty("title").GetString()).First().ShouldBe("一、产业专利现状");
    }

    [Fact]
    public async Task PublishedVersion_KeepsItsNarrativeAndNumbers_AfterEditsAndANewImport()
    {
        var bureau = await App.CreateClientAsAsync("bureau");
        var id = (await NavigationTestData.PostAsync(bureau, "/api/analysis/navigation", NavigationTestData.Project("版本测试", "regional"), HttpStatusCode.Created))
            .GetProperty("id").GetInt64();
        var put = await bureau.PutAsJsonAsync($"/api/analysis/navigation/{id}/narratives", new { narratives = new Dictionary<string, string> { ["basis"] = "第一版正文" } });
        put.StatusCode.ShouldBe(HttpStatusCode.OK, await put.Content.ReadAsStringAsync());
        var v1 = await NavigationTestData.PostAsync(bureau, $"/api/analysis/navigation/{id}/versions", new { }, HttpStatusCode.Created);
        v1.GetProperty("number").GetInt32().ShouldBe(1);
        var before = v1.GetProperty("total").GetInt64();

        await bureau.PutAsJsonAsync($"/api/analysis/navigation/{id}/narratives", new { narratives = new Dictionary<string, string> { ["basis"] = "修改后的正文" } });
        var imp = await RecordsApi.ImportAsync(bureau, Cn2017.Utf8Csv(NavigationTestData.Later), "lithium-later.csv");
        imp.Str("status").ShouldBe("succeeded", imp.ToString());

        var draft = await NavigationTestData.GetAsync(bureau, $"/api/analysis/navigation/{id}/report");
        draft.GetProperty("version").ValueKind.ShouldBe(JsonValueKind.Null);
        draft.GetProperty("chapters")[0].GetProperty("narrative").GetString().ShouldBe("修改后的正文");
        draft.GetProperty("data").GetProperty("total").GetInt64().ShouldBeGreaterThan(before);

        var published = await NavigationTestData.GetAsync(bureau, $"/api/analysis/navigation/{id}/report?version=1");
        published.GetProperty("version").GetInt32().ShouldBe(1);
        published.GetProperty("chapters")[0].GetProperty("narrative").GetString().ShouldBe("第一版正文");
        published.GetProperty("data").GetProperty("total").GetInt64().ShouldBe(before);
        NavigationTestData.Rows_(NavigationTestData.Analysis(published, "trend")).Sum(r => long.Parse(r[1])).ShouldBe(before);
        published.GetProperty("data").GetProperty("dataDate").ValueKind.ShouldBe(JsonValueKind.String);

        var versions = await NavigationTestData.GetAsync(bureau, $"/api/analysis/navigation/{id}/versions");
        versions.EnumerateArray().Select(v => (v.GetProperty("number").GetInt32(), v.GetProperty("total").GetInt64())).ShouldBe([(1, before)]);
        (await bureau.GetAsync($"/api/analysis/navigation/{id}/report?version=2")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Exports_DocxWithChapterHeadingsChartsAndTables_AndPdf()
    {
        var bureau = await App.CreateClientAsAsync("bureau");
        var id = (await NavigationTestData.PostAsync(bureau, "/api/analysis/navigation", NavigationTestData.Project("导出测试", "regional"), HttpStatusCode.Created))
            .GetProperty("id").GetInt64();
        var report = await NavigationTestData.GetAsync(bureau, $"/api/analysis/navigation/{id}/report");
        var chapters = report.GetProperty("chapters").EnumerateArray().ToList();
        var charted = chapters.Sum(c => c.GetProperty("analyses").EnumerateArray().Count(a => a.GetProperty("series").GetArrayLength() > 0 && a.GetProperty("categories").GetArrayLength() > 0));

        var res = await bureau.GetAsync($"/api/analysis/navigation/{id}/export?format=docx");
        res.StatusCode.ShouldBe(HttpStatusCode.OK, await res.Content.ReadAsStringAsync());
        res.Content.Headers.ContentType!.MediaType.ShouldBe("application/vnd.openxmlformats-officedocument.wordprocessingml.document");
        using (var doc = WordprocessingDocument.Open(new MemoryStream(await res.Content.ReadAsByteArrayAsync()), false))
        {
            var body = doc.MainDocumentPart!.Document.Body!;
            var headings = body.Elements<Paragraph>().Where(p => p.ParagraphProperties?.ParagraphStyleId?.Val?.Value == "Heading1").Select(p => p.InnerText).ToList();
            headings.ShouldBe(chapters.Select(c => c.GetProperty("title").GetString()!).ToList());
            doc.MainDocumentPart.ImageParts.Count().ShouldBe(charted);
            // the first chart as drawn, for a look (artifacts/ is not committed)
            var first = doc.MainDocumentPart.ImageParts.First();
            Directory.CreateDirectory(Zhichan.Tests.Browser.BrowserFixture.ScreenshotDir);
            using (var png = first.GetStream())
            using (var file = File.Create(Path.Combine(Zhichan.Tests.Browser.BrowserFixture.ScreenshotDir, "navigation-docx-chart.png"))) png.CopyTo(file);
            charted.ShouldBeGreaterThan(chapters.Count);
            body.Elements<Table>().Count().ShouldBeGreaterThan(5);
            body.Elements<Table>().First().Elements<TableRow>().First().InnerText.ShouldBe("年份申请量（按申请年）授权量（按授权年）");
            doc.MainDocumentPart.StyleDefinitionsPart!.Styles!.Descendants<RunFonts>().ShouldContain(f => f.EastAsia != null && f.EastAsia.Value == "黑体");
        }

        var pdf = await bureau.GetAsync($"/api/analysis/navigation/{id}/export?format=pdf");
        pdf.StatusCode.ShouldBe(HttpStatusCode.OK, await pdf.Content.ReadAsStringAsync());
        var bytes = await pdf.Content.ReadAsByteArrayAsync();
        System.Text.Encoding.ASCII.GetString(bytes, 0, 4).ShouldBe("%PDF");
    }

    [Fact]
    public async Task PublicVersion_IsListedAndDownloadedAnonymously_UntilWithdrawn_AndAnEnterprisesOwnProjectIsNeverPublic()
    {
        var bureau = await App.CreateClientAsAsync("bureau");
        var anonymous = App.CreateAnonymousClient();
        var id = (await NavigationTestData.PostAsync(bureau, "/api/analysis/navigation", NavigationTestData.Project("公开报告测试", "regional"), HttpStatusCode.Created))
            .GetProperty("id").GetInt64();
        var v1 = await NavigationTestData.PostAsync(bureau, $"/api/analysis/navigation/{id}/versions", new { }, HttpStatusCode.Created);
        var versionId = v1.GetProperty("id").GetInt64();
        v1.GetProperty("publicAt").ValueKind.ShouldBe(JsonValueKind.Null);
        async Task<List<string?>> PublicTitles() => (await NavigationTestData.GetAsync(anonymous, "/api/public/portal/reports?kind=navigation"))
            .GetProperty("items").EnumerateArray().Select(r => r.GetProperty("title").GetString()).ToList();
        (await PublicTitles()).ShouldNotContain("公开报告测试");
        await (await anonymous.GetAsync($"/api/public/portal/reports/navigation/{versionId}")).ShouldBeProblemAsync(HttpStatusCode.NotFound);

        // only the bureau makes a version public; a version that does not exist is a 404; the body must say which
        await (await (await App.CreateClientAsAsync("lianyun")).PutAsJsonAsync($"/api/analysis/navigation/{id}/versions/1/public", new { @public = true }))
            .ShouldBeProblemAsync(HttpStatusCode.Forbidden);
        await (await bureau.PutAsJsonAsync($"/api/analysis/navigation/{id}/versions/2/public", new { @public = true })).ShouldBeProblemAsync(HttpStatusCode.NotFound);
        await (await bureau.PutAsJsonAsync($"/api/analysis/navigation/{id}/versions/1/public", new { })).ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        var made = await bureau.PutAsJsonAsync($"/api/analysis/navigation/{id}/versions/1/public", new { @public = true });
        made.StatusCode.ShouldBe(HttpStatusCode.OK, await made.Content.ReadAsStringAsync());
        (await made.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("publicAt").ValueKind.ShouldBe(JsonValueKind.String);
        await (await bureau.PutAsJsonAsync($"/api/analysis/navigation/{id}/versions/1/public", new { @public = true })).ShouldBeProblemAsync(HttpStatusCode.Conflict);
        (await NavigationTestData.GetAsync(bureau, $"/api/analysis/navigation/{id}/versions"))[0].GetProperty("publicAt").ValueKind.ShouldBe(JsonValueKind.String);

        var listed = (await NavigationTestData.GetAsync(anonymous, "/api/public/portal/reports")).GetProperty("items").EnumerateArray()
            .Single(r => r.GetProperty("title").GetString() == "公开报告测试");
        listed.GetProperty("kind").GetString().ShouldBe("navigation");
        listed.GetProperty("id").GetInt64().ShouldBe(versionId);
        listed.GetProperty("subtitle").GetString().ShouldBe("专利导航报告 · 区域规划类 · 第 1 版");
        // the frozen version as Word, the same bytes for every visitor (rendered once)
        var docx = await anonymous.GetAsync($"/api/public/portal/reports/navigation/{versionId}?format=docx");
        docx.StatusCode.ShouldBe(HttpStatusCode.OK, await docx.Content.ReadAsStringAsync());
        var bytes = await docx.Content.ReadAsByteArrayAsync();
        using (var doc = WordprocessingDocument.Open(new MemoryStream(bytes), false))
            doc.MainDocumentPart!.Document.Body!.InnerText.ShouldContain("公开报告测试");
        (await (await App.CreateAnonymousClient().GetAsync($"/api/public/portal/reports/navigation/{versionId}")).Content.ReadAsByteArrayAsync()).ShouldBe(bytes);
        await (await anonymous.GetAsync($"/api/public/portal/reports/navigation/{versionId}?format=xlsx")).ShouldBeProblemAsync(HttpStatusCode.BadRequest);

        // withdrawn: gone from the portal; both changes are in the audit log
        (await bureau.PutAsJsonAsync($"/api/analysis/navigation/{id}/versions/1/public", new { @public = false })).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await PublicTitles()).ShouldNotContain("公开报告测试");
        await (await anonymous.GetAsync($"/api/public/portal/reports/navigation/{versionId}")).ShouldBeProblemAsync(HttpStatusCode.NotFound);
        (await App.ScalarAsync<long>($"SELECT count(*) FROM audit_log WHERE entity = 'navigation_versions' AND entity_id = '{versionId}' AND action = 'update'")).ShouldBe(2);

        // an innovation entity's own project stays its own
        var hengrui = await App.CreateClientAsAsync("hengrui");
        var own = (await NavigationTestData.PostAsync(hengrui, "/api/analysis/navigation",
            new { name = "恒瑞经营导航", kind = "enterprise", q = "AP=恒瑞医药", yearFrom = 2014, yearTo = 2017, regionPrefix = "3207", comparison = new[] { "" } },
            HttpStatusCode.Created)).GetProperty("id").GetInt64();
        await NavigationTestData.PostAsync(hengrui, $"/api/analysis/navigation/{own}/versions", new { }, HttpStatusCode.Created);
        await (await hengrui.PutAsJsonAsync($"/api/analysis/navigation/{own}/versions/1/public", new { @public = true })).ShouldBeProblemAsync(HttpStatusCode.Forbidden);
        var refused = await (await bureau.PutAsJsonAsync($"/api/analysis/navigation/{own}/versions/1/public", new { @public = true }))
            .ShouldBeProblemAsync(HttpStatusCode.Conflict);
        refused.GetProperty("detail").GetString()!.ShouldContain("属于该单位");
    }

    [Fact]
    public async Task RowFilter_EnterpriseSeesOnlyItsUnit_AndABadExpressionIs400WithItsPosition()
    {
        var bureau = await App.CreateClientAsAsync("bureau");
        var hengrui = await App.CreateClientAsAsync("hengrui");
        var lianyun = await App.CreateClientAsAsync("lianyun");
        var staffProject = (await NavigationTestData.PostAsync(bureau, "/api/analysis/navigation", NavigationTestData.Project("省级导航"), HttpStatusCode.Created))
            .GetProperty("id").GetInt64();
        (await hengrui.GetAsync($"/api/analysis/navigation/{staffProject}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await hengrui.GetAsync($"/api/analysis/navigation/{staffProject}/report")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        // a district sees projects of its region only (连云港 区 under 3207, not the province's)
        (await lianyun.GetAsync($"/api/analysis/navigation/{staffProject}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);

        // an enterprise: only 企业经营/研发活动, for its own unit
        var refused = await hengrui.PostAsJsonAsync("/api/analysis/navigation", NavigationTestData.Project("区域规划", "regional"));
        (await refused.ShouldBeProblemAsync(HttpStatusCode.BadRequest)).GetProperty("errors").GetProperty("kind")[0].GetString()!.ShouldContain("企业经营类");
        var own = await NavigationTestData.PostAsync(hengrui, "/api/analysis/navigation",
            new { name = "恒瑞研发导航", kind = "rnd", q = "AP=恒瑞医药", yearFrom = 2014, yearTo = 2017, regionPrefix = "3207", comparison = new[] { "32", "" } },
            HttpStatusCode.Created);
        own.GetProperty("canEdit").GetBoolean().ShouldBeTrue();
        var list = await NavigationTestData.GetAsync(hengrui, "/api/analysis/navigation");
        list.GetProperty("items").EnumerateArray().Select(p => p.GetProperty("name").GetString()).ShouldBe(["恒瑞研发导航"]);
        (await NavigationTestData.GetAsync(bureau, $"/api/analysis/navigation/{own.GetProperty("id").GetInt64()}")).GetProperty("canEdit").GetBoolean().ShouldBeTrue();

        // the records parser's own error, with the position
        var bad = await bureau.PostAsJsonAsync("/api/analysis/navigation", new
        {
            name = "语法错误", kind = "industry", q = "锂电池 AND (正极", yearFrom = 2014, yearTo = 2017, regionPrefix = "32", comparison = new[] { "" },
        });
        var problem = await bad.ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        problem.GetProperty("errors").GetProperty("q")[0].GetString()!.ShouldContain("第");
        problem.GetProperty("position").GetInt32().ShouldBeGreaterThan(0);
        var region = await bureau.PostAsJsonAsync("/api/analysis/navigation", new
        {
            name = "地区错误", kind = "industry", q = "锂电池", yearFrom = 2014, yearTo = 2017, regionPrefix = "99", comparison = new[] { "" },
        });
        (await region.ShouldBeProblemAsync(HttpStatusCode.BadRequest)).GetProperty("errors").GetProperty("regionPrefix")[0].GetString()!.ShouldContain("无效");
    }
}
