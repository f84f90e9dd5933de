using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Zhichan.Tests.Infrastructure;

namespace Zhichan.Tests.Portal;

/// <summary>API keys of the open data API (issue 25 §2): issued once, stored hashed, revocable, expiring, scoped, limited, counted.</summary>
public class OpenApiKeyTests(ZhichanFactory app) : IntegrationTest(app)
{
    private const string Open = "/api/open/v1/agencies";

    [Fact]
    public async Task Key_IsShownOnce_StoredOnlyHashed_AndRevocationOrExpiryEndsIt()
    {
        var admin = await App.CreateClientAsAsync("admin");
        var (key, secret) = await OpenApiKeys.CreateAsync(admin, ["agencies.read"]);
        var id = key.GetProperty("id").GetInt64();
        secret.ShouldStartWith("zc_");
        secret.Length.ShouldBe(3 + 43); // 32 random bytes, base64url
        key.GetProperty("prefix").GetString().ShouldBe(secret[..11]);
        key.GetProperty("contactPhone").GetString().ShouldBe("13912345678"); // the admin just typed it

        // only the SHA-256 is stored: the secret appears nowhere in the table or the audit log
        (await App.ScalarAsync<long>("SELECT count(*) FROM api_keys WHERE secret_hash = sha256(convert_to($1, 'UTF8'))", secret)).ShouldBe(1);
        (await App.ScalarAsync<long>("SELECT count(*) FROM api_keys k WHERE row_to_json(k)::text LIKE '%' || $1 || '%'", secret[11..])).ShouldBe(0);
        (await App.ScalarAsync<long>("SELECT count(*) FROM audit_log WHERE entity = 'api_keys' AND action = 'create' AND entity_id = $1", id.ToString())).ShouldBe(1);
        (await App.ScalarAsync<long>("SELECT count(*) FROM audit_log WHERE after::text LIKE '%' || $1 || '%'", secret[11..])).ShouldBe(0);

        // the list never shows the secret again, and masks the contact
        var list = await admin.GetStringAsync("/api/admin/api-keys");
        list.ShouldNotContain(secret[11..]);
        var listed = JsonDocument.Parse(list).RootElement.EnumerateArray().Single(k => k.GetProperty("id").GetInt64() == id);
        listed.GetProperty("contactPhone").GetString().ShouldBe("139****5678");
        listed.GetProperty("contactName").GetString().ShouldBe("王某某");
        listed.GetProperty("stateName").GetString().ShouldBe("有效");

        (await OpenApiKeys.Client(App, secret).GetAsync(Open)).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await OpenApiKeys.Client(App, secret, header: true).GetAsync(Open)).StatusCode.ShouldBe(HttpStatusCode.OK);
        var bad = await (await OpenApiKeys.Client(App, secret[..^1] + (secret[^1] == 'A' ? 'B' : 'A')).GetAsync(Open)).ShouldBeProblemAsync(HttpStatusCode.Unauthorized);
        bad.GetProperty("detail").GetString()!.ShouldContain("API 密钥无效");
        var none = await (await App.CreateAnonymousClient().GetAsync(Open)).ShouldBeProblemAsync(HttpStatusCode.Unauthorized);
        none.GetProperty("detail").GetString()!.ShouldContain("缺少 API 密钥");

        (await admin.PostAsync($"/api/admin/api-keys/{id}/revoke", null)).StatusCode.ShouldBe(HttpStatusCode.OK);
        var revoked = await (await OpenApiKeys.Client(App, secret).GetAsync(Open)).ShouldBeProblemAsync(HttpStatusCode.Unauthorized);
        revoked.GetProperty("detail").GetString()!.ShouldContain("已被撤销");
        (await App.ScalarAsync<long>("SELECT count(*) FROM audit_log WHERE entity = 'api_keys' AND action = 'update' AND entity_id = $1", id.ToString())).ShouldBe(1);
        (await admin.PostAsync($"/api/admin/api-keys/{id}/revoke", null)).StatusCode.ShouldBe(HttpStatusCode.Conflict);

