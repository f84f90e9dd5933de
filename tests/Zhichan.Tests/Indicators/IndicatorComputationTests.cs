using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Zhichan.Tests.Infrastructure;

namespace Zhichan.Tests.Indicators;

/// <summary>
/// Indicator rules on a hand-computed fixture (连云区 320703, 海州区 320706 of 连云港 320700; 南京 320100; one foreign record):
/// applications by application date, grants by grant date, year-end stock with lapses, per-10k with the population shown,
/// first-named vs all applicants, versioning, the high-value components, 无数据/待填报 instead of zero, drill-down.
/// </summary>
public class IndicatorComputationTests(ZhichanFactory app) : IndicatorTestBase(app)
{
    private async Task ArrangeFixtureAsync()
    {
        var other = await App.ScalarAsync<long>("INSERT INTO entities (match_key, name, kind, region_code) VALUES ('乙公司', '乙公司', 'enterprise', '320703') RETURNING id");
        await InsertRecordAsync("A", "320703", new(2017, 3, 1));
        await InsertRecordAsync("B", "320703", new(2017, 5, 1), granted: new(2017, 9, 1));
        await InsertRecordAsync("C", "320706", new(2017, 2, 1), applicant: "甲公司", entityIds: [other]);          // co-applicant in 连云区
        await InsertRecordAsync("D", "320706", new(2016, 6, 1), granted: new(2017, 1, 10));
        await InsertRecordAsync("E", null, new(2017, 4, 1), foreign: true);                                    // foreign: no region
        await InsertRecordAsync("F", "320102", new(2017, 4, 1));                                                 // 南京 玄武区
        await InsertRecordAsync("G", "320703", new(2003, 1, 1), granted: new(2005, 6, 1));                       // maintained > 10 years
        await InsertRecordAsync("H", "320706", new(2008, 1, 1), granted: new(2010, 6, 1),
            events: """[{"code":"granted","date":"2010-06-01"},{"code":"terminated","date":"2016-05-01"}]""");  // lapsed before 2017
        await InsertRecordAsync("T", "320703", new(2017, 6, 1), type: "trademark");                              // not an invention
    }

    [Fact]
    public async Task InventionApplications_ByApplicationYear_CountsFirstNamedApplicantRegionDomesticOnly()
    {
        await ArrangeFixtureAsync();
        var bureau = await App.CreateClientAsAsync("bureau");
        await RecomputeAsync(bureau);

        var v = await JsonAsync(await bureau.GetAsync("/api/indicators/invention_applications/values?region=320703,320706,320700,320100,320000&year=2017"));
        ValueOf(v, "320703", 2017).GetProperty("value").GetDecimal().ShouldBe(2m);   // A, B
        ValueOf(v, "320706", 2017).GetProperty("value").GetDecimal().ShouldBe(1m);   // C (D was filed in 2016)
        ValueOf(v, "320700", 2017).GetProperty("value").GetDecimal().ShouldBe(3m);
        ValueOf(v, "320100", 2017).GetProperty("value").GetDecimal().ShouldBe(1m);   // F
        ValueOf(v, "320000", 2017).GetProperty("value").GetDecimal().ShouldBe(4m);   // E is foreign: not in any region
        var lianyun = ValueOf(v, "320703", 2017);
        lianyun.GetProperty("regionName").GetString().ShouldBe("连云区");
        lianyun.GetProperty("definitionVersion").GetInt32().ShouldBe(1);
        lianyun.GetProperty("status").GetString().ShouldBe("computed");
        lianyun.GetProperty("dataAsOf").ValueKind.ShouldNotBe(JsonValueKind.Null);
        lianyun.GetProperty("recordsLink").GetString()!.ShouldContain("region=320703&dateField=application&from=2017-01-01&to=2017-12-31&types=patent_invention");

        var y2016 = await JsonAsync(await bureau.GetAsync("/api/indicators/invention_applications/values?region=320706&year=2016"));
        ValueOf(y2016, "320706", 2016).GetProperty("value").GetDecimal().ShouldBe(1m);
    }

