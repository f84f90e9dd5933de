using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using CsvHelper;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using Zhichan.Tests.Infrastructure;

namespace Zhichan.Tests.Records.Api;

/// <summary>The app with the first 20,000 rows of the real 2017 file and the 10-row database export imported once, for read-only tests.</summary>
public sealed class SearchData : ZhichanFactory, IAsyncLifetime
{
    public const int Rows = 20_000;

    // these tests compare totals with exact counts over the whole table (20,008 rows); above the default threshold of
    // 10,000 a total is estimated from a sample once autovacuum has analysed the table (ApproximateCountTests covers that)
    protected override IDictionary<string, string> Settings => new Dictionary<string, string> { ["ZHICHAN_SEARCH_EXACT_UP_TO"] = "30000" };

    async Task IAsyncLifetime.InitializeAsync()
    {
        await InitializeAsync();
        var bureau = await CreateClientAsAsync("bureau");
        var a = await RecordsApi.ImportAsync(bureau, Cn2017.Gzip(Cn2017.Utf8Csv(Cn2017.First(Rows))), "cn-invention-2017-head.csv.gz");
        a.Str("status").ShouldBe("succeeded", a.ToString());
        var b = await RecordsApi.ImportAsync(bureau, "patents/cn-db-export-sample.csv");
        b.Str("status").ShouldBe("succeeded", b.ToString());
    }

    Task IAsyncLifetime.DisposeAsync() => DisposeAsync();

    /// <summary>How many records' stored search text contains the (folded) fragment — the truth the search is checked against.</summary>
    public Task<long> CountContainingAsync(string fragment, string? andNot = null) =>
        andNot is null
            ? ScalarAsync<long>("SELECT count(*) FROM records WHERE strpos(search_text, $1) > 0", fragment)
            : ScalarAsync<long>("SELECT count(*) FROM records WHERE strpos(search_text, $1) > 0 AND strpos(search_text, $2) = 0", fragment, andNot);
}

/// <summary>SearchRecords and ExportRecords over real data: CJK words and phrases, operators, filters, facets, sorting, paging, errors.</summary>
public class SearchTests(SearchData data) : IClassFixture<SearchData>
{
    private readonly HttpClient _anonymous = data.CreateAnonymousClient();

    private Task<JsonElement> Search(string query) => RecordsApi.SearchAsync(_anonymous, query);

    private static List<JsonElement> Items(JsonElement r) => r.GetProperty("items").EnumerateArray().ToList();

    /// <summary>Every hit of a query, following the cursor (date order).</summary>
    private async Task<List<JsonElement>> AllAsync(string query)
    {
        var all = new List<JsonElement>();
        var r = await Search(query + "&sort=date_desc&pageSize=100");
        all.AddRange(Items(r));
        while (r.Str("nextCursor") is { } cursor)
        {
            r = await Search(query + "&sort=date_desc&pageSize=100&cursor=" + RecordsApi.Q(cursor));
            all.AddRange(Items(r));
        }
        return all;
    }

    [Theory]
    [InlineData("芯片")]
    [InlineData("中药")]
    [InlineData("光伏")]
    public async Task SearchRecords_TwoCharacterChineseWord_MatchesEveryRecordContainingIt(string word)
    {
        var r = await Search("q=" + RecordsApi.Q(word));
        var expected = await data.CountContainingAsync(word);
        expected.ShouldBeGreaterThan(10);
        r.Long("total").ShouldBe(expected);
        Items(r).ShouldNotBeEmpty();
        Items(r).ShouldContain(i => i.Str("titleHighlight")!.Contains($"<mark>{word}</mark>"));
        Items(r).ShouldAllBe(i => i.Str("titleHighlight")!.Contains($"<mark>{word}</mark>") || i.Str("snippet")!.Contains($"<mark>{word}</mark>")
                                  || (i.Str("firstApplicant") ?? "").Contains(word));
    }

    [Fact]
    public async Task SearchRecords_QuotedPhrase_ReturnsExactlyTheRecordsContainingIt()
    {
        const string phrase = "中药组合物";
        var hits = await AllAsync("q=" + RecordsApi.Q($"\"{phrase}\""));
        hits.Count.ShouldBe((int)await data.CountContainingAsync(phrase));
        hits.Count.ShouldBeGreaterThan(5);
        foreach (var hit in hits)
        {
            var rec = await RecordsApi.GetRecordAsync(_anonymous, hit.Long("id"));
            var text = string.Join("\n", new[] { rec.Str("title"), rec.Str("abstract"), rec.Str("claims"), rec.Str("address") }
                .Concat(rec.GetProperty("parties").EnumerateArray().Select(p => p.Str("name"))));
            text.ShouldContain(phrase);
        }
        // a record with 中药 … 组合物 apart is a hit for the two words but not for the phrase
        var apart = await data.ScalarAsync<long>(
            "SELECT id FROM records WHERE search_text LIKE '%中药%组合物%' AND strpos(search_text, '中药组合物') = 0 ORDER BY id LIMIT 1");
        apart.ShouldBeGreaterThan(0);
        hits.ShouldNotContain(h => h.Long("id") == apart);
        var words = await AllAsync("q=" + RecordsApi.Q("中药 组合物"));
        words.ShouldContain(h => h.Long("id") == apart);
        words.Count.ShouldBeGreaterThan(hits.Count);
    }

