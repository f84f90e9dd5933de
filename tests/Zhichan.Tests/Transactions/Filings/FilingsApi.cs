using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Zhichan.Tests.Infrastructure;
using Zhichan.Tests.Records.Api;

namespace Zhichan.Tests.Transactions.Filings;

/// <summary>
/// Helpers of the filing tests: real 2017 CNIPA rows of 江苏恒瑞医药股份有限公司 (the demo enterprise) and of 上海恒瑞医药有限公司
/// imported as records, and filing forms naming them.
/// </summary>
public abstract class FilingsTest(ZhichanFactory app) : IntegrationTest(app)
{
    /// <summary>Rows of patents/cn-invention-2017.csv.gz: 201611175526.9 and 201610551755.X (恒瑞, inventions filed 2016), 201480001855.4 (上海恒瑞 with 江苏恒瑞).</summary>
    private static readonly Lazy<List<string[]>> HengruiRows = new(() => Cn2017.At(92424, 191496, 180343));
    public const string PatentA = "201611175526.9", PatentB = "201610551755.X", PatentShanghai = "201480001855.4";

    protected async Task ImportHengruiAsync()
    {
        var bureau = await App.CreateClientAsAsync("bureau");
        var imp = await RecordsApi.ImportAsync(bureau, Cn2017.Utf8Csv(HengruiRows.Value), "hengrui-2017.csv");
        imp.Str("status").ShouldBe("succeeded", imp.ToString());
    }

    protected Task<long> EntityIdAsync(string name) => App.ScalarAsync<long>("SELECT id FROM entities WHERE name = $1 AND merged_into IS NULL", name);

    protected static DateOnly Today => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai")).DateTime);

    /// <summary>A licence of 恒瑞 (own unit, licensor) to 上海恒瑞 (entity) for PatentA, royalty-based, effective ten days ago.</summary>
    protected async Task<object> LicenceFormAsync(string? number = null, DateOnly? effective = null, DateOnly? termTo = null, string? region = null) => new
    {
        kind = "licence",
        parties = new object[] { new { role = "licensor", ownUnit = true }, new { role = "licensee", entityId = await EntityIdAsync("上海恒瑞医药有限公司") } },
        rights = new[] { new { kind = "patent", number = number ?? "CN" + PatentA } },
        licenceType = "ordinary", territory = "中国大陆", termFrom = (effective ?? Today.AddDays(-10)).ToString("yyyy-MM-dd"),
        termTo = (termTo ?? Today.AddYears(3)).ToString("yyyy-MM-dd"), feeBasis = "both", amount = 500000m, royaltyRate = 3.5m,
        contractDate = (effective ?? Today.AddDays(-10)).AddDays(-5).ToString("yyyy-MM-dd"), effectiveDate = (effective ?? Today.AddDays(-10)).ToString("yyyy-MM-dd"),
        regionCode = region,
    };

    protected static async Task<JsonElement> ReadAsync(HttpResponseMessage res, HttpStatusCode status)
    {
        var text = await res.Content.ReadAsStringAsync();
        res.StatusCode.ShouldBe(status, text);
        return text.Length == 0 ? default : JsonDocument.Parse(text).RootElement;
    }

    protected static async Task<long> CreateAsync(HttpClient client, object form) =>
        (await ReadAsync(await client.PostAsJsonAsync("/api/transactions/filings", form), HttpStatusCode.Created)).GetProperty("filing").GetProperty("id").GetInt64();

    protected static async Task<JsonElement> ActAsync(HttpClient client, long id, string action, object? body = null, HttpStatusCode status = HttpStatusCode.OK) =>
        await ReadAsync(await client.PostAsJsonAsync($"/api/transactions/filings/{id}/{action}", body ?? new { }), status);

    protected static async Task<JsonElement> GetAsync(HttpClient client, long id) =>
        await ReadAsync(await client.GetAsync($"/api/transactions/filings/{id}"), HttpStatusCode.OK);

    /// <summary>Creates, submits, accepts and approves a filing; returns its id.</summary>
    protected static async Task<long> ApprovedAsync(HttpClient filer, HttpClient bureau, object form)
    {
        var id = await CreateAsync(filer, form);
        await ActAsync(filer, id, "submit");
        await ActAsync(bureau, id, "accept");
        await ActAsync(bureau, id, "decision", new { approve = true });
        return id;
    }

    /// <summary>A second enterprise with its own account (another unit than 恒瑞).</summary>
    protected async Task<HttpClient> OtherEnterpriseAsync()
    {
        var admin = await App.CreateClientAsAsync("admin");
        var unit = await ReadAsync(await admin.PostAsJsonAsync("/api/admin/org-units", new { name = "连云港测试企业（测试）", kind = "enterprise", regionCode = "320706" }), HttpStatusCode.Created);
        await ReadAsync(await admin.PostAsJsonAsync("/api/admin/users", new
        {
            username = "other_ent", displayName = "测试企业专员", role = "enterprise", orgUnitId = unit.GetProperty("id").GetInt64(), password = ZhichanFactory.Password,
        }), HttpStatusCode.Created);
        return await App.CreateClientAsAsync("other_ent");
    }
}
