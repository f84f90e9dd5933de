using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Zhichan.Api.Features.Indicators;
using Zhichan.Api.Platform;
using Zhichan.Tests.Infrastructure;
using Zhichan.Tests.Records.Api;
using static Zhichan.Tests.Analysis.AnalysisTestData;
using static Zhichan.Tests.Analysis.WatchesApi;

namespace Zhichan.Tests.Analysis;

/// <summary>Watches through HTTP on real 2017 rows: a saved search and an entity after an import, a patent's legal-status event, the screening, the row filters.</summary>
public class WatchApiTests(ZhichanFactory app) : IntegrationTest(app)
{
    [Fact]
    public async Task SearchAndEntityWatches_FireOnTheNewRecordsOfAnImport_AndNeverTwice()
    {
        var bureau = await App.CreateClientAsAsync("bureau");
        var hengrui = await App.CreateClientAsAsync("hengrui");
        await ImportAsync(bureau, HengruiEarly, "hengrui-early.csv");
        var entityId = await App.ScalarAsync<long>("SELECT id FROM entities WHERE name = '江苏恒瑞医药股份有限公司'");
        var search = await CreateAsync(hengrui, new { kind = "search", name = "恒瑞医药新申请", q = "恒瑞医药" });
        var entity = await CreateAsync(hengrui, new { kind = "entity", name = "本企业专利动态", entityId });
        (search.GetProperty("kindName").GetString(), entity.GetProperty("entityName").GetString()).ShouldBe(("检索式", "江苏恒瑞医药股份有限公司"));

        // nothing new since the watches were created: no alert
        (await EvaluateAsync(bureau)).GetProperty("hits").GetInt32().ShouldBe(0);

        // the import brings five more 恒瑞 applications and 25 of another applicant
        await ImportAsync(bureau, [.. HengruiLater, .. Pengrun], "later.csv");
        // (the same evaluation also follows the import by itself within seconds: whichever runs first finds the new records)
        await EvaluateAsync(bureau);

        var hit = (await HitsAsync(hengrui, search.GetProperty("id").GetInt64())).ShouldHaveSingleItem();
        (hit.GetProperty("kind").GetString(), hit.GetProperty("itemCount").GetInt32()).ShouldBe(("new_records", 5));
        var detail = await HitAsync(hengrui, hit.GetProperty("id").GetInt64());
        var expectedTitles = Of(HengruiLater).Select(r => r[Cn2017.Col("title")]).Order().ToList();
        detail.GetProperty("records").EnumerateArray().Select(r => r.GetProperty("title").GetString()!).Order().ToList().ShouldBe(expectedTitles);
        detail.GetProperty("records").EnumerateArray().ShouldAllBe(r => r.GetProperty("firstApplicant").GetString() == "江苏恒瑞医药股份有限公司");

        // the entity watch: the same five records, as new filings and new grants (B publications of the file)
        var entityHits = await HitsAsync(hengrui, entity.GetProperty("id").GetInt64());
        entityHits.Sum(h => h.GetProperty("itemCount").GetInt32()).ShouldBe(5);
        entityHits.Select(h => h.GetProperty("kind").GetString()!).ShouldBeSubsetOf(["entity_filings", "entity_grants"]);
        var granted = Of(HengruiLater).Count(r => r[Cn2017.Col("source_product")].EndsWith("-B", StringComparison.Ordinal));
        entityHits.Where(h => h.GetProperty("kind").GetString() == "entity_grants").Sum(h => h.GetProperty("itemCount").GetInt32()).ShouldBe(granted);

        // the alert is an in-app notification of the owner linking to its evidence
        var inbox = await hengrui.GetFromJsonAsync<JsonElement>("/api/notifications");
        var note = inbox.GetProperty("items").EnumerateArray().First(n => n.GetProperty("type").GetString() == "analysis.watch" && n.GetProperty("title").GetString()!.Contains("恒瑞医药新申请"));
        note.GetProperty("link").GetString().ShouldBe($"/analysis/watches/{search.GetProperty("id").GetInt64()}?hit={hit.GetProperty("id").GetInt64()}");

        // re-importing the same file adds nothing; evaluating again fires nothing
        await ImportAsync(bureau, [.. HengruiLater, .. Pengrun], "later-again.csv");
        (await EvaluateAsync(bureau)).GetProperty("hits").GetInt32().ShouldBe(0);
        (await HitsAsync(hengrui, search.GetProperty("id").GetInt64())).Count.ShouldBe(1);
        var list = await hengrui.GetFromJsonAsync<JsonElement>("/api/analysis/watches");
        list.GetProperty("items").EnumerateArray().Single(w => w.GetProperty("id").GetInt64() == search.GetProperty("id").GetInt64()).GetProperty("hitCount").GetInt64().ShouldBe(1);
    }

