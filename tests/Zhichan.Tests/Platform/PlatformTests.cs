using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Zhichan.Api.Platform.Database;
using Zhichan.Tests.Infrastructure;

namespace Zhichan.Tests.Platform;

public class PlatformTests(ZhichanFactory app) : IntegrationTest(app)
{
    [Fact]
    public async Task Healthz_DatabaseUp_Returns200()
    {
        var res = await App.CreateAnonymousClient().GetAsync("/healthz");
        res.StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task OpenApi_Document_HasTheStableOperationIds()
    {
        var json = JsonDocument.Parse(await App.CreateAnonymousClient().GetStringAsync("/openapi/v1.json")).RootElement;
        var ids = json.GetProperty("paths").EnumerateObject()
            .SelectMany(p => p.Value.EnumerateObject()).Select(o => o.Value.GetProperty("operationId").GetString()).ToList();
        ids.ShouldContain("Login");
        ids.ShouldBeUnique();
    }

    [Fact]
    public async Task OpenApi_CommittedDocument_MatchesTheServedOne()
    {
        var served = JsonDocument.Parse(await App.CreateAnonymousClient().GetStringAsync("/openapi/v1.json")).RootElement;
        var committed = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(TestData.RepoRoot, "docs", "openapi", "Zhichan.Api.json"))).RootElement;
        static string[] Ops(JsonElement d) => d.GetProperty("paths").EnumerateObject()
            .SelectMany(p => p.Value.EnumerateObject().Select(o => $"{o.Name.ToUpperInvariant()} {p.Name} {o.Value.GetProperty("operationId").GetString()}")).Order().ToArray();
        Ops(committed).ShouldBe(Ops(served), "docs/openapi/Zhichan.Api.json is stale: run dotnet build and commit it");
    }

    [Fact]
    public async Task Login_KeyRing_IsSharedThroughTheDatabase()
    {
        await App.CreateClientAsAsync("bureau");
        (await App.ScalarAsync<long>("SELECT count(*) FROM data_protection_keys")).ShouldBeGreaterThan(0);
    }

    [Fact]
    public async Task UnknownApiPath_Returns404Problem()
    {
        var res = await App.CreateAnonymousClient().GetAsync("/api/does-not-exist");
        var problem = await res.ShouldBeProblemAsync(HttpStatusCode.NotFound);
        problem.GetProperty("title").GetString().ShouldBe("未找到");
    }

    [Fact]
    public async Task MalformedJson_Returns400ProblemInChinese()
    {
        var res = await App.CreateAnonymousClient().PostAsync("/api/auth/login", new StringContent("{\"username\": ", System.Text.Encoding.UTF8, "application/json"));
        var problem = await res.ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        problem.GetProperty("detail").GetString()!.ShouldContain("JSON");
        problem.GetProperty("correlationId").GetString().ShouldNotBeNullOrEmpty();
    }

    [Fact]
    public async Task CorrelationId_GivenByCaller_IsEchoedInProblem()
    {
        var client = App.CreateAnonymousClient();
        client.DefaultRequestHeaders.Add("X-Correlation-Id", "abc-123");
        var res = await client.GetAsync("/api/admin/users");
        res.Headers.GetValues("X-Correlation-Id").Single().ShouldBe("abc-123");
        (await res.ShouldBeProblemAsync(HttpStatusCode.Unauthorized)).GetProperty("correlationId").GetString().ShouldBe("abc-123");
    }

    [Fact]
    public async Task Migrations_RunAgain_AreIdempotent()
    {
        var migrator = App.Services.GetRequiredService<Migrator>();
        var applied = await migrator.MigrateAsync();
        applied.ShouldBeEmpty();
        (await App.ScalarAsync<long>("SELECT count(*) FROM schema_migrations")).ShouldBe(Directory.GetFiles(Migrator.DefaultFolder, "*.sql").Length);
    }

    [Fact]
    public async Task Migrations_AppliedFileChanged_StopsWithItsName()
    {
        var folder = Directory.CreateTempSubdirectory("zhichan-mig").FullName;
        foreach (var f in Directory.GetFiles(Migrator.DefaultFolder)) File.Copy(f, Path.Combine(folder, Path.GetFileName(f)));
        var first = Directory.GetFiles(folder, "*.sql").Order().First();
        await File.AppendAllTextAsync(first, "\n-- edited after it was applied\n");
        var migrator = App.Services.GetRequiredService<Migrator>();
        var e = await Should.ThrowAsync<StartupException>(() => migrator.MigrateAsync(folder));
        e.Message.ShouldContain(Path.GetFileName(first));
        e.Message.ShouldContain("was changed after it was applied");
    }

    [Fact]
    public async Task Migrations_NewFile_IsAppliedOnceInItsOwnTransaction()
    {
        var folder = Directory.CreateTempSubdirectory("zhichan-mig").FullName;
        foreach (var f in Directory.GetFiles(Migrator.DefaultFolder)) File.Copy(f, Path.Combine(folder, Path.GetFileName(f)));
        await File.WriteAllTextAsync(Path.Combine(folder, "9998_test_ok.sql"), "CREATE TABLE zz_mig_ok (id int);");
        await File.WriteAllTextAsync(Path.Combine(folder, "9999_test_bad.sql"), "CREATE TABLE zz_mig_bad (id int); SELECT no_such_function();");
        var migrator = App.Services.GetRequiredService<Migrator>();
        var e = await Should.ThrowAsync<StartupException>(() => migrator.MigrateAsync(folder));
        e.Message.ShouldContain("9999_test_bad.sql");
        (await App.ScalarAsync<string>("SELECT to_regclass('zz_mig_ok')::text")).ShouldBe("zz_mig_ok");
        (await App.ScalarAsync<string>("SELECT to_regclass('zz_mig_bad')::text")).ShouldBeNull();
        await App.ExecuteAsync("DROP TABLE zz_mig_ok; DELETE FROM schema_migrations WHERE version LIKE '999%'");
    }
}
