using Zhichan.Api.Platform.Calendar;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Zhichan.Api.Features.Protection;
using Zhichan.Api.Platform.Database;
using Zhichan.Tests.Infrastructure;

namespace Zhichan.Tests.Protection;

/// <summary>The app with the complaint rate limit lifted and the background sweep off (tests run it on demand).</summary>
public class ProtectionFactory : ZhichanFactory
{
    /// <summary>Only the demo accounts run at start: other modules' seed loaders are not needed here and keep these suites fast and independent.</summary>
    protected override void ConfigureWebHost(Microsoft.AspNetCore.Hosting.IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        Microsoft.AspNetCore.TestHost.WebHostBuilderExtensions.ConfigureTestServices(builder, services =>
        {
            foreach (var d in services.Where(d => d.ServiceType == typeof(Zhichan.Api.Platform.IStartupTask)
                         && !KeptStartupTasks.Contains(d.ImplementationType)).ToList())
                services.Remove(d);
        });
    }

    // the demo expert's example row in the pool: the investigator the cases appoint
    protected virtual IReadOnlyList<Type> KeptStartupTasks =>
        [typeof(Zhichan.Api.Features.Admin.DemoAccounts), typeof(Zhichan.Api.Features.Registries.Experts.ExpertDemoProfile)];

    protected override IDictionary<string, string> Settings => new Dictionary<string, string>
    {
        ["ZHICHAN_COMPLAINT_RATE"] = "100000", ["ZHICHAN_PROTECTION_SWEEP_MINUTES"] = "0",
    };
}

/// <summary>The protection app with the indicator catalogue loaded: for the indicators the case pipeline computes.</summary>
public sealed class ProtectionIndicatorsFactory : ProtectionFactory
{
    protected override IReadOnlyList<Type> KeptStartupTasks =>
        [typeof(Zhichan.Api.Features.Admin.DemoAccounts), typeof(Zhichan.Api.Features.Registries.Experts.ExpertDemoProfile), typeof(Zhichan.Api.Features.Indicators.IndicatorCatalogueLoader)];
}

/// <summary>The app with a complaint rate limit of 3 per window.</summary>
public sealed class RateLimitedFactory : ProtectionFactory
{
    protected override IDictionary<string, string> Settings => new Dictionary<string, string>
    {
        ["ZHICHAN_COMPLAINT_RATE"] = "3", ["ZHICHAN_PROTECTION_SWEEP_MINUTES"] = "0",
    };
}

public abstract class ProtectionTest(ProtectionFactory app) : ProtectionTest<ProtectionFactory>(app);

/// <summary>Helpers of the protection tests: complaints, registration, transitions, the deadline check.</summary>
public abstract class ProtectionTest<TFactory>(TFactory app) : IntegrationTest<TFactory>(app) where TFactory : ProtectionFactory
{
    protected static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    protected static object Complaint(string type = "trademark", string name = "张三", string phone = "13812345678", string respondent = "连云港某某商贸有限公司",
        string? right = null, string? region = "320703", string kind = "person", string? industry = null, string? platform = null) => new
    {
        type, complainantKind = kind, complainantName = name, complainantIdNumber = "320703199001011234", complainantPhone = phone,
        complainantEmail = "zhangsan@example.com", complainantAddress = "江苏省连云港市连云区中山路88号3栋502室", rightNumber = right,
        respondentName = respondent, respondentAddress = "连云港市海州区朝阳东路1号", respondentPlatform = platform,
        facts = "被投诉人在其门店销售假冒我方注册商标的商品，时间为2026年10月，地点为海州区某商场。", regionCode = region, industry,
    };

    protected async Task<JsonElement> SubmitAsync(HttpClient client, object body, HttpStatusCode expect = HttpStatusCode.Created)
    {
        var res = await client.PostAsJsonAsync("/api/protection/public/complaints", body);
        var text = await res.Content.ReadAsStringAsync();
        res.StatusCode.ShouldBe(expect, text);
        return JsonDocument.Parse(text).RootElement;
    }

