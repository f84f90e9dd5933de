using System.Globalization;
using System.IO.Compression;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CsvHelper;
using Zhichan.Tests.Infrastructure;

namespace Zhichan.Tests.Records.Api;

/// <summary>
/// Issue #19 §6 through the API with real rows of the 2017 file: the county of addresses that stop at their city (township,
/// zone, learned postcode; never a guess), industries from the most specific concordance entry without repair and service
/// classes, every rule and code with its Chinese name, and the re-attribution of stored records.
/// </summary>
public class AttributionTests(ZhichanFactory app) : IntegrationTest(app)
{
    /// <summary>
    /// Every row with one of these postcodes: what the import learns postcode → county from (710065: 111 addresses name 雁塔区;
    /// 450001: 郑州高新区), and the rows of 郑州 北环路 that name their county (金水区), which teach the street.
    /// </summary>
    private static readonly string[] Postcodes = ["710065", "710061", "410205", "467000", "450001"];

    internal static readonly Lazy<List<string[]>> Selected = new(() => Rows(r =>
        Postcodes.Contains(r[Cn2017.Col("applicant_postcode")]) || r[Cn2017.Col("applicant_address")].Contains("佛山市西樵镇", StringComparison.Ordinal)
        || r[Cn2017.Col("applicant_address")].StartsWith("河南省郑州市金水区北环路", StringComparison.Ordinal)
        || r[Cn2017.Col("applicant_address")] == "安徽省马鞍山市慈湖高新区天门大道北段1888号" || r[Cn2017.Col("application_no")] == "CN102015000590434"));

    [Fact]
    public async Task Import_AddressesThatStopAtTheCity_TakeTheCountyOfTheirTownshipZoneOrLearnedPostcode_NeverAGuess()
    {
        var bureau = await App.CreateClientAsAsync("bureau");
        var imp = await RecordsApi.ImportAsync(bureau, Cn2017.Utf8Csv(Selected.Value), "attribution.csv");
        imp.Str("status").ShouldBe("succeeded", imp.ToString());
        imp.Str("message")!.ShouldContain("按邮编补全");
        var anonymous = App.CreateAnonymousClient();

        // a township of the city that only one of its counties has: 西樵镇 lies in 南海区
        var township = await RecordByAddressAsync(anonymous, a => a.StartsWith("广东省佛山市西樵镇", StringComparison.Ordinal));
        Attribution(township).Str("countyCode").ShouldBe("440605");
        Attribution(township).Str("rule").ShouldBe("prefix+township");
        Attribution(township).Str("ruleName").ShouldBe("地址前缀匹配 + 乡镇街道名");
        Attribution(township).GetProperty("confidence").GetDouble().ShouldBe(0.9, 0.001);
        Attribution(township).Str("explanation")!.ShouldContain("“西樵镇”");

        // a zone the township list files under one county: 慈湖高新技术产业开发区 under 花山区
        var zone = await RecordByAddressAsync(anonymous, a => a == "安徽省马鞍山市慈湖高新区天门大道北段1888号");
        (Attribution(zone).Str("countyCode"), Attribution(zone).Str("rule")).ShouldBe(("340503", "prefix+zone"));
        Attribution(zone).Str("ruleName")!.ShouldContain("开发区所在区县");
        Attribution(zone).Str("explanation")!.ShouldContain("慈湖高新技术产业开发区");

        // a postcode that the addresses naming their county teach: 710065 → 雁塔区, with how many addresses taught it
        var named = await App.ScalarAsync<long>("SELECT count(*) FROM records WHERE postcode = '710065' AND county_code = '610113' AND region_rule = 'prefix'");
        named.ShouldBeGreaterThanOrEqualTo(5);
        var learned = await RecordByAddressAsync(anonymous, a => a.StartsWith("陕西省西安市含光南路", StringComparison.Ordinal), postcode: "710065");
        (Attribution(learned).Str("countyCode"), Attribution(learned).Str("rule")).ShouldBe(("610113", "prefix+postcode-county"));
        Attribution(learned).Str("ruleName").ShouldBe("地址前缀匹配 + 邮政编码（学得）");
        Attribution(learned).Str("explanation")!.ShouldContain($"邮政编码 710065 推定：写明县区且带此邮编的 {named} 条地址中 {named} 条在雁塔区");

        // a zone's applicants often write another district's postcode: the postcode decides no county for an address in a zone
        var inZone = await RecordByAddressAsync(anonymous, a => a.StartsWith("陕西省西安市高新区", StringComparison.Ordinal), postcode: "710065");
        (Attribution(inZone).Str("countyCode"), Attribution(inZone).Str("cityCode")).ShouldBe((null, "610100"));

        // an institution's postcode of another campus: 450001 teaches 郑州高新区, but the addresses of 北环路 that name their
        // county say 金水区, so the street contradicts the postcode and the record stays at its city
        var street = await App.ScalarAsync<long>("SELECT count(*) FROM records WHERE address LIKE '河南省郑州市金水区北环路%' AND county_code = '410105'");
        street.ShouldBeGreaterThanOrEqualTo(2);
        var contradicted = await RecordByAddressAsync(anonymous, a => a == "河南省郑州市北环路36号", postcode: "450001");
        (Attribution(contradicted).Str("countyCode"), Attribution(contradicted).Str("cityCode")).ShouldBe((null, "410100"));

        // never a guess: 710061 is shared by 雁塔区 and 碑林区, 410205 by 岳麓区, 开福区 …, 467000 by four districts of 平顶山
        foreach (var (address, city) in new[]
                 {
                     ("陕西省西安市翠华南路17号", "610100"), ("湖南省长沙市高新开发区尖山路39号中电软件园一期9栋4层402房", "430100"),
                     ("河南省平顶山市新城区未来路南段平顶山学院", "410400"),
                 })
        {
            var rec = await RecordByAddressAsync(anonymous, a => a == address);
            var at = Attribution(rec);
            (at.Str("cityCode"), at.Str("countyCode"), at.Str("rule")).ShouldBe((city, null, "prefix"), address);
            at.Str("explanation")!.ShouldContain("县区未识别");
        }
        var shared = await App.ScalarAsync<long>("SELECT count(DISTINCT county_code) FROM records WHERE postcode = '710061' AND region_rule = 'prefix'");
        shared.ShouldBeGreaterThan(1);
    }

