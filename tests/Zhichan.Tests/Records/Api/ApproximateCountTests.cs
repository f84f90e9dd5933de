using System.Text.Json;
using Zhichan.Tests.Infrastructure;

namespace Zhichan.Tests.Records.Api;

/// <summary>Searches with more hits than the exact threshold (here 500) get an estimated total and sampled facets.</summary>
public sealed class SmallExactThresholdFactory : ZhichanFactory
{
    protected override IDictionary<string, string> Settings => new Dictionary<string, string> { ["ZHICHAN_SEARCH_EXACT_UP_TO"] = "500" };
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