    [Fact]
    public async Task SearchRecords_ExclusionAndOr_CombineAsWritten()
    {
        var without = await Search("q=" + RecordsApi.Q("中药 -组合物"));
        without.Long("total").ShouldBe(await data.CountContainingAsync("中药", andNot: "组合物"));
        without.Long("total").ShouldBeLessThan((await Search("q=" + RecordsApi.Q("中药"))).Long("total"));

        var chips = await data.CountContainingAsync("芯片");
        var pv = await data.CountContainingAsync("光伏");
        var both = await data.ScalarAsync<long>("SELECT count(*) FROM records WHERE strpos(search_text, '芯片') > 0 AND strpos(search_text, '光伏') > 0");
        (await Search("q=" + RecordsApi.Q("芯片 OR 光伏"))).Long("total").ShouldBe(chips + pv - both);
        (await Search("q=" + RecordsApi.Q("芯片 光伏"))).Long("total").ShouldBe(both);

        // an excluded quoted phrase removes exactly the records whose text contains it, alone or after a word
        var withPhrase = await data.ScalarAsync<long>("SELECT count(*) FROM records WHERE strpos(search_text, '中药') > 0 AND strpos(search_text, '中药组合物') > 0");
        withPhrase.ShouldBeGreaterThan(0);
        (await Search("q=" + RecordsApi.Q("中药 -\"中药组合物\""))).Long("total").ShouldBe(await data.CountContainingAsync("中药") - withPhrase);
        var all = await data.ScalarAsync<long>("SELECT count(*) FROM records");
        var containing = await data.CountContainingAsync("中药组合物");
        (await Search("q=" + RecordsApi.Q("-\"中药组合物\"") + "&facets=false")).Long("total").ShouldBe(all - containing);
    }

    [Theory]
    [InlineData("锂", "'锂':*")]                              // a lone character: itself and every bigram it begins
    [InlineData("机器人", "'机器' <-> '器人'")]                // bigrams in order, not just present
    [InlineData("led", "'led'")]                              // a Latin word, whole
    [InlineData("usb 接口", "'usb' & '接口'")]
    [InlineData("锂 OR 机器人", "'锂':* | ('机器' <-> '器人')")]
    [InlineData("电池 -锂", "'电池' & !'锂':*")]
    [InlineData("半导体 OR 芯片", "('半导' <-> '导体') | '芯片'")]
    public async Task SearchRecords_EveryKindOfTerm_MatchesWhatTheStoredVectorHas(string query, string tsquery)
    {
        // the search index holds integer codes of the lexemes (migration 0022): a word is looked up by the codes of its
        // tokens and checked on the vector where the codes cannot tell; the hits must be those of the vector alone
        var expected = await data.ScalarAsync<long>("SELECT count(*) FROM records WHERE search_vector @@ to_tsquery('simple', $1)", tsquery);
        expected.ShouldBeGreaterThan(3);
        var r = await Search("q=" + RecordsApi.Q(query) + "&facets=false");
        r.Long("total").ShouldBe(expected);
        r.GetProperty("totalApproximate").GetBoolean().ShouldBeFalse();
    }

    /// <summary>The CJK search codes of stored records missing from search_vocabulary (migration 0024): must be none.</summary>
    public const string VocabularyGapsSql = """
        SELECT count(*) FROM (SELECT DISTINCT c FROM records, unnest(search_codes) c WHERE c >= 0) x
        WHERE NOT EXISTS (SELECT 1 FROM search_vocabulary v WHERE v.code = x.c)
        """;

    [Fact]
    public async Task SearchVocabulary_HoldsEveryCjkCodeOfTheRecords()
    {
        // a lone character is looked up by the codes of the vocabulary: a code missing there hides every record with it
        (await data.ScalarAsync<long>(VocabularyGapsSql)).ShouldBe(0);
        (await data.ScalarAsync<long>("SELECT count(*) FROM search_vocabulary WHERE code < 0")).ShouldBe(0);
        var (first, last, _) = Zhichan.Api.Features.Records.Search.SearchTokens.PrefixRange('锂');
        (await data.ScalarAsync<long>("SELECT count(DISTINCT code) FROM search_vocabulary WHERE code BETWEEN $1 AND $2", first, last)).ShouldBeInRange(2, 500);
    }