    [Fact]
    public async Task RecordWatch_FiresOnANewLegalStatusEvent_AndOnTheNextAnnualFee()
    {
        var bureau = await App.CreateClientAsAsync("bureau");
        await ImportAsync(bureau, [Granted], "granted.csv");
        var number = await App.ScalarAsync<string>("SELECT application_number FROM records LIMIT 1");
        var watch = await CreateAsync(bureau, new { kind = "record", name = "重点专利", applicationNumber = "CN" + number, daysAhead = 365 });
        watch.GetProperty("applicationNumber").GetString().ShouldBe(number);
        var id = watch.GetProperty("id").GetInt64();

        var csv = new StringBuilder("\uFEFF授权公告号,申请号,法律状态公告日,法律状态,法律状态信息\r\n")
            .Append($",{number},2017.06.02,专利申请权、专利权的转移,专利权的转移\r\n")
            .Append($",{number},2017.08.11,专利权质押合同登记的生效、变更及注销,专利权质押合同登记的生效\r\n").ToString();
        var imp = await RecordsApi.ImportAsync(bureau, Encoding.UTF8.GetBytes(csv), "legal.csv", format: "cnipa-legal-status");
        imp.Str("status").ShouldBe("succeeded", imp.ToString());
        await EvaluateAsync(bureau);

        var hits = await HitsAsync(bureau, id);
        var legal = hits.Single(h => h.GetProperty("kind").GetString() == "legal_event");
        legal.GetProperty("itemCount").GetInt32().ShouldBe(2);
        legal.GetProperty("summary").GetString()!.ShouldContain("专利申请权、专利权的转移");
        var detail = await HitAsync(bureau, legal.GetProperty("id").GetInt64());
        detail.GetProperty("events").EnumerateArray().Select(e => e.GetProperty("code").GetString()).ShouldBe(["assigned", "pledged"]);
        // granted in 2017, filed on a day of January: the next anniversary is within 365 days of any day
        hits.ShouldContain(h => h.GetProperty("kind").GetString() == "annual_fee_due");

        (await EvaluateAsync(bureau)).GetProperty("hits").GetInt32().ShouldBe(0);
        (await HitsAsync(bureau, id)).Count.ShouldBe(hits.Count);
    }