    [Fact]
    public async Task GrantsAndStock_ByGrantDateAndYearEnd_ExcludeLapsedPatents()
    {
        await ArrangeFixtureAsync();
        var bureau = await App.CreateClientAsAsync("bureau");
        await RecomputeAsync(bureau);

        var grants = await JsonAsync(await bureau.GetAsync("/api/indicators/invention_grants/values?region=320703,320706,320700&year=2017"));
        ValueOf(grants, "320703", 2017).GetProperty("value").GetDecimal().ShouldBe(1m);   // B
        ValueOf(grants, "320706", 2017).GetProperty("value").GetDecimal().ShouldBe(1m);   // D, filed 2016, granted 2017
        ValueOf(grants, "320700", 2017).GetProperty("value").GetDecimal().ShouldBe(2m);

        var stock = await JsonAsync(await bureau.GetAsync("/api/indicators/valid_invention_stock/values?region=320703,320706,320700&year=2017"));
        ValueOf(stock, "320703", 2017).GetProperty("value").GetDecimal().ShouldBe(2m);    // B, G
        ValueOf(stock, "320706", 2017).GetProperty("value").GetDecimal().ShouldBe(1m);    // D; H terminated 2016
        ValueOf(stock, "320700", 2017).GetProperty("value").GetDecimal().ShouldBe(3m);
        var y2015 = await JsonAsync(await bureau.GetAsync("/api/indicators/valid_invention_stock/values?region=320706&year=2015"));
        ValueOf(y2015, "320706", 2015).GetProperty("value").GetDecimal().ShouldBe(1m);    // H still in force at the end of 2015
    }

    [Fact]
    public async Task PerTenThousand_UsesPopulationAndShowsItsBasis()
    {
        await ArrangeFixtureAsync();
        var bureau = await App.CreateClientAsAsync("bureau");
        await RecomputeAsync(bureau);

        var v = await JsonAsync(await bureau.GetAsync("/api/indicators/invention_applications_per_10k/values?region=320700,320703&year=2017"));
        var city = ValueOf(v, "320700", 2017);
        var pop = city.GetProperty("population");
        pop.GetProperty("population").GetInt64().ShouldBe(4518400);                          // 江苏统计年鉴2019, 2017 year-end
        pop.GetProperty("year").GetInt32().ShouldBe(2017);
        pop.GetProperty("basis").GetString().ShouldBe("year-end resident population");
        city.GetProperty("numerator").GetDecimal().ShouldBe(3m);
        city.GetProperty("value").GetDecimal().ShouldBe(Math.Round(3m * 10000m / 4518400m, 4));

        var county = ValueOf(v, "320703", 2017);                                              // only the 2020 census exists for 连云区
        county.GetProperty("population").GetProperty("year").GetInt32().ShouldBe(2020);
        county.GetProperty("population").GetProperty("basis").GetString()!.ShouldContain("census");
        county.GetProperty("value").GetDecimal().ShouldBe(Math.Round(2m * 10000m / 292762m, 4));
        county.GetProperty("note").GetString()!.ShouldContain("2020");
    }

