using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Zhichan.Tests.Infrastructure;
using Zhichan.Tests.Registries.Experts;

namespace Zhichan.Tests.Transactions.Pledges;

/// <summary>
/// The arrangement of the pledge tests: real 2017 patents of 江苏恒瑞医药股份有限公司 as records, the entity of the hengrui account, an
/// example entity in 海州区, the demo agency in the agencies register and a second (example) bank unit.
/// </summary>
public abstract class PledgesTestBase(ZhichanFactory app) : IntegrationTest(app)
{
    /// <summary>Real applications of 江苏恒瑞医药股份有限公司 in the CNIPA 2017 file (application number, publication number, title).</summary>
    public static readonly (string App, string Pub, string Title)[] Patents =
    [
        ("201611175526.9", "CN106902086A", "一种包含奈妥匹坦的固体组合物"),
        ("201610551755.X", "CN106187901B", "一种右美托咪定及其中间体的制备方法"),
        ("201480001855.4", "CN104470921B", "吡啶并嘧啶类衍生物、其制备方法及其在医药上的应用"),
    ];

    protected const string Hengrui = "江苏恒瑞医药股份有限公司", HaizhouCo = "连云港某某精细化工有限公司（示例）";
    protected static DateOnly Today => DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8));

    protected long HengruiEntity, HaizhouEntity, Bank, OtherBank, AgencyId;
    protected readonly Dictionary<string, long> RecordIds = [];

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await App.Services.GetServices<Zhichan.Api.Platform.IStartupTask>().OfType<Zhichan.Api.Features.Indicators.IndicatorCatalogueLoader>().Single()
            .RunAsync(CancellationToken.None);
        foreach (var (app, pub, title) in Patents)
            RecordIds[app] = await App.ScalarAsync<long>("""
                INSERT INTO records (record_key, right_type, application_number, publication_number, title, applicants)
                VALUES ('CN:P:' || $1, 'patent_invention', $1, $2, $3, ARRAY['江苏恒瑞医药股份有限公司']) RETURNING id
                """, app, pub, title);
        HengruiEntity = await App.ScalarAsync<long>("""
            INSERT INTO entities (match_key, name, kind, region_code, org_unit_id)
            VALUES ($1, $1, 'enterprise', '320771', (SELECT id FROM org_units WHERE name = $1)) RETURNING id
            """, Hengrui);
        HaizhouEntity = await App.ScalarAsync<long>("INSERT INTO entities (match_key, name, kind, region_code) VALUES ($1, $1, 'enterprise', '320706') RETURNING id", HaizhouCo);
        Bank = await App.ScalarAsync<long>("SELECT id FROM org_units WHERE kind = 'bank' AND name = '示例银行连云港分行（演示）'");
        OtherBank = await App.ScalarAsync<long>("INSERT INTO org_units (name, kind, region_code) VALUES ('另一示例银行（演示）', 'bank', '320700') RETURNING id");
        AgencyId = await App.ScalarAsync<long>("""
            INSERT INTO agencies (org_unit_id, name, kinds, region_code, is_example)
            VALUES ((SELECT id FROM org_units WHERE name = '示例知识产权代理事务所'), '示例知识产权代理事务所', ARRAY['valuation'], '320706', true) RETURNING id
            """);
    }

    protected static object PledgeBody(long bank, decimal amount, params string[] numbers) => new
    {
        bankUnitId = bank, amount, termFrom = Today.AddDays(-30), termTo = Today.AddYears(1),
        rights = numbers.Select(n => new { kind = "patent", number = n }).ToArray(),
    };

    protected static async Task<long> ApplyAsync(HttpClient client, object body) =>
        (await client.PostAsJsonAsync("/api/transactions/pledges", body).JsonAsync(HttpStatusCode.Created)).GetProperty("pledge").GetProperty("id").GetInt64();

    protected static Task<JsonElement> StepAsync(HttpClient bank, long id, object body, HttpStatusCode expect = HttpStatusCode.OK) =>
        bank.PostAsJsonAsync($"/api/transactions/pledges/{id}/transitions", body).JsonAsync(expect);

    /// <summary>A pledge of hengrui's entity (or another, recorded by the bureau) brought to the given state by the bank.</summary>
    protected async Task<long> PledgeInStateAsync(HttpClient bureau, HttpClient bank, long entity, string state, decimal amount, decimal outstanding = 0,
        decimal recovered = 0, string? number = null)
    {
        var body = new
        {
            entityId = entity, bankUnitId = Bank, amount, termFrom = Today.AddDays(-30), termTo = Today.AddYears(1),
            rights = new[] { new { kind = "patent", number = number ?? Patents[0].App } },
        };
        var id = await ApplyAsync(bureau, body);
        if (state == "applied") return id;
        await StepAsync(bank, id, new { action = "register", registrationNumber = $"Y{id:0000}", date = Today });
        if (state == "effective") return id;
        await StepAsync(bank, id, new { action = "default", outstandingPrincipal = outstanding });
        if (state == "defaulted") return id;
        await StepAsync(bank, id, new { action = "dispose", recoveredAmount = recovered });
        return id;
    }
}