    [Fact]
    public async Task GetRecord_LithiumBattery_IndustriesFromTheMostSpecificEntryWithoutRepair_BasisAndChineseNames()
    {
        var bureau = await App.CreateClientAsAsync("bureau");
        var row = Selected.Value.Single(r => r[Cn2017.Col("application_no")] == "CN102015000590434"); // H01M10/0525;H01M10/058;H01M4/36;H01M2/14
        (await RecordsApi.ImportAsync(bureau, Cn2017.Utf8Csv([row]), "lithium.csv", format: "cnipa-csv")).Str("status").ShouldBe("succeeded");
        var rec = await RecordByAddressAsync(App.CreateAnonymousClient(), a => a == "辽宁省沈阳市沈河区文化路72号");

        // H01M is in the concordance at its subclass only: 14 classes, of which 4350 电气设备修理, 4360 仪器仪表修理 and
        // 8031 家用电子产品修理 are repair; the 11 that remain share the record equally
        var industries = rec.GetProperty("industries").EnumerateArray().ToList();
        var codes = industries.Select(i => i.Str("code")!).ToList();
        codes.ShouldContain("3841");
        codes.ShouldContain("3842");
        codes.ShouldContain("3849");
        codes.ShouldNotContain("8031");
        codes.ShouldNotContain("4350");
        codes.ShouldNotContain("4360");
        codes.Count.ShouldBe(11);
        industries.Single(i => i.Str("code") == "3841").Str("name").ShouldBe("锂离子电池制造");
        industries.Sum(i => i.GetProperty("weight").GetDouble()).ShouldBe(1, 0.001);
        industries.ShouldAllBe(i => Math.Abs(i.GetProperty("weight").GetDouble() - 0.0909) < 0.0001);

        // the basis: one line per IPC symbol, the entry it matched and its level, its share, the classes left out
        var basis = rec.GetProperty("industryBasis").EnumerateArray().ToList();
        basis.Select(b => b.Str("symbol")).ShouldBe(["H01M 10/0525", "H01M 10/058", "H01M 4/36", "H01M 2/14"]);
        basis.ShouldAllBe(b => b.Str("key") == "H01M" && b.Str("level") == "subclass" && b.Str("levelName") == "小类");
        basis.ShouldAllBe(b => Math.Abs(b.GetProperty("share").GetDouble() - 0.25) < 0.0001);
        basis[0].GetProperty("classes").GetArrayLength().ShouldBe(11);
        basis[0].GetProperty("dropped").EnumerateArray().Select(d => d.Str("code")).ShouldBe(["4350", "4360", "8031"], ignoreOrder: true);
        basis[0].GetProperty("dropped").EnumerateArray().Select(d => d.Str("name")).ShouldContain("家用电子产品修理");

        // technology fields and rules in Chinese (the seed names its source)
        var fields = rec.GetProperty("techFields").EnumerateArray().ToList();
        fields.ShouldNotBeEmpty();
        fields.Single(f => f.GetProperty("field").GetInt32() == 1).Str("name").ShouldBe("电气机械、设备和能源");
        fields.ShouldAllBe(f => f.Str("name")!.All(c => c > 0x2E7F || c == '、' || char.IsPunctuation(c)));
        fields.Select(f => f.Str("sector")).ShouldAllBe(s => s == "电气工程" || s == "化学" || s == "仪器" || s == "机械工程" || s == "其他领域");
        Attribution(rec).Str("ruleName").ShouldBe("地址前缀匹配");
        Attribution(rec).GetProperty("applicants")[0].Str("ruleName").ShouldBe("申请人地址：地址前缀匹配");
    }

