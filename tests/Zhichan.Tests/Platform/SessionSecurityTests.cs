using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Mvc.Testing;
using OtpNet;
using Zhichan.Tests.Infrastructure;

namespace Zhichan.Tests.Platform;

/// <summary>
/// Sessions end on the server (issue 18 finding 1, ADR 0013): a copy of the auth cookie taken before logout, deactivation,
/// a role change or a password reset stops working at once; sessions have idle and absolute limits; the second factor;
/// the password rule; no account enumeration; the account events are audited.
/// </summary>
public class SessionSecurityTests(ZhichanFactory app) : IntegrationTest(app)
{
    private sealed record Stolen(string AuthCookie, string AllCookies, string Token);

    /// <summary>Signs in without a cookie jar and keeps the cookies and token, as an attacker who copied them would hold them.</summary>
    private async Task<Stolen> StolenSessionAsync(string username, string password = ZhichanFactory.Password)
    {
        var raw = App.CreateClient(new WebApplicationFactoryClientOptions { HandleCookies = false, AllowAutoRedirect = false });
        var res = await raw.PostAsJsonAsync("/api/auth/login", new { username, password });
        res.StatusCode.ShouldBe(HttpStatusCode.OK);
        var cookies = res.Headers.GetValues("Set-Cookie").Select(c => c.Split(';')[0]).ToList();
        var token = (await res.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("csrfToken").GetString()!;
        return new Stolen(cookies.Single(c => c.StartsWith("zhichan.auth=", StringComparison.Ordinal)), string.Join("; ", cookies), token);
    }

    private async Task<string> StolenCookieAsync(string username, string password = ZhichanFactory.Password) => (await StolenSessionAsync(username, password)).AuthCookie;

    private async Task<HttpStatusCode> MeWithAsync(string cookie)
    {
        var raw = App.CreateClient(new WebApplicationFactoryClientOptions { HandleCookies = false, AllowAutoRedirect = false });
        using var req = new HttpRequestMessage(HttpMethod.Get, "/api/auth/me");
        req.Headers.Add("Cookie", cookie);
        return (await raw.SendAsync(req)).StatusCode;
    }

    private async Task<long> UserIdAsync(string username) => await App.ScalarAsync<long>("SELECT id FROM users WHERE username = $1", username);

    [Fact]
    public async Task Logout_EndsTheSessionOnTheServer_ACopiedCookieStopsWorking()
    {
        var session = await StolenSessionAsync("bureau");
        (await MeWithAsync(session.AuthCookie)).ShouldBe(HttpStatusCode.OK);
        var raw = App.CreateClient(new WebApplicationFactoryClientOptions { HandleCookies = false });
        using (var noToken = new HttpRequestMessage(HttpMethod.Post, "/api/auth/logout"))
        {
            // logout is a cookie-authenticated write: without the antiforgery token it is refused (finding 9)
            noToken.Headers.Add("Cookie", session.AllCookies);
            (await raw.SendAsync(noToken)).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        }
        using var logout = new HttpRequestMessage(HttpMethod.Post, "/api/auth/logout");
        logout.Headers.Add("Cookie", session.AllCookies);
        logout.Headers.Add("X-XSRF-TOKEN", session.Token);
        (await raw.SendAsync(logout)).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        // the copy taken before the logout no longer works
        (await MeWithAsync(session.AuthCookie)).ShouldBe(HttpStatusCode.Unauthorized);
        (await App.ScalarAsync<string>("SELECT revoked_reason FROM user_sessions ORDER BY created_at DESC LIMIT 1")).ShouldBe("logout");
    }

    [Fact]
    public async Task Deactivation_RoleChange_AndPasswordReset_EndExistingSessionsAtOnce()
    {
        var admin = await App.CreateClientAsAsync("admin");
        var unit = await App.ScalarAsync<long>("SELECT org_unit_id FROM users WHERE username = 'lianyun'");

        // role change
        var lianyun = await StolenCookieAsync("lianyun");
        var id = await UserIdAsync("lianyun");
        (await admin.PutAsJsonAsync($"/api/admin/users/{id}", new { displayName = "连云区", role = "district", orgUnitId = unit, isActive = true })).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await MeWithAsync(lianyun)).ShouldBe(HttpStatusCode.OK); // nothing that matters changed: the session goes on
        var departmentUnit = await App.ScalarAsync<long>("SELECT org_unit_id FROM users WHERE username = 'police'");
        (await admin.PutAsJsonAsync($"/api/admin/users/{id}", new { displayName = "连云区", role = "department", orgUnitId = departmentUnit, isActive = true }))
            .StatusCode.ShouldBe(HttpStatusCode.OK);
        (await MeWithAsync(lianyun)).ShouldBe(HttpStatusCode.Unauthorized);
        (await App.ScalarAsync<long>("SELECT count(*) FROM audit_log WHERE action = 'role_change' AND entity_id = $1", id.ToString())).ShouldBe(1);

        // deactivation
        var haizhou = await StolenCookieAsync("haizhou");
        var hid = await UserIdAsync("haizhou");
        var hunit = await App.ScalarAsync<long>("SELECT org_unit_id FROM users WHERE username = 'haizhou'");
        (await admin.PutAsJsonAsync($"/api/admin/users/{hid}", new { displayName = "海州区", role = "district", orgUnitId = hunit, isActive = false })).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await MeWithAsync(haizhou)).ShouldBe(HttpStatusCode.Unauthorized);

