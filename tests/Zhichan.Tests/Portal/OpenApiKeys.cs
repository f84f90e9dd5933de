using System.Net.Http.Json;
using System.Text.Json;
using Zhichan.Tests.Infrastructure;

namespace Zhichan.Tests.Portal;

/// <summary>Issuing API keys through the admin's endpoint and calling the open endpoints with them.</summary>
public static class OpenApiKeys
{
    public static readonly string[] AllScopes = ["records.read", "records.sync", "indicators.read", "plans.read", "disclosures.read", "publicity.read", "agencies.read"];

    /// <summary>Creates a key as admin; returns the created key's JSON and its secret.</summary>
    public static async Task<(JsonElement Key, string Secret)> CreateAsync(HttpClient admin, string[] scopes, int dailyQuota = 100_000, int perMinute = 6_000,
        string partner = "江苏省知识产权大数据平台（测试对接）", DateOnly? expiresOn = null)
    {
        var res = await admin.PostAsJsonAsync("/api/admin/api-keys", new
        {
            name = "省平台对接", partner, contactName = "王小明", contactPhone = "13912345678", contactEmail = "wang@example.com", scopes, dailyQuota, perMinute,
            expiresOn = (expiresOn ?? DateOnly.FromDateTime(DateTime.UtcNow).AddDays(30)).ToString("yyyy-MM-dd"),
        });
        var text = await res.Content.ReadAsStringAsync();
        ((int)res.StatusCode).ShouldBe(201, text);
        var json = JsonDocument.Parse(text).RootElement;
        return (json.GetProperty("key"), json.GetProperty("secret").GetString()!);
    }

    /// <summary>A client of the app that sends the key as a bearer token and no cookie.</summary>
    public static HttpClient Client(ZhichanFactory app, string secret, bool header = false)
    {
        var c = app.CreateAnonymousClient();
        if (header) c.DefaultRequestHeaders.Add("X-Api-Key", secret);
        else c.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", secret);
        return c;
    }
}
