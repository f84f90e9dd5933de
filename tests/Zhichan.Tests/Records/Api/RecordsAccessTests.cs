using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Zhichan.Tests.Infrastructure;

namespace Zhichan.Tests.Records.Api;

/// <summary>Who may search, read and import; imports are audited.</summary>
public class RecordsAccessTests(ZhichanFactory app) : IntegrationTest(app)
{
    private static HttpRequestMessage Request(string method, string path)
    {
        var req = new HttpRequestMessage(new HttpMethod(method), path);
        if (path == "/api/imports" && method == "POST" || path == "/api/imports/preview")
        {
            var form = new MultipartFormDataContent();
            form.Add(new ByteArrayContent(Cn2017.Utf8Csv(Cn2017.First(3))), "file", "x.csv");
            req.Content = form;
        }
        else if (method == "POST") req.Content = JsonContent.Create(new { name = "m", mapping = new Dictionary<string, string> { ["applicationNumber"] = "application_no" } });
        return req;
    }

    public static TheoryData<string, string> ImportEndpoints => new()
    {
        { "POST", "/api/imports" },            // CreateImport
        { "GET", "/api/imports" },             // ListImports
        { "GET", "/api/imports/1" },           // GetImport
        { "GET", "/api/imports/1/rejections" },
        { "POST", "/api/imports/1/retry" },     // RetryImport
        { "POST", "/api/imports/preview" },
        { "GET", "/api/import-mappings" },
        { "POST", "/api/import-mappings" },
    };

    [Theory]
    [MemberData(nameof(ImportEndpoints))]
    public async Task ImportEndpoint_Anonymous_Returns401(string method, string path)
    {
        var res = await App.CreateAnonymousClient().SendAsync(Request(method, path));
        await res.ShouldBeProblemAsync(HttpStatusCode.Unauthorized);
    }

    [Theory]
    [MemberData(nameof(ImportEndpoints))]
    public async Task ImportEndpoint_EnterpriseDistrictOrDepartment_Returns403(string method, string path)
    {
        foreach (var user in new[] { "hengrui", "lianyun", "police" })
        {
            var client = await App.CreateClientAsAsync(user);
            var res = await client.SendAsync(Request(method, path));
            await res.ShouldBeProblemAsync(HttpStatusCode.Forbidden);
        }
        (await App.ScalarAsync<long>("SELECT count(*) FROM imports")).ShouldBe(0);
        (await App.ScalarAsync<long>("SELECT count(*) FROM import_mappings")).ShouldBe(0);
    }

    [Fact]
    public async Task SearchAndGetRecord_Anonymous_AreAllowed()
    {
        var admin = await App.CreateClientAsAsync("admin");
        (await RecordsApi.ImportAsync(admin, Cn2017.Utf8Csv(Cn2017.First(20)), "head.csv")).Str("status").ShouldBe("succeeded");
        var anonymous = App.CreateAnonymousClient();
        var r = await RecordsApi.SearchAsync(anonymous, "q=" + RecordsApi.Q("机器人"));
        r.Long("total").ShouldBeGreaterThan(0);
        var rec = await RecordsApi.GetRecordAsync(anonymous, r.GetProperty("items")[0].Long("id"));
        rec.Str("title")!.ShouldContain("机器人");
        (await anonymous.GetAsync("/api/records/stats")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await anonymous.GetAsync("/api/regions?parent=320000")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task CreateImport_Staff_WritesAuditRowAndIsListed()
    {
        var bureau = await App.CreateClientAsAsync("bureau");
        var imp = await RecordsApi.ImportAsync(bureau, Cn2017.Utf8Csv(Cn2017.First(20)), "audited.csv");
        var id = imp.Long("id").ToString();
        (await App.ScalarAsync<long>("SELECT count(*) FROM audit_log WHERE entity = 'imports' AND action = 'create' AND entity_id = $1 AND actor_name = 'bureau'", id)).ShouldBe(1);
        (await App.ScalarAsync<string>("SELECT after->>'fileName' FROM audit_log WHERE entity = 'imports' AND action = 'create' AND entity_id = $1", id)).ShouldBe("audited.csv");
        (await App.ScalarAsync<long>("SELECT count(*) FROM audit_log WHERE entity = 'imports' AND action = 'import' AND entity_id = $1", id)).ShouldBe(1);
        imp.Str("createdBy").ShouldBe("bureau");
        var list = await bureau.GetFromJsonAsync<JsonElement[]>("/api/imports");
        list!.ShouldContain(i => i.Long("id") == imp.Long("id") && i.Str("fileName") == "audited.csv" && i.Str("status") == "succeeded");
    }

    [Fact]
    public async Task GetImport_Unknown_Returns404Problem()
    {
        var bureau = await App.CreateClientAsAsync("bureau");
        var problem = await (await bureau.GetAsync("/api/imports/987654")).ShouldBeProblemAsync(HttpStatusCode.NotFound);
        ImportCsvTests.ShouldBeChinese(problem.Str("detail"));
    }
}

/// <summary>The app with a public rate of 5 requests a minute for anonymous callers.</summary>
public sealed class RateLimitedFactory : ZhichanFactory
{
    protected override IDictionary<string, string> Settings => new Dictionary<string, string> { ["ZHICHAN_PUBLIC_RATE"] = "5" };
}

public class RecordsRateLimitTests(RateLimitedFactory app) : IntegrationTest<RateLimitedFactory>(app)
{
    [Fact]
    public async Task SearchRecords_AnonymousOverPublicRate_Returns429WhileSignedInIsNotLimited()
    {
        var anonymous = App.CreateAnonymousClient();
        for (var i = 0; i < 5; i++) (await anonymous.GetAsync("/api/records?q=" + RecordsApi.Q("芯片"))).StatusCode.ShouldBe(HttpStatusCode.OK, $"request {i + 1}");
        var problem = await (await anonymous.GetAsync("/api/records?q=" + RecordsApi.Q("芯片"))).ShouldBeProblemAsync(HttpStatusCode.TooManyRequests);
        ImportCsvTests.ShouldBeChinese(problem.Str("detail"));
        await (await anonymous.GetAsync("/api/records/1")).ShouldBeProblemAsync(HttpStatusCode.TooManyRequests);

        var bureau = await App.CreateClientAsAsync("bureau");
        for (var i = 0; i < 12; i++) (await bureau.GetAsync("/api/records?q=" + RecordsApi.Q("芯片"))).StatusCode.ShouldBe(HttpStatusCode.OK, $"signed-in request {i + 1}");
    }
}
