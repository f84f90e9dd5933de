using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Zhichan.Api.Features.Indicators;
using Zhichan.Api.Platform;
using Zhichan.Tests.Infrastructure;

namespace Zhichan.Tests.Protection;

/// <summary>
/// 案件结案率 and 平均办理时长 as module indicators (IModuleIndicator): computed from the case pipeline at once when a case is accepted or closed,
/// with the cases behind the value as its drill-down, and the district row filter on the drill-down.
/// </summary>
public class ClosureRateIndicatorTests(ProtectionIndicatorsFactory app) : ProtectionTest<ProtectionIndicatorsFactory>(app)
{
    private const string Region = "320722"; // 东海县: no other protection test files cases there

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync(); // empties every table, the catalogue too: load it again
        foreach (var t in App.Services.GetServices<IStartupTask>().OfType<IndicatorCatalogueLoader>()) await t.RunAsync(CancellationToken.None);
    }

    [Fact]
    public async Task ClosureRate_ComputedFromCases_DrillsDownToTheCases_DistrictSeesOnlyItsOwn()
    {
        var bureau = await App.CreateClientAsAsync("bureau");
        var ids = new List<long>();
        for (var i = 0; i < 3; i++)
        {
            var id = await RegisterAsync(bureau, Today, type: "patent_dispute", region: Region, phone: $"1390000222{i}");
            await TransitionAsync(bureau, id, new { action = "accept" });
            ids.Add(id);
        }
        var notAccepted = await RegisterAsync(bureau, Today, region: Region, phone: "13900002229");
        foreach (var a in new[] { "file", "mediate" }) await TransitionAsync(bureau, ids[0], new { action = a });
        (await bureau.PostAsJsonAsync($"/api/protection/cases/{ids[0]}/mediations", new { mediator = "王调解", result = "agreement", agreement = "停止侵权并赔偿。" }))
            .StatusCode.ShouldBe(HttpStatusCode.OK);
        await TransitionAsync(bureau, ids[0], new { action = "close", outcome = "调解结案" });

        var year = Today.Year;
        var values = await bureau.GetFromJsonAsync<JsonElement>($"/api/indicators/case_closure_rate/values?region={Region},320700&year={year}");
        var county = values.GetProperty("values").EnumerateArray().Single(v => v.GetProperty("regionCode").GetString() == Region);
        county.GetProperty("status").GetString().ShouldBe("computed");
        county.GetProperty("value").GetDecimal().ShouldBe(33.33m);
        county.GetProperty("note").GetString().ShouldBe("当年结案 1 件，当年受理及上年结转 3 件");
        var city = values.GetProperty("values").EnumerateArray().Single(v => v.GetProperty("regionCode").GetString() == "320700");
        city.GetProperty("status").GetString().ShouldBe("computed"); // the city counts every county's cases

        var link = county.GetProperty("drillDownLink").GetString()!;
        link.ShouldContain("/values/rows?region=320722");
        var rows = await bureau.GetFromJsonAsync<JsonElement>(link);
        rows.GetProperty("total").GetInt64().ShouldBe(3);
        var items = rows.GetProperty("items").EnumerateArray().ToList();
        items.Select(r => r.GetProperty("id").GetInt64()).Order().ShouldBe(ids.Order());
        items.ShouldNotContain(r => r.GetProperty("id").GetInt64() == notAccepted);
        items.Single(r => r.GetProperty("id").GetInt64() == ids[0]).GetProperty("detail").GetString()!.ShouldStartWith($"{year} 年结案");
        items[0].GetProperty("link").GetString()!.ShouldStartWith("/protection/cases/");
        items[0].GetProperty("kind").GetString().ShouldBe("案件");

        // 平均办理时长: the one closed case, accepted and closed today: 0 working days
        var duration = await bureau.GetFromJsonAsync<JsonElement>($"/api/indicators/case_avg_duration/values?region={Region}&year={year}");
        var d = duration.GetProperty("values").EnumerateArray().Single(v => v.GetProperty("regionCode").GetString() == Region);
        d.GetProperty("status").GetString().ShouldBe("computed");
        d.GetProperty("value").GetDecimal().ShouldBe(0m);
        var durationRows = await bureau.GetFromJsonAsync<JsonElement>(d.GetProperty("drillDownLink").GetString()!);
        durationRows.GetProperty("items").EnumerateArray().Single().GetProperty("id").GetInt64().ShouldBe(ids[0]);

        var haizhou = await App.CreateClientAsAsync("haizhou");
        (await haizhou.GetAsync(link)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        // an indicator no module computes has no module drill-down
        (await bureau.GetAsync($"/api/indicators/invention_grants/values/rows?region={Region}&year={year}")).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
    }
}