    [Fact]
    public async Task CountingRuleChange_CreatesNewVersion_OldValuesKeepTheirVersion()
    {
        await ArrangeFixtureAsync();
        var bureau = await App.CreateClientAsAsync("bureau");
        await RecomputeAsync(bureau);

        var res = await bureau.PutAsJsonAsync("/api/indicators/invention_applications",
            new { counting = "all_applicants", ruleText = "按申请日年份统计；每件申请在每一个申请人所在地区各计 1 件（全部申请人，整数计数）。" });
        var def = await JsonAsync(res);
        def.GetProperty("version").GetInt32().ShouldBe(2);
        def.GetProperty("counting").GetString().ShouldBe("all_applicants");
        (await App.ScalarAsync<long>("SELECT count(*) FROM audit_log WHERE entity = 'indicator_definitions' AND action = 'new_version'")).ShouldBe(1);

        await RecomputeAsync(bureau);
        var v2 = await JsonAsync(await bureau.GetAsync("/api/indicators/invention_applications/values?region=320703,320706,320700&year=2017"));
        ValueOf(v2, "320703", 2017).GetProperty("value").GetDecimal().ShouldBe(3m);   // A, B and C (co-applicant 乙公司 in 连云区)
        ValueOf(v2, "320706", 2017).GetProperty("value").GetDecimal().ShouldBe(1m);
        ValueOf(v2, "320700", 2017).GetProperty("value").GetDecimal().ShouldBe(3m);   // C counted once in the city
        ValueOf(v2, "320703", 2017).GetProperty("definitionVersion").GetInt32().ShouldBe(2);

        var v1 = await JsonAsync(await bureau.GetAsync("/api/indicators/invention_applications/values?region=320703&year=2017&version=1"));
        ValueOf(v1, "320703", 2017).GetProperty("value").GetDecimal().ShouldBe(2m);   // first-named rule, untouched
        ValueOf(v1, "320703", 2017).GetProperty("definitionVersion").GetInt32().ShouldBe(1);

        var detail = await JsonAsync(await bureau.GetAsync("/api/indicators/invention_applications"));
        detail.GetProperty("versions").GetArrayLength().ShouldBe(2);

        var drill = await JsonAsync(await bureau.GetAsync("/api/indicators/invention_applications/values/records?region=320703&year=2017"));
        drill.GetProperty("total").GetInt64().ShouldBe(3);
        var drillV1 = await JsonAsync(await bureau.GetAsync("/api/indicators/invention_applications/values/records?region=320703&year=2017&version=1"));
        drillV1.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("applicationNumber").GetString()).Order().ShouldBe(["A", "B"]);
    }

    [Fact]
    public async Task UnchangedOrInvalidDefinition_Returns400WithChineseFieldErrors()
    {
        var bureau = await App.CreateClientAsAsync("bureau");
        var p = await (await bureau.PutAsJsonAsync("/api/indicators/invention_applications", new { counting = "everyone", timeBasis = "whenever" }))
            .ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        p.GetProperty("errors").GetProperty("counting")[0].GetString()!.ShouldContain("计数规则");
        p.GetProperty("errors").GetProperty("timeBasis")[0].GetString()!.ShouldContain("时间口径");
        await (await bureau.PutAsJsonAsync("/api/indicators/invention_applications", new { })).ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        await (await bureau.PutAsJsonAsync("/api/indicators/nope", new { name = "x" })).ShouldBeProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task HighValue_ComponentsFlagged_NoTotalGiven()
    {
        await ArrangeFixtureAsync();
        var bureau = await App.CreateClientAsAsync("bureau");
        await RecomputeAsync(bureau);
        var v = await JsonAsync(await bureau.GetAsync("/api/indicators/high_value_invention_per_10k/values?region=320703&year=2017"));
        var value = ValueOf(v, "320703", 2017);
        value.GetProperty("status").GetString().ShouldBe("partial");
        value.GetProperty("value").ValueKind.ShouldBe(JsonValueKind.Null);
        var components = value.GetProperty("components").EnumerateArray().ToList();
        components.Count.ShouldBe(5);
        components.Single(c => c.GetProperty("key").GetString() == "maintained_10y").GetProperty("value").GetDecimal().ShouldBe(1m);   // G
        components.Count(c => c.GetProperty("status").GetString() == "not_computable").ShouldBe(4);
    }

    [Fact]
    public async Task IndicatorsWithoutData_ShowNoDataOrPendingReport_NeverZero()
    {
        await ArrangeFixtureAsync();
        var bureau = await App.CreateClientAsAsync("bureau");
        await RecomputeAsync(bureau);

        var patents = await JsonAsync(await bureau.GetAsync("/api/indicators/patent_applications/values?region=320700&year=2017"));
        var p = ValueOf(patents, "320700", 2017);   // utility models and designs are not in the data
        p.GetProperty("status").GetString().ShouldBe("no_data");
        p.GetProperty("display").GetString().ShouldBe("无数据");
        p.GetProperty("value").ValueKind.ShouldBe(JsonValueKind.Null);

        var pledge = await JsonAsync(await bureau.GetAsync("/api/indicators/pledge_financing_amount/values?region=320700&year=2017"));
        // a reported indicator without a report says who is to report it (待 <责任单位> 填报); once its module computes it (质押融资,
        // ADR 0033) a year without pledges says so and who may still report it — never 0
        var pledgeValue = ValueOf(pledge, "320700", 2017);
        pledgeValue.GetProperty("display").GetString()!.ShouldMatch("(^待|暂无该地区 2017 年的登记，可由).*填报$");
        pledgeValue.GetProperty("value").ValueKind.ShouldBe(JsonValueKind.Null);

        var list = await JsonAsync(await bureau.GetAsync("/api/indicators"));
        var codes = list.EnumerateArray().Select(i => i.GetProperty("code").GetString()).ToList();
        foreach (var code in new[] { "invention_applications", "invention_application_share", "invention_grants", "valid_invention_stock", "invention_per_10k",
                     "high_value_invention_per_10k", "pct_applications", "valid_trademarks", "gi_trademarks", "copyright_registrations", "licence_assignment_filings",
                     "pledge_financing_amount", "standard_compliant_enterprises", "demo_enterprises", "service_agencies", "training_attendance",
                     "case_closure_rate", "case_avg_duration", "satisfaction" })
            codes.ShouldContain(code);
        list.EnumerateArray().ShouldAllBe(i => i.GetProperty("ruleText").GetString()!.Length > 10);
    }

    [Fact]
    public async Task DrillDown_ListsTheRecordsBehindTheNumber()
    {
        await ArrangeFixtureAsync();
        var bureau = await App.CreateClientAsAsync("bureau");
        await RecomputeAsync(bureau);
        var stock = await JsonAsync(await bureau.GetAsync("/api/indicators/valid_invention_stock/values/records?region=320700&year=2017"));
        stock.GetProperty("total").GetInt64().ShouldBe(3);
        stock.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("applicationNumber").GetString()).Order().ShouldBe(["B", "D", "G"]);
        var grants = await JsonAsync(await bureau.GetAsync("/api/indicators/invention_grants/values/records?region=320706&year=2017"));
        grants.GetProperty("items").EnumerateArray().Single().GetProperty("applicationNumber").GetString().ShouldBe("D");
        var p = await (await bureau.GetAsync("/api/indicators/pledge_financing_amount/values/records?region=320700&year=2017")).ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        p.GetProperty("detail").GetString()!.ShouldContain("不是由数据中心记录计算");
    }

    [Fact]
    public async Task IncrementalRecompute_RecomputesOnlyTheYearsOfChangedRecords()
    {
        await ArrangeFixtureAsync();
        var bureau = await App.CreateClientAsAsync("bureau");
        await RecomputeAsync(bureau);
        const string at = """
            SELECT v.computed_at FROM indicator_values v JOIN indicator_definitions d ON d.id = v.definition_id
            WHERE d.code = 'invention_applications' AND v.region_code = $1 AND v.year = $2
            """;
        var y2016 = await App.ScalarAsync<DateTime>(at, "320706", 2016);
        var y2017 = await App.ScalarAsync<DateTime>(at, "320703", 2017);

        await InsertRecordAsync("N", "320703", new(2017, 8, 1));
        await RecomputeAsync(bureau, incremental: true);

        var v = await JsonAsync(await bureau.GetAsync("/api/indicators/invention_applications/values?region=320703,320706&year=2017"));
        ValueOf(v, "320703", 2017).GetProperty("value").GetDecimal().ShouldBe(3m);
        (await App.ScalarAsync<DateTime>(at, "320706", 2016)).ShouldBe(y2016);             // 2016 untouched
        (await App.ScalarAsync<DateTime>(at, "320703", 2017)).ShouldBeGreaterThan(y2017);   // 2017 recomputed
        (await App.ScalarAsync<int>("SELECT (after->>'fromYear')::int FROM audit_log WHERE action = 'recompute' ORDER BY id DESC LIMIT 1")).ShouldBe(2017);

        await RecomputeAsync(bureau, incremental: true);                                     // nothing changed since: nothing written
        (await App.ScalarAsync<long>("SELECT count(*) FROM audit_log WHERE action = 'recompute'")).ShouldBe(2);
    }
}