    protected async Task<long> IdOfAsync(string receipt) => (await App.ScalarAsync<long>("SELECT id FROM complaints WHERE receipt_number = $1", receipt));

    protected async Task<long> RegisterAsync(HttpClient staff, DateOnly receivedOn, string type = "trademark", string region = "320703", string respondent = "连云港某某商贸有限公司", string phone = "13900001111")
    {
        var res = await staff.PostAsJsonAsync("/api/protection/cases", new
        {
            channel = "walk_in", receivedOn, type, complainantKind = "person", complainantName = "李小龙", complainantPhone = phone,
            respondentName = respondent, facts = "来访称被投诉人销售侵权商品，现场提交了购买凭证。", regionCode = region,
            rightNumber = type == "patent_dispute" ? "201410000511.3" : null,
        });
        var text = await res.Content.ReadAsStringAsync();
        res.StatusCode.ShouldBe(HttpStatusCode.Created, text);
        return await IdOfAsync(JsonDocument.Parse(text).RootElement.GetProperty("receiptNumber").GetString()!);
    }

    protected async Task<JsonElement> TransitionAsync(HttpClient client, long id, object body, HttpStatusCode expect = HttpStatusCode.OK)
    {
        var res = await client.PostAsJsonAsync($"/api/protection/cases/{id}/transitions", body);
        var text = await res.Content.ReadAsStringAsync();
        res.StatusCode.ShouldBe(expect, text);
        return JsonDocument.Parse(text).RootElement;
    }

    protected async Task<WorkCalendar> CalendarAsync()
    {
        using var scope = App.Services.CreateScope();
        return await WorkCalendarLoader.LoadAsync(scope.ServiceProvider.GetRequiredService<ZhichanDb>(), CancellationToken.None);
    }

    protected static DateOnly Today => Deadlines.Today(TimeProvider.System);

    /// <summary>Queues the deadline check through RunDeadlineCheck and waits for the job runner to finish it (it must succeed).</summary>
    protected async Task<long> RunChecksAsync(HttpClient staff)
    {
        var res = await staff.PostAsync("/api/protection/checks", null);
        var text = await res.Content.ReadAsStringAsync();
        res.StatusCode.ShouldBe(HttpStatusCode.Accepted, text);
        var jobId = JsonDocument.Parse(text).RootElement.GetProperty("jobId").GetInt64();
        var until = DateTime.UtcNow.AddSeconds(60);
        string? status;
        while ((status = await App.ScalarAsync<string>("SELECT status FROM jobs WHERE id = $1", jobId)) is "queued" or "running" && DateTime.UtcNow < until)
            await Task.Delay(100);
        status.ShouldBe("succeeded", await App.ScalarAsync<string>("SELECT message FROM jobs WHERE id = $1", jobId));
        return jobId;
    }

    protected async Task<long> UnitIdAsync(string name) => await App.ScalarAsync<long>("SELECT id FROM org_units WHERE name = $1", name);
}

/// <summary>A settable clock for protection's "today" (see <see cref="ProtectionClock"/>): tests cross weekends and holidays.</summary>
public sealed class TestClock : TimeProvider
{
    public DateTimeOffset Now { get; set; } = DateTimeOffset.UtcNow;
    public override DateTimeOffset GetUtcNow() => Now;

    /// <summary>10:00 China time on the given day.</summary>
    public void SetDay(DateOnly day) => Now = new DateTimeOffset(day.Year, day.Month, day.Day, 10, 0, 0, TimeSpan.FromHours(8));
}

/// <summary>The protection app with protection's clock under the test's control.</summary>
public sealed class ClockedProtectionFactory : ProtectionFactory
{
    public TestClock Clock { get; } = new();

    protected override void ConfigureWebHost(Microsoft.AspNetCore.Hosting.IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        Microsoft.AspNetCore.TestHost.WebHostBuilderExtensions.ConfigureTestServices(builder, services => services.AddSingleton(new ProtectionClock(Clock)));
    }
}