    [Fact]
    public async Task SearchCodes_AreTheServersCodesOfTheStoredLexemes()
    {
        // the importer computes the codes (SearchTokens.Code); migration 0022 computes them in SQL for rows stored before
        // it: both must give the same number for every lexeme, or a record would be invisible to the words it contains
        (await data.ScalarAsync<long>("SELECT count(*) FROM records WHERE search_codes <> records_search_codes(search_vector)")).ShouldBe(0);
        (await data.ScalarAsync<long>("SELECT count(*) FROM records WHERE cardinality(search_codes) > 0")).ShouldBeGreaterThan(SearchData.Rows - 10);
        // the hash of Latin words at every length (PostgreSQL's hash_bytes reads 12 bytes at a time and the tail byte by byte)
        var words = Enumerable.Range(1, 40).Select(n => string.Concat(Enumerable.Range(0, n).Select(i => (char)('a' + (i * 7 + n) % 26)))).Append("5g").Append("h01l").ToArray();
        foreach (var w in words)
            (await data.ScalarAsync<int>("SELECT records_search_code($1)", w)).ShouldBe(Zhichan.Api.Features.Records.Search.SearchTokens.Code(w), w);
        foreach (var t in new[] { "锂", "机器", "ア", "한국", "豈", "㐀" })
            (await data.ScalarAsync<int>("SELECT records_search_code($1)", t)).ShouldBe(Zhichan.Api.Features.Records.Search.SearchTokens.Code(t), t);
    }

    [Fact]
    public async Task RecordsColumns_AreAllKeptInTheRow()
    {
        // migration 0020: out of line, each value a row filter reads is a TOAST lookup — the codes column of 0022 was
        // added without STORAGE MAIN at first, and at 5M records broad words and word + IPC took 2–7 times as long
        (await data.ScalarAsync<string>("""
            SELECT coalesce(string_agg(attname, ', ' ORDER BY attnum), '') FROM pg_attribute
            WHERE attrelid = 'records'::regclass AND attnum > 0 AND NOT attisdropped AND attlen = -1 AND attstorage <> 'm'
            """)).ShouldBe("");
    }

    [Fact]
    public async Task RecordsCodeColumns_CompareByteByByte_AndKeepTheirRowStorage()
    {
        // migration 0025: the codes' indexes and sorts compare bytes, not the database locale's collation (the industry
        // and IPC indexes of the 2017 file build in 0.8/0.6 s instead of 1.4/1.1 s); the type change must not have
        // reset the columns' compression either (0019)
        (await data.ScalarAsync<string>("""
            SELECT string_agg(a.attname || ' ' || c.collname, ', ' ORDER BY a.attname) FROM pg_attribute a JOIN pg_collation c ON c.oid = a.attcollation
            WHERE a.attrelid = 'records'::regclass AND a.attname IN ('right_type', 'status', 'province_code', 'city_code', 'county_code', 'ipc_main', 'ipc_classes', 'industry_codes')
            """)).ShouldBe("city_code C, county_code C, industry_codes C, ipc_classes C, ipc_main C, province_code C, right_type C, status C");
        (await data.ScalarAsync<string>("""
            SELECT coalesce(string_agg(attname, ', ' ORDER BY attnum), '') FROM pg_attribute
            WHERE attrelid = 'records'::regclass AND attnum > 0 AND NOT attisdropped AND attlen = -1
              AND attcompression IS DISTINCT FROM (SELECT attcompression FROM pg_attribute WHERE attrelid = 'records'::regclass AND attname = 'title')
              AND attname IN ('right_type', 'status', 'province_code', 'city_code', 'county_code', 'ipc_main', 'ipc_classes', 'industry_codes')
            """)).ShouldBe("");
    }

    [Fact]
    public async Task RecordsDisplayJson_IsStoredAsWritten_InTheRow_WithoutStatistics()
    {
        // migration 0026: the four JSON columns only ever read whole are json (the COPY checks their syntax instead of
        // building jsonb: 0.37 against 1.5 s of a core for the 2017 file's); events, which queries unnest, stays jsonb.
        // The type change must have kept them in the row, lz4, without statistics (0018–0020)
        (await data.ScalarAsync<string>("""
            SELECT string_agg(format('%s %s %s %s %s', attname, format_type(atttypid, atttypmod), attstorage,
                       attcompression = (SELECT attcompression FROM pg_attribute WHERE attrelid = 'records'::regclass AND attname = 'title'), attstattarget), ', ' ORDER BY attname)
            FROM pg_attribute WHERE attrelid = 'records'::regclass AND attname IN ('parties', 'industries', 'extra', 'applicant_regions', 'events')
            """)).ShouldBe("applicant_regions json m t 0, events jsonb m t 0, extra json m t 0, industries json m t 0, parties json m t 0");
        // as written by the importer: the same text the serializer gives, readable as JSON by SQL too
        var (parties, industries) = (await data.ScalarAsync<string>("SELECT parties::text FROM records WHERE parties::text <> '[]' ORDER BY id LIMIT 1"),
            await data.ScalarAsync<string>("SELECT industries::text FROM records WHERE industries::text <> '[]' ORDER BY id LIMIT 1"));
        parties.ShouldStartWith("[{\"role\":");
        industries.ShouldStartWith("[{\"code\":\"");
        (await data.ScalarAsync<long>("SELECT count(*) FROM records WHERE json_typeof(parties) <> 'array' OR json_typeof(extra) <> 'object'")).ShouldBe(0);
    }