        var (other, otherSecret) = await OpenApiKeys.CreateAsync(admin, ["agencies.read"]);
        (await OpenApiKeys.Client(App, otherSecret).GetAsync(Open)).StatusCode.ShouldBe(HttpStatusCode.OK);
        await App.ExecuteAsync("UPDATE api_keys SET expires_on = current_date - 2 WHERE id = $1", other.GetProperty("id").GetInt64());
        var expired = await (await OpenApiKeys.Client(App, otherSecret).GetAsync(Open)).ShouldBeProblemAsync(HttpStatusCode.Unauthorized);
        expired.GetProperty("detail").GetString()!.ShouldContain("过期");
    }

    [Fact]
    public async Task Create_RefusesBadInput_WithChineseFieldErrors()
    {
        var admin = await App.CreateClientAsAsync("admin");
        var res = await admin.PostAsJsonAsync("/api/admin/api-keys", new { name = "", partner = "省平台", scopes = new[] { "records.write" }, dailyQuota = 0, perMinute = 10, expiresOn = "2001-01-01" });
        var p = await res.ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        var errors = p.GetProperty("errors");
        foreach (var f in new[] { "name", "scopes", "dailyQuota", "expiresOn" }) errors.TryGetProperty(f, out _).ShouldBeTrue(f);
        errors.GetProperty("scopes")[0].GetString()!.ShouldContain("records.write");
        (await (await App.CreateClientAsAsync("bureau")).GetAsync("/api/admin/api-keys")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task KeyWithoutTheScope_Gets403_AndStaffCookieWithoutKey_Gets401()
    {
        var admin = await App.CreateClientAsAsync("admin");
        var (_, secret) = await OpenApiKeys.CreateAsync(admin, ["agencies.read"]);
        var p = await (await OpenApiKeys.Client(App, secret).GetAsync("/api/open/v1/records/changes")).ShouldBeProblemAsync(HttpStatusCode.Forbidden);
        p.GetProperty("detail").GetString()!.ShouldContain("records.sync");
        (await admin.GetAsync("/api/open/v1/agencies")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task DailyQuotaAndMinuteRate_Answer429WithRetryAfter_AndUsageIsCounted()
    {
        var admin = await App.CreateClientAsAsync("admin");
        var (quotaKey, quotaSecret) = await OpenApiKeys.CreateAsync(admin, ["agencies.read", "publicity.read"], dailyQuota: 3, perMinute: 100);
        var client = OpenApiKeys.Client(App, quotaSecret);
        (await client.GetAsync(Open)).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await client.GetAsync(Open)).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await client.GetAsync("/api/open/v1/publicity")).StatusCode.ShouldBe(HttpStatusCode.OK);
        var over = await client.GetAsync(Open);
        var p = await over.ShouldBeProblemAsync(HttpStatusCode.TooManyRequests);
        p.GetProperty("detail").GetString()!.ShouldContain("今日的调用次数已达上限（3 次）");
        var retry = int.Parse(over.Headers.GetValues("Retry-After").Single());
        retry.ShouldBeInRange(1, 24 * 3600);
        (await client.GetAsync(Open)).StatusCode.ShouldBe(HttpStatusCode.TooManyRequests);

        var usage = await admin.GetFromJsonAsync<JsonElement>($"/api/admin/api-keys/{quotaKey.GetProperty("id").GetInt64()}/usage?days=7");
        var days = usage.GetProperty("days").EnumerateArray().ToList();
        days.Count.ShouldBe(7);
        var today = days[^1];
        today.GetProperty("requests").GetInt32().ShouldBe(3);
        today.GetProperty("rejected").GetInt32().ShouldBe(2);
        today.GetProperty("operations").GetProperty("ListOpenAgencies").GetInt32().ShouldBe(2);
        today.GetProperty("operations").GetProperty("ListOpenPublicity").GetInt32().ShouldBe(1);
        days[0].GetProperty("requests").GetInt32().ShouldBe(0);

        // the rate: a fixed window per minute; the refusal says how many seconds are left of it
        var (_, rateSecret) = await OpenApiKeys.CreateAsync(admin, ["agencies.read"], dailyQuota: 1000, perMinute: 2);
        var fast = OpenApiKeys.Client(App, rateSecret);
        var answers = new List<HttpResponseMessage>();
        for (var i = 0; i < 4; i++) answers.Add(await fast.GetAsync(Open));
        // two pass per minute; a minute boundary between the calls would let one more through
        answers.Count(a => a.StatusCode == HttpStatusCode.OK).ShouldBeInRange(2, 3);
        var refused = answers.First(a => a.StatusCode == HttpStatusCode.TooManyRequests);
        (await refused.ShouldBeProblemAsync(HttpStatusCode.TooManyRequests)).GetProperty("detail").GetString()!.ShouldContain("每分钟最多 2 次");
        int.Parse(refused.Headers.GetValues("Retry-After").Single()).ShouldBeInRange(1, 60);

        // several requests at once never pass more than the quota (one atomic statement per request)
        var (_, raceSecret) = await OpenApiKeys.CreateAsync(admin, ["agencies.read"], dailyQuota: 5, perMinute: 1000);
        var race = await Task.WhenAll(Enumerable.Range(0, 12).Select(_ => OpenApiKeys.Client(App, raceSecret).GetAsync(Open)));
        race.Count(r => r.StatusCode == HttpStatusCode.OK).ShouldBe(5);
        race.Count(r => r.StatusCode == HttpStatusCode.TooManyRequests).ShouldBe(7);
    }
}
