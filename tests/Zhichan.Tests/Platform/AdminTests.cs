using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Zhichan.Tests.Infrastructure;

namespace Zhichan.Tests.Platform;

public class AdminTests(ZhichanFactory app) : IntegrationTest(app)
{
    [Fact]
    public async Task CreateUser_Valid_IsStoredHashedAndAudited()
    {
        var admin = await App.CreateClientAsAsync("admin");
        var unit = await App.ScalarAsync<long>("SELECT id FROM org_units WHERE name = '连云港市公安局'");
        var res = await admin.PostAsJsonAsync("/api/admin/users", new { username = "wang", displayName = "王警官", role = "department", orgUnitId = unit, password = "Secret2026x" });
        res.StatusCode.ShouldBe(HttpStatusCode.Created);
        var hash = await App.ScalarAsync<string>("SELECT password_hash FROM users WHERE username = 'wang'");
        hash.ShouldNotBeNull();
        hash.ShouldNotContain("Secret2026x");

        var audit = await admin.GetFromJsonAsync<JsonElement>("/api/admin/audit?entity=users&action=create");
        var row = audit.GetProperty("items").EnumerateArray().Single(r => r.GetProperty("after").GetProperty("username").GetString() == "wang");
        row.GetProperty("actorName").GetString().ShouldBe("admin");
        row.GetProperty("after").GetProperty("password_hash").GetString().ShouldBe("***");
        row.GetProperty("correlationId").GetString().ShouldNotBeNullOrEmpty();

        (await App.CreateClientAsAsync("wang", "Secret2026x")).ShouldNotBeNull();
    }

    [Fact]
    public async Task CreateUser_DuplicateAndInvalid_Returns400WithFieldErrorsAndStoresNothing()
    {
        var admin = await App.CreateClientAsAsync("admin");
        var before = await App.ScalarAsync<long>("SELECT count(*) FROM users");
        var res = await admin.PostAsJsonAsync("/api/admin/users", new { username = "x", displayName = "", role = "district", password = "short" });
        var problem = await res.ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        var errors = problem.GetProperty("errors");
        errors.GetProperty("displayName")[0].GetString().ShouldBe("姓名不能为空");
        errors.GetProperty("password")[0].GetString().ShouldBe("密码长度应为 10 至 128 位（政府部门账户）");
        errors.GetProperty("orgUnitId")[0].GetString()!.ShouldContain("必须指定所属单位");

        var dup = await admin.PostAsJsonAsync("/api/admin/users", new { username = "BUREAU", displayName = "重复", role = "admin", password = "Secret2026x" });
        (await dup.ShouldBeProblemAsync(HttpStatusCode.BadRequest)).GetProperty("errors").GetProperty("username")[0].GetString()!.ShouldContain("已被使用");
        (await App.ScalarAsync<long>("SELECT count(*) FROM users")).ShouldBe(before);
    }

    [Fact]
    public async Task UpdateOrgUnit_Change_AuditKeepsBeforeAndAfter()
    {
        var admin = await App.CreateClientAsAsync("admin");
        var id = await App.ScalarAsync<long>("SELECT id FROM org_units WHERE name = '连云区'");
        var res = await admin.PutAsJsonAsync($"/api/admin/org-units/{id}", new { name = "连云区人民政府", kind = "district", regionCode = "320703", isActive = true });
        res.StatusCode.ShouldBe(HttpStatusCode.OK);
        var audit = await admin.GetFromJsonAsync<JsonElement>($"/api/admin/audit?entity=org_units&entityId={id}&action=update");
        var row = audit.GetProperty("items")[0];
        row.GetProperty("before").GetProperty("name").GetString().ShouldBe("连云区");
        row.GetProperty("after").GetProperty("name").GetString().ShouldBe("连云区人民政府");
    }

    [Fact]
    public async Task CreateOrgUnit_DuplicateName_Returns409AndKeepsTheFirst()
    {
        var admin = await App.CreateClientAsAsync("admin");
        var res = await admin.PostAsJsonAsync("/api/admin/org-units", new { name = "连云港市公安局", kind = "department" });
        var problem = await res.ShouldBeProblemAsync(HttpStatusCode.Conflict);
        problem.GetProperty("correlationId").GetString().ShouldNotBeNullOrEmpty();
        (await App.ScalarAsync<long>("SELECT count(*) FROM org_units WHERE name = '连云港市公安局'")).ShouldBe(1);
    }

    [Fact]
    public async Task CreateOrgUnit_BadCreditCodeAndRegion_Returns400InChinese()
    {
        var admin = await App.CreateClientAsAsync("admin");
        var res = await admin.PostAsJsonAsync("/api/admin/org-units", new { name = "某公司", kind = "enterprise", regionCode = "32070", creditCode = "91320700704040637A" });
        var errors = (await res.ShouldBeProblemAsync(HttpStatusCode.BadRequest)).GetProperty("errors");
        errors.GetProperty("regionCode")[0].GetString()!.ShouldContain("6 位数字");
        errors.GetProperty("creditCode")[0].GetString()!.ShouldContain("校验不通过");
    }

    [Theory]
    [InlineData("91350100M000100Y43", true)]   // GB 32100-2015 example
    [InlineData("91350100M000100Y44", false)]
    [InlineData("9135010", false)]
    public void CreditCode_IsValid_ChecksTheCheckCharacter(string code, bool valid) =>
        Zhichan.Api.Features.Admin.CreditCode.IsValid(code).ShouldBe(valid);
}