    [Fact]
    public async Task RecordsRows_AreCompressedOnlyWhenLongerThanAPage()
    {
        // migration 0023: with the default 2 KB target every 2.5–3 KB row had its values compressed one by one, for 7 %
        // of the heap and 3 of the COPY's 8 CPU-seconds; the imported rows here are all shorter than a page
        (await data.ScalarAsync<string>("SELECT array_to_string(reloptions, ',') FROM pg_class WHERE oid = 'records'::regclass") ?? "")
            .ShouldContain("toast_tuple_target=8160");
        (await data.ScalarAsync<long>("SELECT count(*) FROM records r WHERE pg_column_size(r.*) > 2100")).ShouldBeGreaterThan(0);
        (await data.ScalarAsync<long>("""
            SELECT count(*) FROM records r WHERE pg_column_size(r.*) < 7000 AND (pg_column_compression(r.search_vector) IS NOT NULL
                OR pg_column_compression(r.parties) IS NOT NULL OR pg_column_compression(r.search_text) IS NOT NULL
                OR pg_column_compression(r.search_codes) IS NOT NULL OR pg_column_compression(r.events) IS NOT NULL)
            """)).ShouldBe(0);
    }

    [Fact]
    public async Task SearchRecords_TypeAndStatusFilters_Narrow()
    {
        var all = (await Search("facets=false")).Long("total");
        all.ShouldBe(await data.ScalarAsync<long>("SELECT count(*) FROM records"));
        var utility = await Search("types=patent_utility");
        utility.Long("total").ShouldBe(7);
        Items(utility).ShouldAllBe(i => i.Str("rightType") == "patent_utility");
        var inForce = await Search("status=in_force&pageSize=100");
        inForce.Long("total").ShouldBe(await data.ScalarAsync<long>("SELECT count(*) FROM records WHERE status = 'in_force'"));
        inForce.Long("total").ShouldBe(8); // the granted rows of the export (the head of the 2017 file holds A publications only)
        Items(inForce).ShouldAllBe(i => i.Str("status") == "in_force" && i.Str("grantNumber") != null);
        (await Search("types=patent_utility&status=pending")).Long("total").ShouldBe(0);
    }

    [Fact]
    public async Task SearchRecords_ApplicationDateRange_ReturnsOnlyThatRange()
    {
        var r = await Search("dateField=application&from=2016-03-01&to=2016-03-31&pageSize=100");
        r.Long("total").ShouldBe(await data.ScalarAsync<long>("SELECT count(*) FROM records WHERE application_date BETWEEN '2016-03-01' AND '2016-03-31'"));
        r.Long("total").ShouldBeGreaterThan(0);
        Items(r).ShouldAllBe(i => string.CompareOrdinal(i.Str("applicationDate"), "2016-03-01") >= 0 && string.CompareOrdinal(i.Str("applicationDate"), "2016-03-31") <= 0);
        var pub = await Search("dateField=publication&from=2017-03-29&to=2017-03-29&pageSize=100");
        pub.Long("total").ShouldBeGreaterThan(0);
        Items(pub).ShouldAllBe(i => i.Str("publicationDate") == "2017-03-29");
    }