    [Fact]
    public async Task ReattributeRecords_StoredUnderOlderRules_GetTheNewAttributionsAndTheIndicatorsRecompute()
    {
        var bureau = await App.CreateClientAsAsync("bureau");
        (await RecordsApi.ImportAsync(bureau, Cn2017.Utf8Csv(Selected.Value), "attribution.csv")).Str("status").ShouldBe("succeeded");
        var township = await App.ScalarAsync<long>("SELECT id FROM records WHERE address LIKE '广东省佛山市西樵镇%' ORDER BY id LIMIT 1");
        var lithium = await App.ScalarAsync<long>("SELECT id FROM records WHERE address = '辽宁省沈阳市沈河区文化路72号'");
        var learned = await App.ScalarAsync<long>("SELECT id FROM records WHERE region_rule = 'prefix+postcode-county' ORDER BY id LIMIT 1");
        // as main stored them: the county unknown, the industries 14 at 1/14 with the repair classes
        await App.ExecuteAsync("""
            UPDATE records SET county_code = NULL, region_rule = 'prefix', region_confidence = 0.85, region_explanation = '地址前缀匹配：广东省→佛山市；县区未识别'
            WHERE id = ANY($1)
            """, new[] { township, learned });
        await App.ExecuteAsync("""
            UPDATE records SET industries = (SELECT json_agg(json_build_object('code', c, 'weight', 0.0714)) FROM unnest(ARRAY['3463','3562','3823','3829','3841','3842','3849','4015','4028','4090','4210','4350','4360','8031']) c),
                   industry_codes = ARRAY['8031','803','80'] WHERE id = $1
            """, lithium);
        await App.ExecuteAsync("DELETE FROM jobs WHERE kind = 'indicators.recompute'");

        var police = await App.CreateClientAsAsync("police");
        (await police.PostAsync("/api/imports/reattribution", null)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        var start = await bureau.PostAsync("/api/imports/reattribution", null);
        start.StatusCode.ShouldBe(HttpStatusCode.Accepted, await start.Content.ReadAsStringAsync());
        var status = await WaitForReattributionAsync(bureau);
        status.Str("status").ShouldBe("succeeded", status.ToString());
        status.Str("storedVersion").ShouldBe(status.Str("currentVersion"));
        status.Str("message")!.ShouldContain("地区更新 2 条");
        status.Str("message")!.ShouldContain("行业更新 1 条");

        var anonymous = App.CreateAnonymousClient();
        var t = Attribution(await RecordsApi.GetRecordAsync(anonymous, township));
        (t.Str("countyCode"), t.Str("rule")).ShouldBe(("440605", "prefix+township"));
        t.GetProperty("applicants")[0].Str("rule").ShouldBe("address:prefix+township");
        Attribution(await RecordsApi.GetRecordAsync(anonymous, learned)).Str("rule").ShouldBe("prefix+postcode-county");
        var industries = (await RecordsApi.GetRecordAsync(anonymous, lithium)).GetProperty("industries").EnumerateArray().Select(i => i.Str("code")).ToList();
        industries.Count.ShouldBe(11);
        industries.ShouldNotContain("8031");
        (await App.ScalarAsync<bool>("SELECT industry_codes @> ARRAY['384'] AND NOT industry_codes && ARRAY['8031', '80'] FROM records WHERE id = $1", lithium)).ShouldBeTrue();
        // the indicators computed from the records follow
        (await App.ScalarAsync<long>("SELECT count(*) FROM jobs WHERE kind = 'indicators.recompute' AND payload->>'reason' = 'reattribution'")).ShouldBe(1);

        // run again: nothing left to change
        (await bureau.PostAsync("/api/imports/reattribution", null)).StatusCode.ShouldBe(HttpStatusCode.Accepted);
        (await WaitForReattributionAsync(bureau)).Str("message")!.ShouldContain("地区更新 0 条，行业更新 0 条");
    }

    private static JsonElement Attribution(JsonElement record) => record.GetProperty("attribution");

    private async Task<JsonElement> RecordByAddressAsync(HttpClient client, Func<string, bool> address, string? postcode = null)
    {
        var candidates = Selected.Value.Where(r => address(r[Cn2017.Col("applicant_address")]) && (postcode is null || r[Cn2017.Col("applicant_postcode")] == postcode))
            .Select(r => r[Cn2017.Col("applicant_address")]).Distinct().ToList();
        candidates.ShouldNotBeEmpty();
        var id = postcode is null
            ? await App.ScalarAsync<long>("SELECT id FROM records WHERE address = $1 ORDER BY id LIMIT 1", candidates[0])
            : await App.ScalarAsync<long>("SELECT id FROM records WHERE address = $1 AND postcode = $2 ORDER BY id LIMIT 1", candidates[0], postcode);
        return await RecordsApi.GetRecordAsync(client, id);
    }

    internal static async Task<JsonElement> WaitForReattributionAsync(HttpClient client)
    {
        var deadline = DateTime.UtcNow + RecordsApi.ImportTimeout;
        while (true)
        {
            var s = await client.GetFromJsonAsync<JsonElement>("/api/imports/reattribution");
            if (s.Str("status") is "succeeded" or "failed") return s;
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"re-attribution still {s.Str("status")}: {s}");
            await Task.Delay(150);
        }
    }

    /// <summary>The rows of the whole 2017 file that match (streamed once).</summary>
    private static List<string[]> Rows(Func<string[], bool> match)
    {
        using var file = File.OpenRead(TestData.File(Cn2017.RelativePath));
        using var csv = new CsvReader(new StreamReader(new GZipStream(file, CompressionMode.Decompress)), CultureInfo.InvariantCulture);
        csv.Read();
        csv.ReadHeader();
        var rows = new List<string[]>();
        while (csv.Read())
            if (match(csv.Parser.Record!)) rows.Add(csv.Parser.Record!);
        return rows;
    }
}
