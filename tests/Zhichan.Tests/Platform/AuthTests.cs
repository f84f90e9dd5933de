using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Zhichan.Tests.Infrastructure;

namespace Zhichan.Tests.Platform;

public class AuthTests(ZhichanFactory app) : IntegrationTest(app)
{
    [Fact]
    public async Task Login_CorrectPassword_ReturnsUserAndSetsCookie()
    {
        var client = App.CreateAnonymousClient();
        var res = await client.PostAsJsonAsync("/api/auth/login", new { username = "bureau", password = ZhichanFactory.Password });
        res.StatusCode.ShouldBe(HttpStatusCode.OK);
        var json = await res.Content.ReadFromJsonAsync<JsonElement>();
        json.GetProperty("user").GetProperty("role").GetString().ShouldBe("bureau");
        json.GetProperty("user").GetProperty("regionCode").GetString().ShouldBe("320700");
        json.GetProperty("csrfToken").GetString().ShouldNotBeNullOrEmpty();
        res.Headers.GetValues("Set-Cookie").ShouldContain(c => c.StartsWith("zhichan.auth=") && c.Contains("httponly"));
        (await client.GetAsync("/api/auth/me")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Login_UsernameIsCaseInsensitive_Succeeds()
    {
        var res = await App.CreateAnonymousClient().PostAsJsonAsync("/api/auth/login", new { username = "  BUREAU ", password = ZhichanFactory.Password });
        res.StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Login_WrongPassword_Returns401ProblemWithoutSayingWhichPartIsWrong()
    {
        var client = App.CreateAnonymousClient();
        var wrongPassword = await (await client.PostAsJsonAsync("/api/auth/login", new { username = "bureau", password = "nope12345" })).ShouldBeProblemAsync(HttpStatusCode.Unauthorized);
        var unknownUser = await (await client.PostAsJsonAsync("/api/auth/login", new { username = "nobody", password = "nope12345" })).ShouldBeProblemAsync(HttpStatusCode.Unauthorized);
        wrongPassword.GetProperty("detail").GetString()!.ShouldStartWith("用户名或密码错误");
        unknownUser.GetProperty("detail").GetString().ShouldBe(wrongPassword.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task Login_MissingFields_Returns400WithChineseFieldErrors()
    {
        var res = await App.CreateAnonymousClient().PostAsJsonAsync("/api/auth/login", new { username = "" });
        var problem = await res.ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        problem.GetProperty("errors").GetProperty("username")[0].GetString().ShouldBe("用户名不能为空");
        problem.GetProperty("errors").GetProperty("password")[0].GetString().ShouldBe("密码不能为空");
    }

    [Fact]
    public async Task Login_FiveWrongPasswords_LocksAccountEvenForTheRightPassword()
    {
        var client = App.CreateAnonymousClient();
        for (var i = 0; i < 5; i++)
            (await client.PostAsJsonAsync("/api/auth/login", new { username = "haizhou", password = "wrong-pass1" })).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);

        // a locked account answers like a wrong password or an unknown name (no account enumeration, ADR 0013)
        var locked = await client.PostAsJsonAsync("/api/auth/login", new { username = "haizhou", password = ZhichanFactory.Password });
        var problem = await locked.ShouldBeProblemAsync(HttpStatusCode.Unauthorized);
        problem.GetProperty("detail").GetString()!.ShouldContain("将被锁定");
        (await App.ScalarAsync<long>("SELECT count(*) FROM audit_log WHERE action = 'locked' AND entity = 'users'")).ShouldBe(1);

        // the admin unlocks it and the right password works again
        var admin = await App.CreateClientAsAsync("admin");
        var id = await App.ScalarAsync<long>("SELECT id FROM users WHERE username = 'haizhou'");
        (await admin.PostAsync($"/api/admin/users/{id}/unlock", null)).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await client.PostAsJsonAsync("/api/auth/login", new { username = "haizhou", password = ZhichanFactory.Password })).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Logout_SignedIn_EndsTheSession()
    {
        var client = await App.CreateClientAsAsync("bureau");
        (await client.PostAsync("/api/auth/logout", null)).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        await (await client.GetAsync("/api/auth/me")).ShouldBeProblemAsync(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Write_WithoutAntiforgeryHeader_Returns400()
    {
        var client = await App.CreateClientAsAsync("admin");
        client.DefaultRequestHeaders.Remove("X-XSRF-TOKEN");
        var res = await client.PostAsJsonAsync("/api/admin/org-units", new { name = "测试单位", kind = "department" });
        var problem = await res.ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        problem.GetProperty("title").GetString().ShouldBe("防伪令牌无效");
        (await App.ScalarAsync<long>("SELECT count(*) FROM org_units WHERE name = '测试单位'")).ShouldBe(0);
    }
}