    [Fact]
    public async Task SearchRecords_WordWithRegionIpcAndOneYear_MatchesTheTextAndColumns()
    {
        // these filters are matched inside the search index together with the word (migration 0021): the hits must be
        // exactly the records whose text contains the word and whose columns satisfy the filters
        var fragment = "装置";
        var q = "q=" + RecordsApi.Q(fragment);
        var inYear = await Search(q + "&from=2016-01-01&to=2016-12-31&pageSize=100");
        inYear.Long("total").ShouldBe(await data.ScalarAsync<long>(
            "SELECT count(*) FROM records WHERE strpos(search_text, $1) > 0 AND application_date BETWEEN '2016-01-01' AND '2016-12-31'", fragment));
        inYear.Long("total").ShouldBeGreaterThan(100);
        var partOfYear = await Search(q + "&from=2016-05-01&to=2016-06-30&pageSize=100");
        partOfYear.Long("total").ShouldBe(await data.ScalarAsync<long>(
            "SELECT count(*) FROM records WHERE strpos(search_text, $1) > 0 AND application_date BETWEEN '2016-05-01' AND '2016-06-30'", fragment));
        partOfYear.Long("total").ShouldBeInRange(1L, inYear.Long("total") - 1);
        Items(partOfYear).ShouldAllBe(i => string.CompareOrdinal(i.Str("applicationDate"), "2016-05-01") >= 0 && string.CompareOrdinal(i.Str("applicationDate"), "2016-06-30") <= 0);

        var inCity = await Search(q + "&region=320500&ipc=" + RecordsApi.Q("A") + "&from=2016-01-01&to=2016-12-31&pageSize=100");
        inCity.Long("total").ShouldBe(await data.ScalarAsync<long>("""
            SELECT count(*) FROM records WHERE strpos(search_text, $1) > 0 AND city_code = '320500'
              AND EXISTS (SELECT 1 FROM unnest(ipc) x WHERE x LIKE 'A%') AND application_date BETWEEN '2016-01-01' AND '2016-12-31'
            """, fragment));
        inCity.Long("total").ShouldBeGreaterThan(0);
        Items(inCity).ShouldAllBe(i => i.Str("regionName")!.StartsWith("江苏省 苏州市") && i.Str("applicationDate")!.StartsWith("2016-"));

        // a publication-date range is not the application year: no year condition may be applied to it
        var published = await Search(q + "&dateField=publication&from=2017-01-01&to=2017-12-31&pageSize=1");
        published.Long("total").ShouldBe(await data.ScalarAsync<long>(
            "SELECT count(*) FROM records WHERE strpos(search_text, $1) > 0 AND publication_date BETWEEN '2017-01-01' AND '2017-12-31'", fragment));
    }

    [Fact]
    public async Task SearchRecords_IpcPrefix_ReturnsOnlyRecordsClassifiedThere()
    {
        var r = await Search("ipc=H01L&pageSize=100");
        r.Long("total").ShouldBe(await data.ScalarAsync<long>("SELECT count(*) FROM records WHERE EXISTS (SELECT 1 FROM unnest(ipc) x WHERE x LIKE 'H01L%')"));
        r.Long("total").ShouldBeGreaterThan(50);
        Items(r).ShouldAllBe(i => i.GetProperty("ipc").EnumerateArray().Any(x => x.GetString()!.StartsWith("H01L")));
        var group = await Search("ipc=" + RecordsApi.Q("H01L 31") + "&pageSize=100");
        group.Long("total").ShouldBeGreaterThan(0);
        group.Long("total").ShouldBeLessThan(r.Long("total"));
        Items(group).ShouldAllBe(i => i.GetProperty("ipc").EnumerateArray().Any(x => x.GetString()!.StartsWith("H01L 31/")));
        // a subgroup prefix, looked up in the subgroup index (ADR 0072): its two digits exactly, a longer prefix on those records
        foreach (var prefix in new[] { "H01L 31/04", "H01L 31/042" })
        {
            var sub = await Search("ipc=" + RecordsApi.Q(prefix) + "&pageSize=100");
            sub.Long("total").ShouldBe(await data.ScalarAsync<long>("SELECT count(*) FROM records WHERE EXISTS (SELECT 1 FROM unnest(ipc) x WHERE x LIKE $1)", prefix + "%"), prefix);
            sub.Long("total").ShouldBeGreaterThan(0, prefix);
            Items(sub).ShouldAllBe(i => i.GetProperty("ipc").EnumerateArray().Any(x => x.GetString()!.StartsWith(prefix)));
        }
    }

    [Fact]
    public async Task SearchRecords_RegionAtEachLevel_Narrows()
    {
        var province = await Search("region=320000&pageSize=100"); // 江苏省
        var city = await Search("region=320500&pageSize=100");     // 苏州市
        var county = await Search("region=320506&pageSize=100");   // 吴中区
        province.Long("total").ShouldBe(await data.ScalarAsync<long>("SELECT count(*) FROM records WHERE province_code = '320000'"));
        city.Long("total").ShouldBe(await data.ScalarAsync<long>("SELECT count(*) FROM records WHERE city_code = '320500'"));
        county.Long("total").ShouldBe(await data.ScalarAsync<long>("SELECT count(*) FROM records WHERE county_code = '320506'"));
        county.Long("total").ShouldBeGreaterThan(0);
        province.Long("total").ShouldBeGreaterThan(city.Long("total"));
        city.Long("total").ShouldBeGreaterThan(county.Long("total"));
        Items(province).ShouldAllBe(i => i.Str("regionCode")!.StartsWith("32") && i.Str("regionName")!.StartsWith("江苏省"));
        Items(city).ShouldAllBe(i => i.Str("regionName")!.StartsWith("江苏省 苏州市"));
        Items(county).ShouldAllBe(i => i.Str("regionCode") == "320506" && i.Str("regionName") == "江苏省 苏州市 吴中区");
    }

