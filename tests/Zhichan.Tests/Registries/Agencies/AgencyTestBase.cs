using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Zhichan.Api.Platform.Security;
using Zhichan.Tests.Infrastructure;

namespace Zhichan.Tests.Registries.Agencies;

/// <summary>The app with the demo accounts, the reference data (regions) and the indicator catalogue loaded at start; other modules' seeds are not needed here.</summary>
public class AgencyFactory : ZhichanFactory
{
    protected override void ConfigureWebHost(Microsoft.AspNetCore.Hosting.IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        Microsoft.AspNetCore.TestHost.WebHostBuilderExtensions.ConfigureTestServices(builder, services =>
        {
            foreach (var d in services.Where(d => d.ServiceType == typeof(Zhichan.Api.Platform.IStartupTask)
                         && d.ImplementationType != typeof(Zhichan.Api.Features.Admin.DemoAccounts)
                         && d.ImplementationType != typeof(Zhichan.Api.Features.Records.ReferenceDataLoader)
                         && d.ImplementationType != typeof(Zhichan.Api.Features.Indicators.IndicatorCatalogueLoader)).ToList())
                services.Remove(d);
        });
    }
}

/// <summary>Helpers of the agency tests: valid test credit codes, registering agencies, reading answers.</summary>
public abstract class AgencyTest(AgencyFactory app) : IntegrationTest<AgencyFactory>(app)
{
    protected static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    protected static DateOnly Today => Zhichan.Api.Platform.ChinaTime.Today(TimeProvider.System);

    /// <summary>A code that passes the GB 32100 check (made up for tests: 91 + 320706 + MA + 7 digits + check character).</summary>
    protected static string Code(int n)
    {
        var first = $"91320706MA{n:D7}";
        return first + CreditCodes.CheckCharacter(first);
    }

    protected static async Task<JsonElement> ReadAsync(HttpResponseMessage res, HttpStatusCode expect)
    {
        var text = await res.Content.ReadAsStringAsync();
        res.StatusCode.ShouldBe(expect, text);
        return text.Length == 0 ? default : JsonDocument.Parse(text).RootElement;
    }

    protected static object Fields(string name, string? code = null, string region = "320706", string[]? kinds = null, string? contactName = "王小明",
        string? contactPhone = "13912345678", int staff = 12, int agents = 4, DateOnly? registeredOn = null) => new
    {
        name, creditCode = code, licenceNumber = "32201", kinds = kinds ?? ["agency", "operation"], staffCount = staff, agentCount = agents, regionCode = region,
        services = "专利申请代理、专利运营", address = "连云港市海州区某路1号", businessPhone = "0518-85550000", businessEmail = "office@example.com",
        contactName, contactPhone, contactEmail = "wang@example.com", registeredOn,
    };

    protected async Task<long> CreateAsync(HttpClient staff, string name, string? code = null, long? orgUnitId = null, string region = "320706",
        string status = "active", DateOnly? cancelledOn = null, DateOnly? registeredOn = null)
    {
        var res = await staff.PostAsJsonAsync("/api/registries/agencies", new { fields = Fields(name, code, region, registeredOn: registeredOn), orgUnitId, status, cancelledOn });
        return (await ReadAsync(res, HttpStatusCode.Created)).GetProperty("id").GetInt64();
    }

    protected async Task<long> UnitIdAsync(string name) => await App.ScalarAsync<long>("SELECT id FROM org_units WHERE name = $1", name);

    /// <summary>The demo agency account's unit linked to a new agency row.</summary>
    protected async Task<long> CreateOwnAgencyAsync(HttpClient staff, string name = "连云港测试专利代理事务所") =>
        await CreateAsync(staff, name, Code(1), await UnitIdAsync("示例知识产权代理事务所"));
}
