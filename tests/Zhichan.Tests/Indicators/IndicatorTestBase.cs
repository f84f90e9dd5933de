using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Zhichan.Api.Features.Indicators;
using Zhichan.Api.Platform;
using Zhichan.Tests.Infrastructure;

namespace Zhichan.Tests.Indicators;

/// <summary>Resets the database, then loads the indicator catalogue (and the demo plans) as a first start does.</summary>
public abstract class IndicatorTestBase(ZhichanFactory app) : IndicatorTestBase<ZhichanFactory>(app);

/// <summary>The same, on an app of a derived factory (e.g. a fixed day).</summary>
public abstract class IndicatorTestBase<TFactory>(TFactory app) : IntegrationTest<TFactory>(app) where TFactory : ZhichanFactory
{
    /// <summary>Whether the tests of the class need the five demo plans (loading them costs time on every reset).</summary>
    protected virtual bool LoadsPlans => false;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        // the published figures (PublishedValuesLoader) are entered only by the tests about them: other tests count values and audit rows
        foreach (var task in App.Services.GetServices<IStartupTask>().Where(t => t is not Zhichan.Api.Features.Indicators.PublishedValuesLoader
                                                                               && (t.GetType().Namespace!.StartsWith("Zhichan.Api.Features.Indicators", StringComparison.Ordinal)
                                                                                   || (LoadsPlans && t.GetType().Namespace!.StartsWith("Zhichan.Api.Features.Plans", StringComparison.Ordinal))))
                     .OrderBy(t => t.Order))
            await task.RunAsync(CancellationToken.None);
    }

    /// <summary>Inserts one record: an invention unless told otherwise, attributed to a county (and its city and province).</summary>
    protected Task<long> InsertRecordAsync(string key, string? county, DateOnly applied, DateOnly? granted = null, string type = "patent_invention",
        string applicant = "测试申请人", long[]? entityIds = null, string events = "[]", bool foreign = false)
    {
        var province = county is null ? null : county[..2] + "0000";
        var city = county is null ? null : county[..4] + "00";
        return App.ScalarAsync<long>($"""
            INSERT INTO records (record_key, right_type, application_number, application_date, grant_date, title, first_applicant, applicants,
                                 province_code, city_code, county_code, region_rule, status, events, applicant_entity_ids)
            VALUES ($1, $2, $1, $3, $4, '测试记录 ' || $1, $5, ARRAY[$5], $6, $7, $8, $9, $10, $11::jsonb, $12)
            RETURNING id
            """, key, type, applied, (object?)granted ?? DBNull.Value, applicant, (object?)province ?? DBNull.Value, (object?)city ?? DBNull.Value,
            (object?)county ?? DBNull.Value, foreign ? "foreign" : "prefix", granted is null ? "pending" : "in_force", events, entityIds ?? []);
    }

    /// <summary>Starts the recomputation through the API and waits for the background job to finish.</summary>
    protected async Task RecomputeAsync(HttpClient bureau, bool incremental = false)
    {
        var res = await bureau.PostAsync("/api/indicators/recompute" + (incremental ? "?incremental=true" : ""), null);
        res.StatusCode.ShouldBe(HttpStatusCode.Accepted, await res.Content.ReadAsStringAsync());
        var job = (await res.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("jobId").GetInt64();
        for (var i = 0; i < 300; i++)
        {
            var status = await App.ScalarAsync<string>("SELECT status FROM jobs WHERE id = $1", job);
            if (status == "succeeded") return;
            if (status == "failed") throw new InvalidOperationException("Recomputation failed: " + await App.ScalarAsync<string>("SELECT message FROM jobs WHERE id = $1", job));
            await Task.Delay(100);
        }
        throw new TimeoutException("Recomputation did not finish in 30 s");
    }

    protected static async Task<JsonElement> JsonAsync(HttpResponseMessage res, HttpStatusCode expected = HttpStatusCode.OK)
    {
        var text = await res.Content.ReadAsStringAsync();
        res.StatusCode.ShouldBe(expected, text);
        return JsonDocument.Parse(text).RootElement;
    }

    protected static JsonElement ValueOf(JsonElement values, string region, int year) =>
        values.GetProperty("values").EnumerateArray().Single(v => v.GetProperty("regionCode").GetString() == region && v.GetProperty("year").GetInt32() == year);

    protected static bool HasValue(JsonElement values, string region, int year) =>
        values.GetProperty("values").EnumerateArray().Any(v => v.GetProperty("regionCode").GetString() == region && v.GetProperty("year").GetInt32() == year);

    internal static string Kind => RecomputeIndicatorsJob.JobKind;
}