    [Fact]
    public async Task SearchRecords_IndustryAndApplicantFilters_AgreeWithFacets()
    {
        var r = await Search("q=" + RecordsApi.Q("中药"));
        var facet = r.GetProperty("facets").GetProperty("industry")[0];
        var industry = facet.Str("key")!;
        facet.Str("label")!.ShouldStartWith(industry + " ");
        var filtered = await Search("q=" + RecordsApi.Q("中药") + "&industry=" + industry + "&pageSize=100");
        filtered.Long("total").ShouldBe(facet.Long("count"));
        filtered.Long("total").ShouldBeLessThanOrEqualTo(r.Long("total"));
        foreach (var hit in Items(filtered).Take(10))
        {
            var rec = await RecordsApi.GetRecordAsync(_anonymous, hit.Long("id"));
            rec.GetProperty("industries").EnumerateArray().ShouldContain(i => i.Str("code")!.StartsWith(industry));
        }

        var applicant = r.GetProperty("facets").GetProperty("applicant")[0];
        var name = applicant.Str("key")!;
        var byApplicant = await Search("q=" + RecordsApi.Q("中药") + "&applicant=" + RecordsApi.Q(name) + "&pageSize=100");
        byApplicant.Long("total").ShouldBeGreaterThanOrEqualTo(applicant.Long("count"));
        foreach (var hit in Items(byApplicant))
        {
            var rec = await RecordsApi.GetRecordAsync(_anonymous, hit.Long("id"));
            rec.GetProperty("parties").EnumerateArray().ShouldContain(p => p.Str("name")!.Contains(name));
        }
    }

    [Fact]
    public async Task SearchRecords_ApplicantFilter_DoesNotMatchInventors()
    {
        // 于有贞 is the inventor of the first record of the file (徐州绿之源环境科技有限公司 applied), never an applicant in the slice
        (await data.ScalarAsync<long>("SELECT count(*) FROM records WHERE '于有贞' = ANY(inventors)")).ShouldBeGreaterThan(0);
        (await data.ScalarAsync<long>("SELECT count(*) FROM records WHERE array_to_string(applicants, '|') LIKE '%于有贞%'")).ShouldBe(0);
        (await Search("q=" + RecordsApi.Q("于有贞"))).Long("total").ShouldBeGreaterThan(0);
        (await Search("applicant=" + RecordsApi.Q("于有贞"))).Long("total").ShouldBe(0);
        var company = await Search("applicant=" + RecordsApi.Q("徐州绿之源"));
        company.Long("total").ShouldBe(await data.ScalarAsync<long>("SELECT count(*) FROM records WHERE array_to_string(applicants, '|') LIKE '%徐州绿之源%'"));
        company.Long("total").ShouldBeGreaterThan(0);
    }

    [Fact]
    public async Task SearchRecords_Facets_CountsAddUp()
    {
        var r = await Search("q=" + RecordsApi.Q("光伏"));
        var total = r.Long("total");
        var f = r.GetProperty("facets");
        f.GetProperty("type").EnumerateArray().Sum(x => x.Long("count")).ShouldBe(total);
        f.GetProperty("type").EnumerateArray().ShouldAllBe(x => x.Str("label")!.Length > 0);
        f.GetProperty("year").EnumerateArray().Sum(x => x.Long("count")).ShouldBe(total); // every 2017 record has an application date
        f.GetProperty("province").EnumerateArray().Sum(x => x.Long("count")).ShouldBeLessThanOrEqualTo(total);
        f.GetProperty("province").EnumerateArray().ShouldAllBe(x => x.Long("count") > 0 && x.Str("label")!.Length > 0);
        var sections = f.GetProperty("ipcSection").EnumerateArray().ToList();
        sections.ShouldContain(x => x.Str("key") == "H" && x.Str("label") == "H 电学");
        sections.Sum(x => x.Long("count")).ShouldBeGreaterThanOrEqualTo(total); // a record can be in several sections
        sections.ShouldAllBe(x => x.Long("count") <= total);
        var counts = f.GetProperty("applicant").EnumerateArray().Select(x => x.Long("count")).ToList();
        counts.ShouldBe(counts.OrderByDescending(c => c).ToList());
        // a facet value used as a filter gives its count
        var city = f.GetProperty("city")[0];
        (await Search("q=" + RecordsApi.Q("光伏") + "&region=" + city.Str("key"))).Long("total").ShouldBe(city.Long("count"));
    }

