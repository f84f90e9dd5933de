using System.Text.Json;
using Zhichan.Tests.Infrastructure;

namespace Zhichan.Tests.Records.Api;

/// <summary>Searches with more hits than the exact threshold (here 500) get an estimated total and sampled facets.</summary>
public sealed class SmallExactThresholdFactory : ZhichanFactory
{
    protected override IDictionary<string, string> Settings => new Dictionary<string, string>
    {
        ["ZHICHAN_SEARCH_EXACT_UP_TO"] = "500", ["ZHICHAN_SEARCH_FACET_ROWS"] = "100", ["ZHICHAN_SEARCH_RANK_CANDIDATES"] = "50",
    };
}

public class ApproximateCountTests(SmallExactThresholdFactory app) : IntegrationTest<SmallExactThresholdFactory>(app)
{
    [Fact]
    public async Task SearchRecords_MoreHitsThanTheThreshold_EstimatesTotalAndFacetsFromASample()
    {
        var bureau = await App.CreateClientAsAsync("bureau");
        var import = await RecordsApi.ImportAsync(bureau, Cn2017.Gzip(Cn2017.Utf8Csv(Cn2017.First(3000))), "slice.csv.gz", "cnipa-csv");
        import.Str("status").ShouldBe("succeeded");
        await App.ExecuteAsync("VACUUM ANALYZE records");
        var exact = await App.ScalarAsync<long>("SELECT count(*) FROM records");

        var client = App.CreateAnonymousClient();
        var broad = await RecordsApi.SearchAsync(client, "sort=date_desc");
        broad.GetProperty("totalApproximate").GetBoolean().ShouldBeTrue();
        broad.GetProperty("facetsApproximate").GetBoolean().ShouldBeTrue();
        ((double)broad.Long("total")).ShouldBeInRange(exact * 0.7, exact * 1.3);
        var typeFacet = broad.GetProperty("facets").GetProperty("type").EnumerateArray().Sum(b => b.GetProperty("count").GetInt64());
        ((double)typeFacet).ShouldBeInRange(exact * 0.7, exact * 1.3);
        broad.GetProperty("items").GetArrayLength().ShouldBe(20); // the page itself is exact

        // a narrow query stays exact
        var narrowCount = await App.ScalarAsync<long>("SELECT count(*) FROM records WHERE strpos(search_text, '芯片') > 0");
        var narrow = await RecordsApi.SearchAsync(client, "q=" + RecordsApi.Q("芯片"));
        narrow.GetProperty("totalApproximate").GetBoolean().ShouldBeFalse();
        narrow.Long("total").ShouldBe(narrowCount);
    }

    [Fact]
    public async Task SearchRecords_FilterOnly_ExactUpToTheThresholdAndEstimatedBeyond()
    {
        // a query of filters only goes to the sample from 1.5 times the threshold on the planner's estimate (3 times for
        // text): whatever the estimate, a filter with at most 500 hits is counted exactly and one with more is estimated
        var bureau = await App.CreateClientAsAsync("bureau");
        (await RecordsApi.ImportAsync(bureau, Cn2017.Gzip(Cn2017.Utf8Csv(Cn2017.First(3000))), "slice.csv.gz", "cnipa-csv")).Str("status").ShouldBe("succeeded");
        await App.ExecuteAsync("VACUUM ANALYZE records");
        var client = App.CreateAnonymousClient();
        var checkedExact = 0;
        var checkedApproximate = 0;
        foreach (var year in new[] { 2014, 2015, 2016, 2017 })
        {
            var count = await App.ScalarAsync<long>("SELECT count(*) FROM records WHERE application_date >= make_date($1, 1, 1) AND application_date < make_date($1 + 1, 1, 1)", year);
            if (count == 0) continue;
            var res = await RecordsApi.SearchAsync(client, $"from={year}-01-01&to={year}-12-31&facets=true");
            if (count <= 500)
            {
                res.GetProperty("totalApproximate").GetBoolean().ShouldBeFalse($"{year}: {count}");
                res.Long("total").ShouldBe(count);
                checkedExact++;
            }
            else
            {
                res.GetProperty("totalApproximate").GetBoolean().ShouldBeTrue($"{year}: {count}");
                ((double)res.Long("total")).ShouldBeInRange(count * 0.6, count * 1.4);
                checkedApproximate++;
            }
        }
        var provinces = await App.ScalarAsync<string>("SELECT string_agg(province_code || ':' || n, ',') FROM (SELECT province_code, count(*) n FROM records WHERE province_code IS NOT NULL GROUP BY 1 HAVING count(*) >= 50) p");
        foreach (var (code, count) in provinces!.Split(',').Select(p => (p.Split(':')[0], long.Parse(p.Split(':')[1]))))
        {
            var res = await RecordsApi.SearchAsync(client, $"region={code}&facets=true");
            res.GetProperty("totalApproximate").GetBoolean().ShouldBe(count > 500, $"{code}: {count}");
            if (count <= 500) { res.Long("total").ShouldBe(count); checkedExact++; }
            else { ((double)res.Long("total")).ShouldBeInRange(count * 0.6, count * 1.4); checkedApproximate++; }
        }
        checkedExact.ShouldBeGreaterThan(0);
        checkedApproximate.ShouldBeGreaterThan(0);
    }

