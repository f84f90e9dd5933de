using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Zhichan.Api.Features.Indicators;
using Zhichan.Api.Platform;
using Zhichan.Api.Platform.Security;
using Zhichan.Tests.Infrastructure;
using Zhichan.Tests.Records.Api;

namespace Zhichan.Tests.Registries.Entities;

/// <summary>Helpers of the entity tests: records of named applicants (real 2017 rows with their applicant replaced), resolution, calls.</summary>
public abstract class EntitiesTest(ZhichanFactory app) : IntegrationTest(app)
{
    protected const string Hengrui = "江苏恒瑞医药股份有限公司";
    protected const string HengruiTypo = "江苏恒瑞医药有限公司";
    protected const string Other = "连云港某某精细化工有限公司（示例）";

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync(); // empties every table, the indicator catalogue too: load it again
        foreach (var t in App.Services.GetServices<IStartupTask>().OfType<IndicatorCatalogueLoader>()) await t.RunAsync(CancellationToken.None);
    }

    /// <summary>A CSV of real 2017 rows (from <paramref name="first"/>) whose applicant and address are replaced: (applicant, address) per row.</summary>
    protected static byte[] Csv(int first, IReadOnlyList<(string Applicant, string Address)> parties, string titleSuffix = "")
    {
        var rows = Cn2017.First(first + parties.Count).Skip(first).Select((r, i) =>
        {
            var row = (string[])r.Clone();
            row[Cn2017.Col("applicant")] = parties[i].Applicant;
            row[Cn2017.Col("applicant_address")] = parties[i].Address;
            row[Cn2017.Col("title")] += titleSuffix;
            return (IReadOnlyList<string>)row;
        });
        return Cn2017.Utf8Csv(rows);
    }

    protected const string LianyungangKfq = "江苏省连云港市经济技术开发区昆仑山路7号";
    protected const string Haizhou = "江苏省连云港市海州区朝阳东路1号";

    /// <summary>Imports the CSV as the bureau and resolves its applicants (the job after imports, queued by hand to wait for it).</summary>
    protected async Task ImportAndResolveAsync(HttpClient bureau, byte[] csv, string name)
    {
        var imp = await RecordsApi.ImportAsync(bureau, csv, name);
        imp.GetProperty("status").GetString().ShouldBe("succeeded", imp.ToString());
        await ResolveAsync(bureau);
    }

    public static async Task ResolveAsync(HttpClient bureau, bool full = false)
    {
        var res = await bureau.PostAsJsonAsync("/api/registries/entity-resolution", new { full });
        res.StatusCode.ShouldBe(HttpStatusCode.Accepted, await res.Content.ReadAsStringAsync());
        var job = (await res.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("jobId").GetInt64();
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            var s = await Json(await bureau.GetAsync("/api/registries/entity-resolution"), HttpStatusCode.OK);
            if (s.GetProperty("jobId").GetInt64() >= job && s.GetProperty("jobStatus").GetString() is "succeeded" or "failed")
            {
                s.GetProperty("jobStatus").GetString().ShouldBe("succeeded", s.ToString());
                if (s.GetProperty("pendingImports").GetInt32() == 0) return;
                // an import finished since: resolve again
                res = await bureau.PostAsJsonAsync("/api/registries/entity-resolution", new { full });
                job = (await res.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("jobId").GetInt64();
            }
            if (DateTime.UtcNow > deadline) throw new TimeoutException(s.ToString());
            await Task.Delay(100);
        }
    }

    public static async Task<JsonElement> Json(HttpResponseMessage res, HttpStatusCode expect)
    {
        var text = await res.Content.ReadAsStringAsync();
        res.StatusCode.ShouldBe(expect, text);
        return text.Length == 0 ? default : JsonDocument.Parse(text).RootElement;
    }

    protected static async Task<JsonElement> FindAsync(HttpClient client, string q, string scope = "all")
    {
        var page = await Json(await client.GetAsync($"/api/registries/entities?scope={scope}&q={Uri.EscapeDataString(q)}"), HttpStatusCode.OK);
        return page.GetProperty("items").EnumerateArray().Single(i => i.GetProperty("name").GetString() == q);
    }

    protected static Task<JsonElement> GetAsync(HttpClient client, long id) => client.GetAsync($"/api/registries/entities/{id}").ContinueWith(t => Json(t.Result, HttpStatusCode.OK)).Unwrap();

    protected static async Task<List<JsonElement>> RecordsOfAsync(HttpClient client, long id) =>
        (await Json(await client.GetAsync($"/api/registries/entities/{id}/records?pageSize=200"), HttpStatusCode.OK)).GetProperty("items").EnumerateArray().ToList();

    /// <summary>A credit code that passes GB 32100 (a made-up organisation code in 320706, for tests only).</summary>
    protected static string ValidCode(string body = "91320706MA1TEST0X")
    {
        var first = body.Replace('O', '0').Replace('I', '1').Replace('S', '5')[..17];
        return first + CreditCodes.CheckCharacter(first);
    }
}