    [Fact]
    public async Task SearchRecords_Highlight_WrapsHitsInMarkAndEscapesHtml()
    {
        var r = await Search("q=" + RecordsApi.Q("芯片 封装"));
        r.Long("total").ShouldBeGreaterThan(0);
        foreach (var i in Items(r))
        {
            var h = i.Str("titleHighlight")!;
            h.Replace("<mark>", "").Replace("</mark>", "").ShouldBe(System.Net.WebUtility.HtmlEncode(i.Str("title")));
            var marked = System.Text.RegularExpressions.Regex.Matches(h + i.Str("snippet"), "<mark>(.*?)</mark>").Select(m => m.Groups[1].Value).ToList();
            marked.ShouldNotBeEmpty(h);
            marked.ShouldAllBe(m => m.Contains("芯片") || m.Contains("封装"));
        }
    }

    [Theory]
    [InlineData("date_desc")]
    [InlineData("date_asc")]
    public async Task SearchRecords_SortByDate_IsOrdered(string sort)
    {
        var r = await Search($"q={RecordsApi.Q("中药")}&sort={sort}&pageSize=100");
        var dates = Items(r).Select(i => i.Str("applicationDate")!).ToList();
        dates.Count.ShouldBe(100);
        var ordered = sort == "date_asc" ? dates.OrderBy(d => d, StringComparer.Ordinal) : dates.OrderByDescending(d => d, StringComparer.Ordinal);
        dates.ShouldBe(ordered.ToList());
    }

    [Fact]
    public async Task SearchRecords_DeepPagingWithCursor_VisitsEachRecordOnce()
    {
        const string query = "region=320000";
        var total = (await Search(query + "&facets=false")).Long("total");
        total.ShouldBeGreaterThan(1000);
        var seen = new HashSet<long>();
        string? cursor = null;
        var pages = 0;
        string? last = null;
        do
        {
            var r = await Search($"{query}&sort=date_desc&pageSize=100&facets=false" + (cursor is null ? "" : "&cursor=" + RecordsApi.Q(cursor)));
            foreach (var i in Items(r))
            {
                seen.Add(i.Long("id")).ShouldBeTrue($"record {i.Long("id")} seen twice");
                var d = i.Str("applicationDate");
                if (last is not null && d is not null) string.CompareOrdinal(d, last).ShouldBeLessThanOrEqualTo(0);
                last = d ?? last;
            }
            cursor = r.Str("nextCursor");
            pages++;
        } while (cursor is not null && pages < 200);
        seen.Count.ShouldBe((int)total);
    }

    [Fact]
    public async Task SearchRecords_CursorPagingByGrantDate_AlsoVisitsRecordsWithoutThatDate()
    {
        // almost no record of the slice is granted yet: the cursor must carry on past the first record without a grant date
        const string query = "q=%E5%85%89%E4%BC%8F&dateField=grant"; // 光伏
        var total = (await Search(query + "&facets=false")).Long("total");
        total.ShouldBeGreaterThan(20);
        var seen = new HashSet<long>();
        string? cursor = null;
        var pages = 0;
        do
        {
            var r = await Search($"{query}&sort=date_desc&pageSize=10&facets=false" + (cursor is null ? "" : "&cursor=" + RecordsApi.Q(cursor)));
            foreach (var i in Items(r)) seen.Add(i.Long("id")).ShouldBeTrue($"record {i.Long("id")} seen twice");
            cursor = r.Str("nextCursor");
            pages++;
        } while (cursor is not null && pages < 100);
        seen.Count.ShouldBe((int)total);
    }

    [Fact]
    public async Task SearchRecords_PhraseOrWord_ReturnsEither()
    {
        var phrase = await data.CountContainingAsync("中药组合物");
        var pv = await data.CountContainingAsync("光伏");
        var both = await data.ScalarAsync<long>("SELECT count(*) FROM records WHERE strpos(search_text, '中药组合物') > 0 AND strpos(search_text, '光伏') > 0");
        (await Search("q=" + RecordsApi.Q("\"中药组合物\" OR 光伏"))).Long("total").ShouldBe(phrase + pv - both);
        (await Search("q=" + RecordsApi.Q("光伏 OR \"中药组合物\""))).Long("total").ShouldBe(phrase + pv - both);
        // a phrase ANDed with a word still needs both
        (await Search("q=" + RecordsApi.Q("\"中药组合物\" 制备"))).Long("total")
            .ShouldBe(await data.ScalarAsync<long>("SELECT count(*) FROM records WHERE strpos(search_text, '中药组合物') > 0 AND strpos(search_text, '制备') > 0"));
    }

