using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Zhichan.Tests.Infrastructure;

namespace Zhichan.Tests.Analysis;

/// <summary>Helpers of the watches API (create, evaluate, hits) shared by the watch, screening and briefing tests.</summary>
public static class WatchesApi
{
    public static async Task<JsonElement> CreateAsync(HttpClient client, object body, HttpStatusCode expected = HttpStatusCode.Created)
    {
        var res = await client.PostAsJsonAsync("/api/analysis/watches", body);
        var text = await res.Content.ReadAsStringAsync();
        res.StatusCode.ShouldBe(expected, text);
        return JsonDocument.Parse(text).RootElement;
    }

    public static async Task<JsonElement> EvaluateAsync(HttpClient bureau)
    {
        var res = await bureau.PostAsJsonAsync("/api/analysis/watches/evaluate", new { });
        var text = await res.Content.ReadAsStringAsync();
        res.StatusCode.ShouldBe(HttpStatusCode.OK, text);
        return JsonDocument.Parse(text).RootElement;
    }

    public static async Task<List<JsonElement>> HitsAsync(HttpClient client, long watchId)
    {
        var page = await client.GetFromJsonAsync<JsonElement>($"/api/analysis/watches/{watchId}/hits");
        return page.GetProperty("items").EnumerateArray().ToList();
    }

    public static Task<JsonElement> HitAsync(HttpClient client, long hitId) => client.GetFromJsonAsync<JsonElement>($"/api/analysis/watches/hits/{hitId}");
}
