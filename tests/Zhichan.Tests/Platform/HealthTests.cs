using System.Net;
using Npgsql;
using Zhichan.Tests.Infrastructure;

namespace Zhichan.Tests.Platform;

/// <summary>Its own factory: this test takes the database away.</summary>
public class HealthTests(HealthTests.Factory app) : IClassFixture<HealthTests.Factory>
{
    public sealed class Factory : ZhichanFactory;

    [Fact]
    public async Task Healthz_DatabaseGone_Returns503Problem()
    {
        var client = app.CreateAnonymousClient();
        (await client.GetAsync("/healthz")).StatusCode.ShouldBe(HttpStatusCode.OK);

        await TestCluster.DropDatabaseAsync(app.ConnectionString);
        NpgsqlConnection.ClearAllPools();

        var res = await client.GetAsync("/healthz");
        var problem = await res.ShouldBeProblemAsync(HttpStatusCode.ServiceUnavailable);
        problem.GetProperty("title").GetString().ShouldBe("数据库不可用");
    }
}
