using System.Net;
using System.Net.Http.Json;
using System.Text;
using Zhichan.Tests.Infrastructure;

namespace Zhichan.Tests.Platform;

/// <summary>Issue 18: security headers on every kind of answer, no 500 for absurd page numbers, the default body limit.</summary>
public class SecurityHardeningTests(ZhichanFactory app) : IntegrationTest(app)
{
    private static void ShouldHaveSecurityHeaders(HttpResponseMessage res)
    {
        res.Headers.GetValues("Content-Security-Policy").Single().ShouldContain("frame-ancestors 'none'");
        res.Headers.GetValues("Content-Security-Policy").Single().ShouldContain("script-src 'self'");
        res.Headers.GetValues("X-Content-Type-Options").Single().ShouldBe("nosniff");
        res.Headers.GetValues("X-Frame-Options").Single().ShouldBe("DENY");
        res.Headers.GetValues("Referrer-Policy").Single().ShouldBe("strict-origin-when-cross-origin");
        res.Headers.Contains("Server").ShouldBeFalse();
    }

    [Fact]
    public async Task SecurityHeaders_OnHtmlApiAndDownloads_NoStoreOnPersonalData()
    {
        var anon = App.CreateAnonymousClient();
        var html = await anon.GetAsync("/");
        ShouldHaveSecurityHeaders(html);
        var api = await anon.GetAsync("/api/regions");
        ShouldHaveSecurityHeaders(api);
        var admin = await App.CreateClientAsAsync("admin");
        var users = await admin.GetAsync("/api/admin/users");
        ShouldHaveSecurityHeaders(users);
        users.Headers.CacheControl!.NoStore.ShouldBeTrue();
        // a download
        var download = await admin.GetAsync("/api/records/export?format=csv");
        download.StatusCode.ShouldBe(HttpStatusCode.OK);
        ShouldHaveSecurityHeaders(download);
        download.Content.Headers.ContentDisposition!.DispositionType.ShouldBe("attachment");
        var problem = await anon.GetAsync("/api/nothing-here");
        ShouldHaveSecurityHeaders(problem);
        // HSTS only over HTTPS
        html.Headers.Contains("Strict-Transport-Security").ShouldBeFalse();
    }

    [Fact]
    public async Task OverHttps_CookiesAreSecure_AndHstsIsSent()
    {
        var https = App.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions
        {
            BaseAddress = new Uri("https://localhost"), HandleCookies = false, AllowAutoRedirect = false,
        });
        var res = await https.PostAsJsonAsync("/api/auth/login", new { username = "bureau", password = ZhichanFactory.Password });
        res.StatusCode.ShouldBe(HttpStatusCode.OK);
        var cookies = res.Headers.GetValues("Set-Cookie").ToList();
        cookies.Count.ShouldBeGreaterThanOrEqualTo(3); // the session, the antiforgery cookie, the token for scripts
        cookies.ShouldAllBe(c => c.Contains("secure", StringComparison.OrdinalIgnoreCase));
        cookies.Single(c => c.StartsWith("zhichan.auth=", StringComparison.Ordinal)).ShouldContain("httponly", Case.Insensitive);
        res.Headers.GetValues("Strict-Transport-Security").Single().ShouldContain("max-age=");
    }

    [Theory]
    [InlineData("/api/notifications?page=2147483647")]
    [InlineData("/api/admin/audit?page=2147483647")]
    [InlineData("/api/admin/users?page=2147483647")]
    [InlineData("/api/admin/users?pageSize=100000")]
    [InlineData("/api/indicators/invention_applications/values/records?region=320700&year=2017&page=2147483647")]
    public async Task AbsurdPageNumbers_Are400WithAChineseFieldError(string url)
    {
        var admin = await App.CreateClientAsAsync("admin");
        var p = await (await admin.GetAsync(url)).ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        var errors = p.GetProperty("errors");
        (errors.TryGetProperty("page", out var e) ? e : errors.GetProperty("pageSize"))[0].GetString()!.ShouldContain("应在");
    }
}

/// <summary>Signed-in users are rate-limited too (finding 17): searches, exports and writes per account.</summary>
public class UserRateLimitTests(UserRateLimitTests.Factory app) : IntegrationTest<UserRateLimitTests.Factory>(app)
{
    public sealed class Factory : ZhichanFactory
    {
        protected override IDictionary<string, string> Settings => new Dictionary<string, string>
        {
            ["ZHICHAN_USER_SEARCH_RATE"] = "3", ["ZHICHAN_USER_WRITE_RATE"] = "3",
        };
    }

    [Fact]
    public async Task SearchesAndWrites_PerUser_Get429WithRetryAfter_OtherUsersUnaffected()
    {
        var bureau = await App.CreateClientAsAsync("bureau");
        for (var i = 0; i < 3; i++) (await bureau.GetAsync("/api/records?q=电池")).StatusCode.ShouldBe(HttpStatusCode.OK);
        var refused = await bureau.GetAsync("/api/records?q=电池");
        await refused.ShouldBeProblemAsync(HttpStatusCode.TooManyRequests);
        refused.Headers.RetryAfter.ShouldNotBeNull();
        // another account has its own allowance
        var court = await App.CreateClientAsAsync("court");
        (await court.GetAsync("/api/records?q=电池")).StatusCode.ShouldBe(HttpStatusCode.OK);

        var admin = await App.CreateClientAsAsync("admin");
        for (var i = 0; i < 3; i++) await admin.PostAsJsonAsync("/api/notifications/read-all", new { });
        await (await admin.PostAsJsonAsync("/api/notifications/read-all", new { })).ShouldBeProblemAsync(HttpStatusCode.TooManyRequests);
    }
}

/// <summary>The default body limit of 1 MB and the lower cap of the public form, on the real server (Kestrel enforces them).</summary>
public class BodyLimitTests(KestrelFactory app) : IClassFixture<KestrelFactory>
{
    [Fact]
    public async Task PublicComplaint_BodyOverItsCap_Is413_AndOtherEndpointsTakeAtMostOneMegabyte()
    {
        // the client waits for the server's answer to Expect: 100-continue before it sends the body (by default only 1 s:
        // on a loaded machine it then sends, the server refuses mid-upload and the connection is reset instead of read)
        using var http = new HttpClient(new SocketsHttpHandler { Expect100ContinueTimeout = TimeSpan.FromSeconds(60) }) { BaseAddress = new Uri(app.BaseUrl) };
        // 12 MB to the public complaint form: its cap is 11 MB (10 MB of evidence)
        // the client announces the body (Expect: 100-continue) so that the server can refuse it before it is sent
        static HttpRequestMessage Post(string url, HttpContent content) => new(HttpMethod.Post, url) { Content = content, Headers = { ExpectContinue = true } };
        using var big = new ByteArrayContent(new byte[12 * 1024 * 1024]);
        big.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
        (await http.SendAsync(Post("/api/protection/public/complaints", big))).StatusCode.ShouldBe(HttpStatusCode.RequestEntityTooLarge);
        // 2 MB of JSON to the login: over the default 1 MB
        var json = "{\"username\":\"" + new string('a', 2 * 1024 * 1024) + "\",\"password\":\"x\"}";
        (await http.SendAsync(Post("/api/auth/login", new StringContent(json, Encoding.UTF8, "application/json")))).StatusCode.ShouldBe(HttpStatusCode.RequestEntityTooLarge);
    }
}
