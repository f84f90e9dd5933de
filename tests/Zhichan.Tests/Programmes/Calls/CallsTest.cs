using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Zhichan.Api.Features.Programmes;
using Zhichan.Api.Platform;
using Zhichan.Tests.Infrastructure;
using Zhichan.Tests.Records.Api;
using Zhichan.Tests.Registries.Entities;

namespace Zhichan.Tests.Programmes.Calls;

/// <summary>
/// Helpers of the CALLS tests: the seeded programme types (reloaded after each reset), the real 2017 CNIPA rows whose first
/// applicant is 江苏恒瑞医药股份有限公司 (the demo enterprise) imported and resolved to its entity, calls and applications through HTTP.
/// </summary>
public abstract class CallsTest(ZhichanFactory app) : IntegrationTest(app)
{
    public const string Hengrui = "江苏恒瑞医药股份有限公司";

    /// <summary>Every row of patents/cn-invention-2017.csv.gz whose applicant is 江苏恒瑞医药股份有限公司 (10 rows: A publications and B grants).</summary>
    private static readonly Lazy<List<string[]>> HengruiRows = new(() => Cn2017.At(68728, 92424, 130714, 169815, 174369, 191496, 198468, 206473, 207611, 207707));

    /// <summary>A granted invention of 恒瑞 (CN106187901B) and one only published (CN106902086A, pending).</summary>
    public const string GrantedPatent = "201610551755.X", PendingPatent = "201611175526.9";

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync(); // empties every table, the programme types too: load them again
        foreach (var t in App.Services.GetServices<IStartupTask>().OfType<ProgrammeTypeSeeds>()) await t.RunAsync(CancellationToken.None);
    }

    protected async Task ImportHengruiAsync()
    {
        var rows = HengruiRows.Value;
        rows.ShouldAllBe(r => r[Cn2017.Col("applicant")] == Hengrui);
        var bureau = await App.CreateClientAsAsync("bureau");
        var imp = await RecordsApi.ImportAsync(bureau, Cn2017.Utf8Csv(rows), "hengrui-2017.csv");
        imp.Str("status").ShouldBe("succeeded", imp.ToString());
        await EntitiesTest.ResolveAsync(bureau);
    }

    protected Task<long> TypeIdAsync(string code) => App.ScalarAsync<long>("SELECT id FROM programme_types WHERE code = $1", code);

    protected static DateOnly Today => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai")).DateTime);

    protected static string D(DateOnly d) => d.ToString("yyyy-MM-dd");

    /// <summary>A call of the type whose 申报 window runs from <paramref name="from"/> to <paramref name="to"/> days from today, later stages after it.</summary>
    protected static object CallBody(long typeId, int from = -5, int to = 30, string title = "2026 年度批次（测试）") => new
    {
        typeId, year = Today.Year, title, regionCode = "320700", budget = 1000000m,
        applyFrom = D(Today.AddDays(from)), applyTo = D(Today.AddDays(to)), checkTo = D(Today.AddDays(to + 10)), reviewFrom = D(Today.AddDays(to + 11)),
        reviewTo = D(Today.AddDays(to + 20)), publicityFrom = D(Today.AddDays(to + 21)), publicityTo = D(Today.AddDays(to + 30)), decideBy = D(Today.AddDays(to + 40)),
    };

    /// <summary>Creates and opens a call of the programme type as the bureau; returns its id.</summary>
    protected async Task<long> OpenCallAsync(HttpClient bureau, string code, int from = -5, int to = 30)
    {
        var call = await Json(await bureau.PostAsJsonAsync("/api/programmes/calls", CallBody(await TypeIdAsync(code), from, to)), HttpStatusCode.Created);
        var id = call.GetProperty("id").GetInt64();
        await Json(await bureau.PostAsync($"/api/programmes/calls/{id}/open", null), HttpStatusCode.OK);
        return id;
    }

    protected static async Task<JsonElement> CreateDraftAsync(HttpClient applicant, long callId) =>
        await Json(await applicant.PostAsJsonAsync("/api/programmes/applications", new { callId }), HttpStatusCode.Created);

    protected static async Task UploadAsync(HttpClient applicant, long appId, string kind)
    {
        var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(Encoding.ASCII.GetBytes("%PDF-1.4\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n"));
        file.Headers.ContentType = new MediaTypeHeaderValue("application/pdf");
        form.Add(file, "file", $"{kind}.pdf");
        form.Add(new StringContent(kind), "kind");
        await Json(await applicant.PostAsync($"/api/programmes/applications/{appId}/files", form), HttpStatusCode.Created);
    }

    /// <summary>The 示范企业 form of 恒瑞 naming <paramref name="patents"/> as its core patents (real numbers of its records).</summary>
    protected static object DemoForm(params string[] patents) => new
    {
        form = new Dictionary<string, object>
        {
            ["industry"] = "新医药", ["employees"] = 1200, ["rdStaff"] = 300, ["ipDepartment"] = "设知识产权部，专职 5 人", ["ipFunds"] = 2000000,
            ["keyPatents"] = patents, ["achievements"] = "核心专利均已实施", ["contactName"] = "王小明", ["contactPhone"] = "13912345678",
        },
        declarations = new[] { "truthful", "no_violation" },
    };

    /// <summary>A district account of 连云港经济技术开发区 (320771), the region of 恒瑞 (the demo has none).</summary>
    protected async Task<HttpClient> KaifaquAsync()
    {
        var admin = await App.CreateClientAsAsync("admin");
        var unit = await App.ScalarAsync<long>("SELECT id FROM org_units WHERE name = '连云港经济技术开发区'");
        await Json(await admin.PostAsJsonAsync("/api/admin/users", new
        {
            username = "kaifaqu", displayName = "开发区联络员", role = "district", orgUnitId = unit, password = ZhichanFactory.Password,
        }), HttpStatusCode.Created);
        return await App.CreateClientAsAsync("kaifaqu");
    }

    public static async Task<JsonElement> Json(HttpResponseMessage res, HttpStatusCode expect)
    {
        var text = await res.Content.ReadAsStringAsync();
        res.StatusCode.ShouldBe(expect, text);
        return text.Length == 0 ? default : JsonDocument.Parse(text).RootElement;
    }
}
