using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Zhichan.Tests.Infrastructure;
using Zhichan.Tests.Records.Api;

namespace Zhichan.Tests.Portal;

/// <summary>The open endpoints answer what the platform's own public reads answer, on real 2017 records.</summary>
public class OpenApiDataTests(ZhichanFactory app) : IntegrationTest(app)
{
    [Fact]
    public async Task OpenEndpoints_AnswerTheSameRealDataAsThePublicReads()
    {
        // the indicator catalogue and the seeded plans, emptied with the other tables before each test
        foreach (var t in App.Services.GetServices<Zhichan.Api.Platform.IStartupTask>()
                     .Where(t => t is Zhichan.Api.Features.Indicators.IndicatorCatalogueLoader or Zhichan.Api.Features.Plans.PlanSeedLoader).OrderBy(t => t.Order))
            await t.RunAsync(CancellationToken.None);
        var bureau = await App.CreateClientAsAsync("bureau");
        var imported = await RecordsApi.ImportAsync(bureau, Cn2017.Gzip(Cn2017.Utf8Csv(Cn2017.First(3000))), "cn-invention-2017-head.csv.gz");
        imported.GetProperty("status").GetString().ShouldBe("succeeded");
        await App.ExecuteAsync("""
            INSERT INTO agencies (name, kinds, region_code, is_example, note) VALUES ('示例知识产权代理事务所（开放接口测试）', '{agency}', '320700', true, '示例')
            """);
        var admin = await App.CreateClientAsAsync("admin");
        var (_, secret) = await OpenApiKeys.CreateAsync(admin, OpenApiKeys.AllScopes);
        var open = OpenApiKeys.Client(App, secret);
        var anon = App.CreateAnonymousClient();

        // the records search: the same query gives the same hits, totals and cursor as SearchRecords
        foreach (var query in new[] { "q=" + Uri.EscapeDataString("电池") + "&pageSize=50", "q=" + Uri.EscapeDataString("AP=(大学) AND TI=(方法)") + "&sort=date_desc", "ipc=A61K&pageSize=5" })
        {
            var mine = await open.GetFromJsonAsync<JsonElement>("/api/open/v1/records?" + query);
            var theirs = await anon.GetFromJsonAsync<JsonElement>("/api/records?" + query);
            mine.GetProperty("total").GetInt64().ShouldBe(theirs.GetProperty("total").GetInt64(), query);
            mine.GetProperty("total").GetInt64().ShouldBeGreaterThan(0, query);
            Ids(mine).ShouldBe(Ids(theirs), query);
            mine.GetProperty("facets").ToString().ShouldBe(theirs.GetProperty("facets").ToString(), query);
            mine.GetProperty("nextCursor").ToString().ShouldBe(theirs.GetProperty("nextCursor").ToString(), query);
        }
        // the public limits apply: at most 100 a page, a bad query is the same Chinese 400
        (await open.GetFromJsonAsync<JsonElement>("/api/open/v1/records?pageSize=500")).GetProperty("items").GetArrayLength().ShouldBe(100);
        var bad = await (await open.GetAsync("/api/open/v1/records?q=" + Uri.EscapeDataString("TI=(电池"))).ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        bad.GetProperty("errors").GetProperty("q")[0].GetString()!.ShouldContain("括号");

        // one record in full, as the record page has it
        var id = Ids(await anon.GetFromJsonAsync<JsonElement>("/api/records?q=" + Uri.EscapeDataString("电池")))[0];
        var record = await open.GetFromJsonAsync<JsonElement>($"/api/open/v1/records/{id}");
        record.GetProperty("applicationNumber").GetString().ShouldBe((await anon.GetFromJsonAsync<JsonElement>($"/api/records/{id}")).GetProperty("applicationNumber").GetString());
        record.GetProperty("title").GetString()!.ShouldContain("电池");

        // the sync hands out every imported record
        var changes = await open.GetFromJsonAsync<JsonElement>("/api/open/v1/records/changes?limit=2000");
        changes.GetProperty("items").GetArrayLength().ShouldBe(2000);
        changes.GetProperty("hasMore").GetBoolean().ShouldBeTrue();

        // the public lists: the same answers as the anonymous endpoints
        (await open.GetStringAsync("/api/open/v1/disclosures")).ShouldBe(await anon.GetStringAsync("/api/protection/public/disclosures"));
        (await open.GetStringAsync("/api/open/v1/publicity")).ShouldBe(await anon.GetStringAsync("/api/public/programmes/notices"));
        var agencies = await open.GetStringAsync("/api/open/v1/agencies");
        agencies.ShouldBe(await anon.GetStringAsync("/api/public/agencies"));
        agencies.ShouldContain("示例知识产权代理事务所（开放接口测试）");

        // indicator values from the records just imported: the data centre's count of invention applications of 2017
        (await bureau.PostAsync("/api/indicators/recompute", JsonContent.Create(new { }))).IsSuccessStatusCode.ShouldBeTrue();
        var values = await WaitForValuesAsync(open);
        values.GetProperty("definition").GetProperty("code").GetString().ShouldBe("invention_applications");
        var staff = await bureau.GetFromJsonAsync<JsonElement>("/api/indicators/invention_applications/values?region=320000,110000&year=2017");
        foreach (var v in values.GetProperty("values").EnumerateArray())
        {
            new[] { "computed", "partial", "accepted" }.ShouldContain(v.GetProperty("status").GetString());
            var same = staff.GetProperty("values").EnumerateArray().Single(s => s.GetProperty("regionCode").GetString() == v.GetProperty("regionCode").GetString());
            v.GetProperty("value").ToString().ShouldBe(same.GetProperty("value").ToString());
        }

        // the plans' goals as the plans module computes them
        var plans = await open.GetFromJsonAsync<JsonElement>("/api/open/v1/plans");
        var staffPlans = await bureau.GetFromJsonAsync<JsonElement>("/api/plans");
        plans.GetArrayLength().ShouldBe(staffPlans.GetArrayLength());
        foreach (var p in plans.EnumerateArray())
        {
            var full = await bureau.GetFromJsonAsync<JsonElement>($"/api/plans/{p.GetProperty("id").GetInt64()}");
            p.GetProperty("goals").ToString().ShouldBe(full.GetProperty("goals").ToString());
            p.TryGetProperty("tasks", out _).ShouldBeFalse();
        }
    }

    private static async Task<JsonElement> WaitForValuesAsync(HttpClient open)
    {
        for (var i = 0; ; i++)
        {
            var res = await open.GetAsync("/api/open/v1/indicators/invention_applications/values?region=320000,110000&year=2017");
            var text = await res.Content.ReadAsStringAsync();
            res.StatusCode.ShouldBe(HttpStatusCode.OK, text);
            var v = JsonDocument.Parse(text).RootElement;
            if (v.GetProperty("values").GetArrayLength() > 0 || i > 200) return v;
            await Task.Delay(100);
        }
    }

    private static List<long> Ids(JsonElement result) => result.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetInt64()).ToList();
}