    [Fact]
    public async Task Screening_FlagsTheRealBatchesOfNearIdenticalTitles_ForTheBureauOnly()
    {
        var bureau = await App.CreateClientAsAsync("bureau");
        await ImportAsync(bureau, [.. HengruiEarly, .. HengruiLater, .. Pengrun, .. Jiusixiang], "screening.csv");
        await EvaluateAsync(bureau);

        var page = await bureau.GetFromJsonAsync<JsonElement>("/api/analysis/abnormal-filings");
        var groups = page.GetProperty("items").EnumerateArray().ToList();
        groups.Select(g => (g.GetProperty("applicant").GetString(), g.GetProperty("recordCount").GetInt32(), g.GetProperty("sampleTitle").GetString(), g.GetProperty("firstDate").GetString()))
            .ShouldBe([("江苏彭润食品有限公司", 25, "一种养阴润肺茶的制作方法", "2015-12-15"), ("徐州久思乡食品有限公司", 23, "一种阿胶糕的制作方法", "2015-12-20")]);
        groups[0].GetProperty("records").GetArrayLength().ShouldBe(25);
        groups[0].GetProperty("records").EnumerateArray().ShouldAllBe(r => r.GetProperty("title").GetString() == "一种养阴润肺茶的制作方法");
        page.GetProperty("rule").GetProperty("minFilings").GetInt32().ShouldBe(5);
        // ten 恒瑞 applications with distinct titles are not flagged
        groups.ShouldNotContain(g => g.GetProperty("applicant").GetString() == "江苏恒瑞医药股份有限公司");
        // the bureau is told
        var inbox = await bureau.GetFromJsonAsync<JsonElement>("/api/notifications");
        inbox.GetProperty("items").EnumerateArray().ShouldContain(n => n.GetProperty("type").GetString() == "analysis.screening");
        // screening again finds no new group
        (await EvaluateAsync(bureau)).GetProperty("screeningGroups").GetInt32().ShouldBe(0);

        var hengrui = await App.CreateClientAsAsync("hengrui");
        (await hengrui.GetAsync("/api/analysis/abnormal-filings")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task IndicatorWatch_FiresWhenTheYearOnYearChangePassesTheThreshold_OncePerPairOfValues()
    {
        var bureau = await App.CreateClientAsAsync("bureau");
        await IndicatorValuesAsync(("invention_applications", "320700", 2016, 1000m), ("invention_applications", "320700", 2017, 700m));
        var watch = await CreateAsync(bureau, new { kind = "indicator", name = "全市发明申请下滑", indicatorCode = "invention_applications", regionCode = "320700",
            thresholdPct = 20, direction = "down" });
        (watch.GetProperty("regionName").GetString(), watch.GetProperty("directionName").GetString()).ShouldBe(("连云港市", "同比下降"));
        await EvaluateAsync(bureau);
        var hit = (await HitsAsync(bureau, watch.GetProperty("id").GetInt64())).ShouldHaveSingleItem();
        hit.GetProperty("kind").GetString().ShouldBe("indicator_move");
        hit.GetProperty("summary").GetString()!.ShouldContain("下降 30%");
        var detail = await HitAsync(bureau, hit.GetProperty("id").GetInt64());
        detail.GetProperty("values").EnumerateArray().Select(v => v.GetProperty("year").GetInt32()).ShouldBe([2017, 2016]);
        (await EvaluateAsync(bureau)).GetProperty("hits").GetInt32().ShouldBe(0);

        // a recomputation that moves the latest value within the threshold raises nothing
        await App.ExecuteAsync("UPDATE indicator_values SET value = 900 WHERE year = 2017");
        (await EvaluateAsync(bureau)).GetProperty("hits").GetInt32().ShouldBe(0);
    }

    /// <summary>
    /// Indicator values as the recomputation (Features/Indicators) would write them, through the database: the catalogue loaded as at
    /// start-up, then one computed value per (code, region, year).
    /// </summary>
    private async Task IndicatorValuesAsync(params (string Code, string Region, int Year, decimal Value)[] values)
    {
        foreach (var task in App.Services.GetServices<IStartupTask>().OfType<IndicatorCatalogueLoader>()) await task.RunAsync(CancellationToken.None);
        foreach (var (code, region, year, value) in values)
            await App.ExecuteAsync("""
                INSERT INTO indicator_values (definition_id, region_code, year, value, status)
                SELECT id, $2, $3, $4, 'computed' FROM indicator_definitions WHERE code = $1 AND superseded_at IS NULL
                """, code, region, year, value);
    }

    [Fact]
    public async Task RowFilters_OwnWatchesOnly_StaffAlsoSeeBureauWide_EnterpriseLimits()
    {
        var bureau = await App.CreateClientAsAsync("bureau");
        var admin = await App.CreateClientAsAsync("admin");
        var hengrui = await App.CreateClientAsAsync("hengrui");
        var wide = await CreateAsync(bureau, new { kind = "search", name = "全市锂电池", q = "锂电池", bureauWide = true, filters = new { region = "320700" } });
        var mine = await CreateAsync(hengrui, new { kind = "search", name = "我的检索", q = "抗肿瘤" });
        var wideId = wide.GetProperty("id").GetInt64();

        var adminList = await admin.GetFromJsonAsync<JsonElement>("/api/analysis/watches");
        var seen = adminList.GetProperty("items").EnumerateArray().Single();
        (seen.GetProperty("id").GetInt64(), seen.GetProperty("mine").GetBoolean(), seen.GetProperty("bureauWide").GetBoolean()).ShouldBe((wideId, false, true));
        (await admin.DeleteAsync($"/api/analysis/watches/{wideId}")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await hengrui.GetAsync($"/api/analysis/watches/{wideId}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await hengrui.GetAsync($"/api/analysis/watches/{wideId}/hits")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await bureau.GetAsync($"/api/analysis/watches/{mine.GetProperty("id").GetInt64()}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await hengrui.GetFromJsonAsync<JsonElement>("/api/analysis/watches")).GetProperty("items").GetArrayLength().ShouldBe(1);

        var notStaff = await CreateAsync(hengrui, new { kind = "search", name = "全局", q = "药", bureauWide = true }, HttpStatusCode.BadRequest);
        notStaff.GetProperty("errors").TryGetProperty("bureauWide", out _).ShouldBeTrue();
        await CreateAsync(hengrui, new { kind = "indicator", name = "指标", indicatorCode = "invention_applications", regionCode = "320700", thresholdPct = 20 }, HttpStatusCode.Forbidden);
        var badQuery = await CreateAsync(hengrui, new { kind = "search", name = "坏检索式", q = "TI=(电池" }, HttpStatusCode.BadRequest);
        badQuery.GetProperty("errors").TryGetProperty("q", out _).ShouldBeTrue();
        var noRecord = await CreateAsync(hengrui, new { kind = "record", name = "不存在", applicationNumber = "201410000511.3" }, HttpStatusCode.BadRequest);
        noRecord.GetProperty("errors").GetProperty("applicationNumber")[0].GetString()!.ShouldContain("数据中心没有");

        // pause, resume, delete: the owner only
        var put = await hengrui.PutAsJsonAsync($"/api/analysis/watches/{mine.GetProperty("id").GetInt64()}/paused", new { paused = true });
        put.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await put.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("paused").GetBoolean().ShouldBeTrue();
        (await hengrui.DeleteAsync($"/api/analysis/watches/{mine.GetProperty("id").GetInt64()}")).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        (await bureau.DeleteAsync($"/api/analysis/watches/{wideId}")).StatusCode.ShouldBe(HttpStatusCode.NoContent);
    }
}
