using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Zhichan.Tests.Indicators;
using Zhichan.Tests.Infrastructure;
using Zhichan.Tests.Plans;

namespace Zhichan.Tests.Portal;

/// <summary>
/// Issue 25 §1: GetPortalHome answers an anonymous visitor in one request with the jurisdiction's figures as the indicators
/// module holds them (real 2016–2017 filings of 江苏恒瑞医药股份有限公司 from the 2017 CNIPA file), their source, a note instead
/// of a number where the platform holds no data, the plan's goals as the plan page shows them, and the bureau's published news.
/// </summary>
public class PortalHomeTests(FixedDayFactory app) : IndicatorTestBase<FixedDayFactory>(app)
{
    protected override bool LoadsPlans => true;

    /// <summary>Three real inventions of 江苏恒瑞医药股份有限公司 (开发区 320771) from cn-invention-2017.csv.</summary>
    private async Task InsertHengruiFilingsAsync()
    {
        await InsertRecordAsync("CN102016001112609", "320771", new(2016, 12, 6), applicant: "江苏恒瑞医药股份有限公司");
        await InsertRecordAsync("CN201611175526.9", "320771", new(2016, 12, 19), applicant: "江苏恒瑞医药股份有限公司");
        await InsertRecordAsync("CN102017000225667", "320771", new(2017, 4, 7), applicant: "江苏恒瑞医药股份有限公司");
    }

    [Fact]
    public async Task Anonymous_GetsFiguresWithSources_PlanGoals_AndPublishedNews_InOneRequest()
    {
        await InsertHengruiFilingsAsync();
        var bureau = await App.CreateClientAsAsync("bureau");
        await RecomputeAsync(bureau);
        var anonymous = App.CreateAnonymousClient();

        var home = await JsonAsync(await anonymous.GetAsync("/api/public/portal/home"));
        home.GetProperty("regionCode").GetString().ShouldBe("320700");
        home.GetProperty("jurisdictionName").GetString().ShouldBe("连云港市");
        home.GetProperty("latestRecordYear").GetInt32().ShouldBe(2017);
        var figures = home.GetProperty("figures").EnumerateArray().ToDictionary(f => f.GetProperty("code").GetString()!);
        figures.Keys.ShouldBe(["invention_applications", "invention_grants", "invention_per_10k", "valid_trademarks", "pledge_financing_amount"]);

        // filings: the indicator's own values, 2016 → 2, 2017 → 1, from the records
        var filings = figures["invention_applications"];
        filings.GetProperty("series").EnumerateArray().Select(p => (p.GetProperty("year").GetInt32(), p.GetProperty("value").GetDecimal()))
            .ShouldBe([(2016, 2m), (2017, 1m)]);
        filings.GetProperty("latest").GetDecimal().ShouldBe(1m);
        filings.GetProperty("latestYear").GetInt32().ShouldBe(2017);
        filings.GetProperty("trend").GetString().ShouldBe("down");
        filings.GetProperty("sourceName").GetString().ShouldBe("数据中心记录计算");
        var values = await JsonAsync(await bureau.GetAsync("/api/indicators/invention_applications/values?region=320700&year=2016"));
        ValueOf(values, "320700", 2016).GetProperty("value").GetDecimal().ShouldBe(2m);

        // no trademark records in the platform: a note, never a number
        var trademarks = figures["valid_trademarks"];
        trademarks.GetProperty("latest").ValueKind.ShouldBe(JsonValueKind.Null);
        trademarks.GetProperty("note").GetString()!.ShouldContain("商标");
        figures["pledge_financing_amount"].GetProperty("note").GetString()!.ShouldContain("暂无公开数据");

        // the plan in force and its goals, as the plan page shows them
        var planId = await App.ScalarAsync<long>("SELECT id FROM plans WHERE seed = '001'");
        home.GetProperty("plan").GetProperty("id").GetInt64().ShouldBe(planId);
        var page = await JsonAsync(await bureau.GetAsync($"/api/plans/{planId}"));
        home.GetProperty("goals").EnumerateArray().Select(g => g.GetProperty("name").GetString())
            .ShouldBe(page.GetProperty("goals").EnumerateArray().Select(g => g.GetProperty("name").GetString()));

        // the home is cached, yet a news item the bureau publishes shows at once (the cache key follows the content)
        home.GetProperty("news").GetArrayLength().ShouldBe(0);
        var created = await JsonAsync(await bureau.PostAsJsonAsync("/api/portal/content",
            new { kind = "news", title = "连云港市知识产权保护中心开展专利快速预审服务", bodyHtml = "<p>面向生物医药产业开展专利快速预审。</p>" }), HttpStatusCode.Created);
        (await JsonAsync(await anonymous.GetAsync("/api/public/portal/home"))).GetProperty("news").GetArrayLength().ShouldBe(0);
        await JsonAsync(await bureau.PostAsync($"/api/portal/content/{created.GetProperty("id").GetInt64()}/publish", null));
        var again = await JsonAsync(await anonymous.GetAsync("/api/public/portal/home"));
        again.GetProperty("news").EnumerateArray().Single().GetProperty("title").GetString().ShouldBe("连云港市知识产权保护中心开展专利快速预审服务");
    }
}
