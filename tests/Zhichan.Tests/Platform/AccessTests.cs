using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Zhichan.Tests.Infrastructure;

namespace Zhichan.Tests.Platform;

/// <summary>Every protected endpoint group refuses callers without the role (401 anonymous, 403 wrong role).</summary>
public class AccessTests(ZhichanFactory app) : IntegrationTest(app)
{
    public static TheoryData<string, string, string> Denied => new()
    {
        // method, path, user that must be refused
        { "GET", "/api/admin/users", "bureau" },
        { "GET", "/api/admin/users", "lianyun" },
        { "POST", "/api/admin/users", "bureau" },
        { "GET", "/api/admin/audit", "bureau" },
        { "GET", "/api/admin/audit", "hengrui" },
        { "POST", "/api/admin/org-units", "police" },
        { "GET", "/api/admin/org-units", "hengrui" },
        { "GET", "/api/admin/org-units", "agency" },
        { "GET", "/api/admin/org-units", "expert" },
    };

    [Theory]
    [MemberData(nameof(Denied))]
    public async Task ProtectedEndpoint_WrongRole_Returns403(string method, string path, string user)
    {
        var client = await App.CreateClientAsAsync(user);
        var res = await client.SendAsync(new HttpRequestMessage(new HttpMethod(method), path) { Content = method == "GET" ? null : JsonContent.Create(new { }) });
        await res.ShouldBeProblemAsync(HttpStatusCode.Forbidden);
    }

    [Theory]
    [InlineData("GET", "/api/admin/users")]
    [InlineData("GET", "/api/admin/audit")]
    [InlineData("GET", "/api/admin/org-units")]
    [InlineData("GET", "/api/auth/me")]
    public async Task ProtectedEndpoint_Anonymous_Returns401(string method, string path)
    {
        var res = await App.CreateAnonymousClient().SendAsync(new HttpRequestMessage(new HttpMethod(method), path));
        await res.ShouldBeProblemAsync(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task ListOrgUnits_DistrictUser_SeesOnlyItsRegion()
    {
        var district = await App.CreateClientAsAsync("lianyun");
        var units = await district.GetFromJsonAsync<JsonElement[]>("/api/admin/org-units");
        units!.ShouldNotBeEmpty();
        units!.ShouldAllBe(u => u.GetProperty("regionCode").GetString()!.StartsWith("320703"));

        var bureau = await App.CreateClientAsAsync("bureau");
        var all = await bureau.GetFromJsonAsync<JsonElement[]>("/api/admin/org-units");
        all!.Length.ShouldBeGreaterThan(units!.Length);
    }
}