    [Theory]
    [InlineData("region=32", "region")]
    [InlineData("region=abcdef", "region")]
    [InlineData("ipc=ZZZ99", "ipc")]
    [InlineData("from=2017-05-01&to=2017-01-01", "to")]
    [InlineData("sort=price", "sort")]
    [InlineData("types=patent_x", "types")]
    [InlineData("status=alive", "status")]
    [InlineData("dateField=birthday", "dateField")]
    [InlineData("industry=9z", "industry")]
    [InlineData("cursor=%21%21", "cursor")]
    public async Task SearchRecords_InvalidParameter_Returns400WithChineseFieldError(string query, string field)
    {
        var res = await _anonymous.GetAsync("/api/records?" + query);
        var problem = await res.ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        ImportCsvTests.ShouldBeChinese(problem.GetProperty("errors").GetProperty(field)[0].GetString());
    }

    [Fact]
    public async Task SearchRecords_UnparsableDate_Returns400Problem()
    {
        var res = await _anonymous.GetAsync("/api/records?from=2017-13-45");
        await res.ShouldBeProblemAsync(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task ExportRecords_Csv_HasBomChineseHeaderAndAllRows()
    {
        var total = (await Search("q=" + RecordsApi.Q("中药"))).Long("total");
        var res = await _anonymous.GetAsync("/api/records/export?format=csv&q=" + RecordsApi.Q("中药"));
        res.StatusCode.ShouldBe(HttpStatusCode.OK);
        res.Content.Headers.ContentType!.MediaType.ShouldBe("text/csv");
        var bytes = await res.Content.ReadAsByteArrayAsync();
        bytes[..3].ShouldBe(new byte[] { 0xEF, 0xBB, 0xBF });
        var rows = ReadCsv(bytes);
        rows[0][0].ShouldBe("申请号");
        rows[0].ShouldContain("名称");
        rows.Count.ShouldBe((int)total + 1);
        rows.Skip(1).ShouldAllBe(r => r.Length == rows[0].Length && r[0].Length > 0 && r[7].Length > 0);

        var limited = await _anonymous.GetAsync("/api/records/export?format=csv&limit=50&q=" + RecordsApi.Q("中药"));
        ReadCsv(await limited.Content.ReadAsByteArrayAsync()).Count.ShouldBe(51);
    }

    [Fact]
    public async Task ExportRecords_Xlsx_OpensWithAllRows()
    {
        var total = (await Search("region=320000&facets=false")).Long("total");
        // more than an anonymous export may hold (1,000 rows): a signed-in user exports them all
        var res = await (await data.CreateClientAsAsync("bureau")).GetAsync("/api/records/export?format=xlsx&region=320000");
        res.StatusCode.ShouldBe(HttpStatusCode.OK);
        res.Content.Headers.ContentType!.MediaType.ShouldBe("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
        using var ms = new MemoryStream(await res.Content.ReadAsByteArrayAsync());
        using var doc = SpreadsheetDocument.Open(ms, false);
        var sheet = doc.WorkbookPart!.WorksheetParts.First().Worksheet;
        var rows = sheet.Descendants<Row>().ToList();
        rows.Count.ShouldBe((int)total + 1);
        rows[0].Elements<Cell>().First().InnerText.ShouldBe("申请号");
    }

    [Fact]
    public async Task ExportRecords_BadFormat_Returns400()
    {
        var res = await _anonymous.GetAsync("/api/records/export?format=pdf");
        var problem = await res.ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        ImportCsvTests.ShouldBeChinese(problem.GetProperty("errors").GetProperty("format")[0].GetString());
    }

    [Fact]
    public async Task GetRecordStats_Region_CountsAgreeWithSearch()
    {
        var stats = await _anonymous.GetFromJsonAsync<JsonElement>("/api/records/stats?region=320000");
        stats.Long("total").ShouldBe((await Search("region=320000&facets=false")).Long("total"));
        stats.GetProperty("byType").EnumerateArray().Sum(x => x.Long("count")).ShouldBe(stats.Long("total"));
    }

    [Fact]
    public async Task GetRecord_Unknown_Returns404Problem()
    {
        var res = await _anonymous.GetAsync("/api/records/999999999");
        var problem = await res.ShouldBeProblemAsync(HttpStatusCode.NotFound);
        ImportCsvTests.ShouldBeChinese(problem.Str("detail"));
    }

    private static List<string[]> ReadCsv(byte[] bytes)
    {
        using var reader = new StreamReader(new MemoryStream(bytes), Encoding.UTF8);
        using var csv = new CsvReader(reader, CultureInfo.InvariantCulture);
        var rows = new List<string[]>();
        while (csv.Read()) rows.Add(csv.Parser.Record!);
        return rows;
    }
}