    [Fact]
    public async Task SearchRecords_BetweenFacetRowsAndTheThreshold_ExactTotalFacetsFromAUniformSubsample()
    {
        var bureau = await App.CreateClientAsAsync("bureau");
        (await RecordsApi.ImportAsync(bureau, Cn2017.Gzip(Cn2017.Utf8Csv(Cn2017.First(3000))), "slice.csv.gz", "cnipa-csv")).Str("status").ShouldBe("succeeded");
        // a word with more hits than the 100 facet rows but fewer than the 500 of the exact threshold
        var word = await App.ScalarAsync<string>("""
            SELECT w FROM unnest(ARRAY['装置','方法','系统','设备','组合物','结构','电池','机构','材料','控制']) w
            WHERE (SELECT count(*) FROM records WHERE strpos(search_text, w) > 0) BETWEEN 150 AND 480 LIMIT 1
            """);
        word.ShouldNotBeNull();
        var exact = await App.ScalarAsync<long>("SELECT count(*) FROM records WHERE strpos(search_text, $1) > 0", word!);
        var exactByType = await App.ScalarAsync<long>("SELECT count(*) FROM records WHERE strpos(search_text, $1) > 0 AND right_type = 'patent_invention'", word!);

        var res = await RecordsApi.SearchAsync(App.CreateAnonymousClient(), "q=" + RecordsApi.Q(word!));
        res.GetProperty("totalApproximate").GetBoolean().ShouldBeFalse();
        res.Long("total").ShouldBe(exact);
        res.GetProperty("facetsApproximate").GetBoolean().ShouldBeTrue();
        // the subsample is scaled to the total: the type facet adds up to about the total
        var types = res.GetProperty("facets").GetProperty("type").EnumerateArray().ToList();
        ((double)types.Sum(b => b.GetProperty("count").GetInt64())).ShouldBeInRange(exact * 0.95, exact * 1.05);
        var invention = types.Single(b => b.GetProperty("key").GetString() == "patent_invention").GetProperty("count").GetInt64();
        ((double)invention).ShouldBeInRange(exactByType * 0.95, exactByType * 1.05);
    }

    [Fact]
    public async Task SearchRecords_BroadRelevanceQuery_RanksABoundedCandidateSetAndStillReturnsOnlyMatches()
    {
        var bureau = await App.CreateClientAsAsync("bureau");
        (await RecordsApi.ImportAsync(bureau, Cn2017.Gzip(Cn2017.Utf8Csv(Cn2017.First(3000))), "slice.csv.gz", "cnipa-csv")).Str("status").ShouldBe("succeeded");
        var client = App.CreateAnonymousClient();
        // more hits than the 50 rank candidates: pages still come back full, every hit matches, ranks never increase
        var first = await RecordsApi.SearchAsync(client, "q=" + RecordsApi.Q("装置") + "&pageSize=20");
        first.Long("total").ShouldBeGreaterThan(50);
        first.GetProperty("items").GetArrayLength().ShouldBe(20);
        var ids = new List<long>();
        for (var page = 1; page <= 4; page++) // pages 3 and 4 lie beyond the 50 candidates: the candidate set grows with the page
        {
            var res = page == 1 ? first : await RecordsApi.SearchAsync(client, $"q={RecordsApi.Q("装置")}&pageSize=20&page={page}&facets=false");
            var items = res.GetProperty("items").EnumerateArray().ToList();
            items.Count.ShouldBe(20);
            foreach (var it in items)
            {
                var id = it.GetProperty("id").GetInt64();
                (await App.ScalarAsync<bool>("SELECT strpos(search_text, '装置') > 0 FROM records WHERE id = $1", id)).ShouldBeTrue();
                ids.Add(id);
            }
        }
        ids.Distinct().Count().ShouldBe(80);
    }
}

public class ImportRejectionsNotFoundTests(ZhichanFactory app) : IntegrationTest(app)
{
    [Fact]
    public async Task ListImportRejections_UnknownImport_Returns404Problem()
    {
        var bureau = await App.CreateClientAsAsync("bureau");
        var problem = await (await bureau.GetAsync("/api/imports/999999/rejections")).ShouldBeProblemAsync(System.Net.HttpStatusCode.NotFound);
        problem.GetProperty("detail").GetString()!.ShouldContain("不存在");
    }
}