        // password reset by the admin
        var court = await StolenCookieAsync("court");
        (await admin.PostAsJsonAsync($"/api/admin/users/{await UserIdAsync("court")}/password", new { password = "Hongqiao-2026" })).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        (await MeWithAsync(court)).ShouldBe(HttpStatusCode.Unauthorized);
        (await App.ScalarAsync<long>("SELECT count(*) FROM audit_log WHERE action = 'password_reset'")).ShouldBe(1);
    }

    [Fact]
    public async Task ChangeOwnPassword_EndsOtherSessions_KeepsThisOne_AndRefusesCommonPasswords()
    {
        var other = await StolenCookieAsync("hengrui");
        var client = await App.CreateClientAsAsync("hengrui");
        foreach (var weak in new[] { "aaaaaaa1", "Password1", "qwerty2024!", "short1" })
        {
            var p = await (await client.PostAsJsonAsync("/api/auth/password", new { currentPassword = ZhichanFactory.Password, newPassword = weak }))
                .ShouldBeProblemAsync(HttpStatusCode.BadRequest);
            p.GetProperty("errors").GetProperty("newPassword")[0].GetString().ShouldNotBeNullOrEmpty();
        }
        var wrong = await (await client.PostAsJsonAsync("/api/auth/password", new { currentPassword = "not-my-password-1", newPassword = "Lianyungang-2027" }))
            .ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        wrong.GetProperty("errors").GetProperty("currentPassword")[0].GetString().ShouldBe("当前密码不正确");

        var ok = await client.PostAsJsonAsync("/api/auth/password", new { currentPassword = ZhichanFactory.Password, newPassword = "Lianyungang-2027" });
        ok.StatusCode.ShouldBe(HttpStatusCode.OK);
        var token = (await ok.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("csrfToken").GetString()!;
        client.DefaultRequestHeaders.Remove("X-XSRF-TOKEN");
        client.DefaultRequestHeaders.Add("X-XSRF-TOKEN", token);
        (await client.GetAsync("/api/auth/me")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await MeWithAsync(other)).ShouldBe(HttpStatusCode.Unauthorized);
        (await App.CreateClientAsAsync("hengrui", "Lianyungang-2027")).ShouldNotBeNull();
        (await App.ScalarAsync<long>("SELECT count(*) FROM audit_log WHERE action = 'password_change'")).ShouldBe(1);

        // government accounts need 10 characters
        var police = await App.CreateClientAsAsync("police");
        var p3 = await (await police.PostAsJsonAsync("/api/auth/password", new { currentPassword = ZhichanFactory.Password, newPassword = "Short27x" }))
            .ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        p3.GetProperty("errors").GetProperty("newPassword")[0].GetString()!.ShouldContain("10");
    }

    [Fact]
    public async Task Sessions_EndWhenIdleOrPastTheirAbsoluteLifetime()
    {
        var idle = await StolenCookieAsync("bureau");
        await App.ExecuteAsync("UPDATE user_sessions SET last_seen_at = now() - interval '31 minutes'");
        (await MeWithAsync(idle)).ShouldBe(HttpStatusCode.Unauthorized);
        (await App.ScalarAsync<string>("SELECT revoked_reason FROM user_sessions")).ShouldBe("idle");

        var old = await StolenCookieAsync("bureau");
        (await MeWithAsync(old)).ShouldBe(HttpStatusCode.OK);
        // busy all the time, but signed in 12 hours ago
        await App.ExecuteAsync("UPDATE user_sessions SET expires_at = now() - interval '1 second', last_seen_at = now() WHERE revoked_at IS NULL");
        (await MeWithAsync(old)).ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task SecondFactor_EnrolSignInWithCodeOnce_RecoveryCodeOnce_Disable()
    {
        var client = await App.CreateClientAsAsync("bureau");
        var setup = await (await client.PostAsync("/api/auth/second-factor/setup", null)).Content.ReadFromJsonAsync<JsonElement>();
        var secret = setup.GetProperty("secret").GetString()!;
        setup.GetProperty("otpAuthUri").GetString()!.ShouldStartWith("otpauth://totp/");
        setup.GetProperty("qrSvg").GetString()!.ShouldContain("<svg");
        var totp = new Totp(Base32Encoding.ToBytes(secret));
        (await (await client.PostAsJsonAsync("/api/auth/second-factor/enable", new { code = "000000" })).ShouldBeProblemAsync(HttpStatusCode.BadRequest))
            .GetProperty("errors").GetProperty("code")[0].GetString()!.ShouldContain("不正确");
        var enabled = await client.PostAsJsonAsync("/api/auth/second-factor/enable", new { code = totp.ComputeTotp() });
        enabled.StatusCode.ShouldBe(HttpStatusCode.OK);
        var recovery = (await enabled.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("recoveryCodes").EnumerateArray().Select(c => c.GetString()!).ToList();
        recovery.Count.ShouldBe(10);
        (await App.ScalarAsync<string>("SELECT totp_secret FROM users WHERE username = 'bureau'"))!.ShouldNotContain(secret); // stored encrypted

        var anon = App.CreateAnonymousClient();
        var ask = await (await anon.PostAsJsonAsync("/api/auth/login", new { username = "bureau", password = ZhichanFactory.Password })).ShouldBeProblemAsync(HttpStatusCode.Unauthorized);
        ask.GetProperty("secondFactorRequired").GetBoolean().ShouldBeTrue();
        // the code used to enable is spent; the next time step's code works once
        var next = totp.ComputeTotp(DateTime.UtcNow.AddSeconds(30));
        (await anon.PostAsJsonAsync("/api/auth/login", new { username = "bureau", password = ZhichanFactory.Password, code = next })).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await App.CreateAnonymousClient().PostAsJsonAsync("/api/auth/login", new { username = "bureau", password = ZhichanFactory.Password, code = next }))
            .StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        // a recovery code works once
        (await App.CreateAnonymousClient().PostAsJsonAsync("/api/auth/login", new { username = "bureau", password = ZhichanFactory.Password, code = recovery[3].ToLowerInvariant() }))
            .StatusCode.ShouldBe(HttpStatusCode.OK);
        (await App.CreateAnonymousClient().PostAsJsonAsync("/api/auth/login", new { username = "bureau", password = ZhichanFactory.Password, code = recovery[3] }))
            .StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        // a wrong code with the right password is refused and audited
        (await App.ScalarAsync<long>("SELECT count(*) FROM audit_log WHERE action = 'login_second_factor_failed'")).ShouldBeGreaterThanOrEqualTo(2);

        // disabling needs the password; afterwards the password alone signs in
        var signedIn = App.CreateAnonymousClient();
        var res = await signedIn.PostAsJsonAsync("/api/auth/login", new { username = "bureau", password = ZhichanFactory.Password, code = recovery[0] });
        signedIn.DefaultRequestHeaders.Add("X-XSRF-TOKEN", (await res.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("csrfToken").GetString());
        (await signedIn.PostAsJsonAsync("/api/auth/second-factor/disable", new { password = "wrong" })).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await signedIn.PostAsJsonAsync("/api/auth/second-factor/disable", new { password = ZhichanFactory.Password })).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        (await App.CreateClientAsAsync("bureau")).ShouldNotBeNull();
        (await App.ScalarAsync<long>("SELECT count(*) FROM audit_log WHERE action IN ('second_factor_setup', 'second_factor_enable', 'second_factor_disable')")).ShouldBe(3);
    }

    [Fact]
    public async Task Login_LockedAndUnknownNames_AnswerTheSameInTheSameTime()
    {
        var anon = App.CreateAnonymousClient();
        for (var i = 0; i < 5; i++) await anon.PostAsJsonAsync("/api/auth/login", new { username = "expert", password = "wrong-password-1" });
        var lockedAnswer = await (await anon.PostAsJsonAsync("/api/auth/login", new { username = "expert", password = "wrong-password-1" })).ShouldBeProblemAsync(HttpStatusCode.Unauthorized);
        var unknownAnswer = await (await anon.PostAsJsonAsync("/api/auth/login", new { username = "no-such-user", password = "wrong-password-1" })).ShouldBeProblemAsync(HttpStatusCode.Unauthorized);
        lockedAnswer.GetProperty("title").GetString().ShouldBe(unknownAnswer.GetProperty("title").GetString());
        lockedAnswer.GetProperty("detail").GetString().ShouldBe(unknownAnswer.GetProperty("detail").GetString());

        // both verify a password hash: the medians of nine interleaved attempts each stay within a factor of 3 (unknown names
        // answered 5× faster before); interleaving keeps a change in the machine's load from favouring one side
        var locked = new List<double>();
        var unknown = new List<double>();
        for (var i = 0; i < 9; i++)
            foreach (var (name, times) in new[] { ("expert", locked), ("nobody-at-all", unknown) })
            {
                var sw = Stopwatch.StartNew();
                await anon.PostAsJsonAsync("/api/auth/login", new { username = name, password = "wrong-password-1" });
                times.Add(sw.Elapsed.TotalMilliseconds);
            }
        double Median(List<double> t) => t.Order().ElementAt(t.Count / 2);
        (Median(unknown) / Median(locked)).ShouldBeInRange(0.33, 3.0, $"locked {Median(locked):0} ms, unknown {Median(unknown):0} ms");
    }

    [Fact]
    public async Task AccountEvents_AreAudited()
    {
        var anon = App.CreateAnonymousClient();
        await anon.PostAsJsonAsync("/api/auth/login", new { username = "agency", password = "wrong-password-1" });
        var client = await App.CreateClientAsAsync("agency");
        (await client.PostAsync("/api/auth/logout", null)).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        var actions = new List<string>();
        await using (var conn = new Npgsql.NpgsqlConnection(App.ConnectionString))
        {
            await conn.OpenAsync();
            await using var cmd = new Npgsql.NpgsqlCommand("SELECT action FROM audit_log WHERE entity = 'users' ORDER BY id", conn);
            await using var r = await cmd.ExecuteReaderAsync();
            while (await r.ReadAsync()) actions.Add(r.GetString(0));
        }
        actions.ShouldContain("login_failed");
        actions.ShouldContain("login");
        actions.ShouldContain("logout");
    }
}

/// <summary>With ZHICHAN_STAFF_TOTP=required a government account must enrol before it may use anything but its account.</summary>
public class RequiredSecondFactorTests(RequiredSecondFactorTests.Factory app) : IntegrationTest<RequiredSecondFactorTests.Factory>(app)
{
    public sealed class Factory : ZhichanFactory
    {
        protected override IDictionary<string, string> Settings => new Dictionary<string, string> { ["ZHICHAN_STAFF_TOTP"] = "required" };
    }

    [Fact]
    public async Task GovernmentAccountWithoutSecondFactor_MayOnlyEnrol()
    {
        var bureau = await App.CreateClientAsAsync("bureau");
        var me = await (await bureau.GetAsync("/api/auth/me")).Content.ReadFromJsonAsync<JsonElement>();
        me.GetProperty("user").GetProperty("secondFactorEnrolmentRequired").GetBoolean().ShouldBeTrue();
        (await (await bureau.GetAsync("/api/plans")).ShouldBeProblemAsync(HttpStatusCode.Forbidden)).GetProperty("detail").GetString()!.ShouldContain("双因素认证");
        var setup = await (await bureau.PostAsync("/api/auth/second-factor/setup", null)).Content.ReadFromJsonAsync<JsonElement>();
        var totp = new Totp(Base32Encoding.ToBytes(setup.GetProperty("secret").GetString()!));
        (await bureau.PostAsJsonAsync("/api/auth/second-factor/enable", new { code = totp.ComputeTotp() })).StatusCode.ShouldBe(HttpStatusCode.OK);
        // enrolling ends the restricted session; signing in with a code opens the platform
        (await bureau.GetAsync("/api/auth/me")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        var anon = App.CreateAnonymousClient();
        var res = await anon.PostAsJsonAsync("/api/auth/login", new { username = "bureau", password = ZhichanFactory.Password, code = totp.ComputeTotp(DateTime.UtcNow.AddSeconds(30)) });
        res.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await anon.GetAsync("/api/plans")).StatusCode.ShouldBe(HttpStatusCode.OK);
        // an enterprise is not a government account: no enrolment needed
        var hengrui = await App.CreateClientAsAsync("hengrui");
        (await hengrui.GetAsync("/api/protection/credit/mine")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }
}
