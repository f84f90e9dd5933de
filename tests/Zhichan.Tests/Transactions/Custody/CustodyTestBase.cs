using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Zhichan.Api.Features.Records.Normalisation;
using Zhichan.Tests.Infrastructure;

namespace Zhichan.Tests.Transactions.Custody;

/// <summary>The app with the demo accounts only (custody needs no other module's seeds); the custody check runs on demand.</summary>
public class CustodyFactory : ZhichanFactory
{
    protected override IDictionary<string, string> Settings => new Dictionary<string, string> { ["ZHICHAN_CUSTODY_CHECK_MINUTES"] = "0" };

    protected override void ConfigureWebHost(Microsoft.AspNetCore.Hosting.IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        Microsoft.AspNetCore.TestHost.WebHostBuilderExtensions.ConfigureTestServices(builder, services =>
        {
            foreach (var d in services.Where(d => d.ServiceType == typeof(Zhichan.Api.Platform.IStartupTask)
                         && d.ImplementationType != typeof(Zhichan.Api.Features.Admin.DemoAccounts)).ToList())
                services.Remove(d);
        });
    }
}

/// <summary>
/// Arranges custody tests: the enterprise hengrui's entity, the demo agency's register row, patent records with chosen dates
/// (numbers with their real check digit), and reads answers.
/// </summary>
public abstract class CustodyTest(CustodyFactory app) : IntegrationTest<CustodyFactory>(app)
{
    protected const string Hengrui = "江苏恒瑞医药股份有限公司";
    protected static DateOnly Today => Zhichan.Api.Platform.ChinaTime.Today(TimeProvider.System);
    protected long EntityId, AgencyId;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        EntityId = await App.ScalarAsync<long>("""
            INSERT INTO entities (match_key, name, kind, region_code, org_unit_id) SELECT 'hengrui-key', $1, 'enterprise', '320771', id FROM org_units WHERE name = $1 RETURNING id
            """, Hengrui);
        AgencyId = await App.ScalarAsync<long>("""
            INSERT INTO agencies (org_unit_id, name, kinds, is_example, note) SELECT id, name, '{agency}', true, '示例' FROM org_units WHERE name = '示例知识产权代理事务所' RETURNING id
            """);
    }

    /// <summary>A canonical application number: year, type digit (1 invention, 2 utility, 3 design), serial, with its check digit.</summary>
    protected static string AppNo(int year, char type, int serial)
    {
        var d = $"{year}{type}{serial:D7}";
        return $"{d}.{ApplicationNumber.ComputeCheckDigit(d)}";
    }

    protected Task<long> RecordAsync(string number, string type, DateOnly filed, DateOnly? granted, string holder = Hengrui, string? status = null) =>
        App.ScalarAsync<long>("""
            INSERT INTO records (record_key, right_type, application_number, application_date, grant_date, title, first_applicant, applicants, status)
            VALUES ($1, $2, $1, $3, $4, '测试专利 ' || $1, $5, ARRAY[$5], $6) RETURNING id
            """, number, type, filed, (object?)granted ?? DBNull.Value, holder, status ?? (granted is null ? "pending" : "in_force"));

    protected static async Task<JsonElement> ReadAsync(HttpResponseMessage res, HttpStatusCode expect)
    {
        var text = await res.Content.ReadAsStringAsync();
        res.StatusCode.ShouldBe(expect, text);
        return text.Length == 0 ? default : JsonDocument.Parse(text).RootElement;
    }

    /// <summary>hengrui proposes a contract to the demo agency over the given patents; returns its id.</summary>
    protected async Task<long> ProposeAsync(HttpClient hengrui, DateOnly start, DateOnly end, params string[] patents)
    {
        var res = await hengrui.PostAsJsonAsync("/api/transactions/custody/contracts", new
        {
            agencyId = AgencyId, startDate = start, endDate = end, services = new[] { "annual_fee", "monitoring" }, fee = 3000m, note = "示例托管",
            rights = patents.Select(p => new { kind = "patent", number = p }),
        });
        return (await ReadAsync(res, HttpStatusCode.Created)).GetProperty("id").GetInt64();
    }

    protected static async Task<JsonElement> TransitionAsync(HttpClient client, long id, string action, string? note, HttpStatusCode expect) =>
        await ReadAsync(await client.PostAsJsonAsync($"/api/transactions/custody/contracts/{id}/transitions", new { action, note }), expect);
}
