using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Zhichan.Tests.Infrastructure;

namespace Zhichan.Tests.Transactions.Market;

/// <summary>The app with the demo accounts and the reference data (regions, industries); other modules' seeds are not needed.</summary>
public class MarketFactory : ZhichanFactory
{
    protected override void ConfigureWebHost(Microsoft.AspNetCore.Hosting.IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        Microsoft.AspNetCore.TestHost.WebHostBuilderExtensions.ConfigureTestServices(builder, services =>
        {
            foreach (var d in services.Where(d => d.ServiceType == typeof(Zhichan.Api.Platform.IStartupTask)
                         && d.ImplementationType != typeof(Zhichan.Api.Features.Admin.DemoAccounts)
                         && d.ImplementationType != typeof(Zhichan.Api.Features.Records.ReferenceDataLoader)).ToList())
                services.Remove(d);
        });
    }
}

/// <summary>
/// Helpers of the market tests. The offers name a real patent of 江苏恒瑞医药 from the 2017 CNIPA file (CN201611175526.9,
/// 一种包含奈妥匹坦的固体组合物, IPC A61K9/20;A61K31/496;A61K47/38;A61P1/08), inserted as its record with the industry the
/// attribution gives A61K (2720 化学药品制剂制造); the listings themselves are test data.
/// </summary>
public abstract class MarketTest(MarketFactory app) : IntegrationTest<MarketFactory>(app)
{
    protected const string Api = "/api/transactions/market";
    protected const string PatentNumber = "201611175526.9";

    protected static async Task<JsonElement> ReadAsync(HttpResponseMessage res, HttpStatusCode expect)
    {
        var text = await res.Content.ReadAsStringAsync();
        res.StatusCode.ShouldBe(expect, text);
        return text.Length == 0 ? default : JsonDocument.Parse(text).RootElement;
    }

    protected Task<long> InsertPatentAsync() => App.ScalarAsync<long>("""
        INSERT INTO records (record_key, right_type, application_number, application_date, title, first_applicant, applicants, ipc_main, ipc, ipc_classes,
                             industries, industry_codes, province_code, city_code, county_code, status)
        VALUES ('CN201611175526.9', 'patent_invention', $1, '2016-12-19', '一种包含奈妥匹坦的固体组合物', '江苏恒瑞医药股份有限公司', ARRAY['江苏恒瑞医药股份有限公司'],
                'A61K 9/20', ARRAY['A61K 9/20', 'A61K 31/496', 'A61K 47/38', 'A61P 1/08'], ARRAY['A', 'A61', 'A61K', 'A61P', 'A61K 9', 'A61K 31'],
                '[{"code": "2720", "weight": 1}]'::jsonb, ARRAY['2720', '27', 'C'], '320000', '320700', '320771', 'pending')
        RETURNING id
        """, PatentNumber);

    protected static object Need(string title = "寻求奈妥匹坦固体制剂技术许可", string description = "本企业计划开发含奈妥匹坦的口服固体制剂，寻求成熟的组合物及制备工艺技术，接受专利许可。",
        decimal? budget = 1_000_000m, int? maturity = 5, string[]? modes = null, string[]? ipc = null, string[]? industries = null, string? validUntil = null) => new
    {
        side = "need", title, description, tradeModes = modes ?? ["licence"], maturity, budget, ipc = ipc ?? ["A61K 9/20"], industries = industries ?? ["2720"],
        validUntil = validUntil ?? DateOnly.FromDateTime(DateTime.UtcNow.AddDays(90)).ToString("yyyy-MM-dd"),
        contactName = "张明", contactPhone = "13912345678", contactEmail = "zhang@example.com", ipForms = new[] { "patent" },
    };

    protected static object Offer(string title = "一种包含奈妥匹坦的固体组合物", string description = "含奈妥匹坦的固体组合物及其制备方法，溶出度好，适合口服固体制剂生产，可许可或转让。",
        decimal? price = 1_500_000m, int? maturity = 7, string[]? modes = null, object[]? rights = null, string[]? ipc = null) => new
    {
        side = "offer", title, description, tradeModes = modes ?? ["licence", "transfer"], maturity, price, ipc = ipc ?? Array.Empty<string>(),
        rights = rights ?? [new { kind = "patent", number = "CN" + PatentNumber }],
        contactName = "李华", contactPhone = "13800001111", contactEmail = "li@example.com", ipForms = new[] { "patent" },
    };

    protected async Task<long> CreateAsync(HttpClient c, object form) =>
        (await ReadAsync(await c.PostAsJsonAsync($"{Api}/listings", form), HttpStatusCode.Created)).GetProperty("listing").GetProperty("id").GetInt64();

    /// <summary>Creates, submits and approves a listing; returns its id.</summary>
    protected async Task<long> PublishAsync(HttpClient owner, HttpClient bureau, object form)
    {
        var id = await CreateAsync(owner, form);
        await ReadAsync(await owner.PostAsync($"{Api}/listings/{id}/submit", null), HttpStatusCode.OK);
        await ReadAsync(await bureau.PostAsJsonAsync($"{Api}/listings/{id}/review", new { decision = "approve" }), HttpStatusCode.OK);
        return id;
    }

    protected async Task<JsonElement> MatchesAsync(HttpClient c, long id) =>
        await ReadAsync(await c.GetAsync($"{Api}/listings/{id}/matches"), HttpStatusCode.OK);
}
