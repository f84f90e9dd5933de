using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Zhichan.Tests.Infrastructure;

namespace Zhichan.Tests.Indicators;

/// <summary>
/// Fractional counting computed (ADR 0107) on a hand-computed fixture: records with 1, 2 and 3 applicants in different regions;
/// each applicant carries 1/n of the record to its own region; an applicant with no known region carries its share nowhere.
/// </summary>
public class FractionalCountingTests(ZhichanFactory app) : IndicatorTestBase(app)
{
    /// <summary>A 2017 invention with its applicants in order; the first is attributed to <paramref name="firstCounty"/>, the others by their entity's region.</summary>
    private Task InsertAsync(string key, string firstCounty, params string[] coApplicantKeys)
    {
        var applicants = new[] { key + "第一申请人" }.Concat(coApplicantKeys).ToArray();
        var keys = new[] { key + "-first" }.Concat(coApplicantKeys).ToArray();
        return App.ExecuteAsync("""
            INSERT INTO records (record_key, right_type, application_number, application_date, title, first_applicant, applicants, applicant_keys,
                                 province_code, city_code, county_code, region_rule, status)
            VALUES ($1, 'patent_invention', $1, DATE '2017-06-01', '测试记录 ' || $1, $2[1], $2, $3, substr($4, 1, 2) || '0000', substr($4, 1, 4) || '00', $4, 'prefix', 'pending')
            """, key, applicants, keys, firstCounty);
    }

    [Fact]
    public async Task FractionalInventionApplications_SplitEachRecordOverItsApplicantsRegions()
    {
        await App.ExecuteAsync("""
            INSERT INTO entities (match_key, name, kind, region_code) VALUES ('海州公司', '海州公司', 'enterprise', '320706'), ('玄武公司', '玄武公司', 'enterprise', '320102'),
              ('无地区公司', '无地区公司', 'enterprise', NULL), ('连云公司', '连云公司', 'enterprise', '320703')
            """);
        await InsertAsync("R1", "320703");                                  // 1 applicant: 连云区 1
        await InsertAsync("R2", "320703", "海州公司");                      // 2: 连云区 ½, 海州区 ½
        await InsertAsync("R3", "320706", "玄武公司", "无地区公司");        // 3: 海州区 ⅓, 玄武区 ⅓, ⅓ unattributed
        await InsertAsync("R4", "320703", "连云公司");                      // 2, both in 连云区: 1
        var bureau = await App.CreateClientAsAsync("bureau");
        var unit = (await JsonAsync(await bureau.PostAsJsonAsync("/api/indicators/units", new { name = "连云海州", memberCodes = new[] { "320703", "320706" } }),
            HttpStatusCode.Created)).GetProperty("unit").GetProperty("code").GetString()!;
        await RecomputeAsync(bureau);

        var def = (await JsonAsync(await bureau.GetAsync("/api/indicators"))).EnumerateArray().Single(d => d.GetProperty("code").GetString() == "invention_applications_fractional");
        def.GetProperty("fractional").GetBoolean().ShouldBeTrue();
        def.GetProperty("countingName").GetString()!.ShouldContain("分数计数");

        var v = await JsonAsync(await bureau.GetAsync($"/api/indicators/invention_applications_fractional/values?region=320703,320706,320102,320100,320700,320000,{unit}&year=2017"));
        decimal Value(string r) => ValueOf(v, r, 2017).GetProperty("value").GetDecimal();
        Value("320703").ShouldBe(2.5m);          // 1 + ½ + 1
        Value("320706").ShouldBe(0.8333m);       // ½ + ⅓
        Value("320102").ShouldBe(0.3333m);
        Value("320100").ShouldBe(0.3333m);
        Value("320700").ShouldBe(3.3333m);       // R1, R2, R4 whole, R3 ⅓
        Value("320000").ShouldBe(3.6667m);       // everything but the unattributed ⅓
        Value(unit).ShouldBe(3.3333m);           // each applicant's share once
        // whole counting by the first-named applicant for comparison: 3 in 连云区, 1 in 海州区
        var whole = await JsonAsync(await bureau.GetAsync("/api/indicators/invention_applications/values?region=320703,320706&year=2017"));
        ValueOf(whole, "320703", 2017).GetProperty("value").GetDecimal().ShouldBe(3m);

        // drill-down: the records with their share in the region
        var drill = await JsonAsync(await bureau.GetAsync("/api/indicators/invention_applications_fractional/values/records?region=320706&year=2017"));
        drill.GetProperty("total").GetInt64().ShouldBe(2);
        drill.GetProperty("shareTotal").GetDecimal().ShouldBe(0.8333m);
        var shares = drill.GetProperty("items").EnumerateArray().ToDictionary(i => i.GetProperty("applicationNumber").GetString()!, i => i.GetProperty("share").GetDecimal());
        shares["R2"].ShouldBe(0.5m);
        shares["R3"].ShouldBe(0.3333m);
    }

    [Fact]
    public async Task Fractional_OnlyForAllApplicantsRecordIndicators()
    {
        var bureau = await App.CreateClientAsAsync("bureau");
        var p = await (await bureau.PutAsJsonAsync("/api/indicators/invention_grants", new { fractional = true })).ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        p.GetProperty("errors").GetProperty("fractional")[0].GetString()!.ShouldContain("全部申请人");
        var ok = await JsonAsync(await bureau.PutAsJsonAsync("/api/indicators/invention_grants", new { counting = "all_applicants", fractional = true }));
        ok.GetProperty("version").GetInt32().ShouldBe(2);
        ok.GetProperty("fractional").GetBoolean().ShouldBeTrue();
    }
}
