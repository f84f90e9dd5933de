using System.Net;
using Npgsql;
using Zhichan.Tests.Infrastructure;

namespace Zhichan.Tests.Platform;

/// <summary>
/// Load shedding (ADR 0068) with gates of one: a search held in the database by a lock occupies the public search gate, so
/// the next public search is shed at once with a 503 problem and Retry-After; cheap requests and the staff's own gate are not
/// affected; once the search finishes, searches are served again. No timing: the lock decides who waits.
/// </summary>
public class LoadSheddingTests(LoadSheddingTests.Factory app) : IClassFixture<LoadSheddingTests.Factory>
{
    public sealed class Factory : ZhichanFactory
    {
        protected override IDictionary<string, string> Settings => new Dictionary<string, string>
        {
            ["ZHICHAN_HEAVY_CONCURRENCY"] = "1", ["ZHICHAN_HEAVY_QUEUE"] = "0",
        };
    }

    [Fact]
    public async Task SearchGateFull_NextPublicSearchShedWith503_OtherRequestsServed_ServedAgainAfterwards()
    {
        await app.ResetAsync();
        var first = app.CreateAnonymousClient();
        var second = app.CreateAnonymousClient();
        var staff = await app.CreateClientAsAsync("bureau");
        const string search = "/api/records?q=%E9%94%82%E7%94%B5%E6%B1%A0";
        Task<HttpResponseMessage> held;
        await using (var conn = new NpgsqlConnection(app.ConnectionString))
        {
            await conn.OpenAsync();
            await using var tx = await conn.BeginTransactionAsync();
            await using (var lk = new NpgsqlCommand("LOCK TABLE records IN ACCESS EXCLUSIVE MODE", conn, tx)) await lk.ExecuteNonQueryAsync();
            held = first.GetAsync(search);
            await WaitForLockWaitsAsync(conn, 1);

            var shed = await second.GetAsync(search);
            var problem = await shed.ShouldBeProblemAsync(HttpStatusCode.ServiceUnavailable);
            problem.GetProperty("title").GetString().ShouldBe("系统繁忙");
            problem.GetProperty("detail").GetString()!.ShouldContain("重试");
            shed.Headers.RetryAfter?.Delta.ShouldBe(TimeSpan.FromSeconds(2));

            // a cheap request passes the general gate; the staff's search gate is their own (it queues behind the lock, not shed)
            (await second.GetAsync("/api/public/portal/site")).StatusCode.ShouldBe(HttpStatusCode.OK);
            var staffSearch = staff.GetAsync(search);
            await WaitForLockWaitsAsync(conn, 2);
            await tx.RollbackAsync();
            (await staffSearch).StatusCode.ShouldBe(HttpStatusCode.OK);
        }
        (await held).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await second.GetAsync(search)).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    /// <summary>Until <paramref name="n"/> of the app's queries wait for the lock (at most 10 s).</summary>
    private static async Task WaitForLockWaitsAsync(NpgsqlConnection conn, int n)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (true)
        {
            await using var cmd = new NpgsqlCommand("SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND datname = current_database()", conn);
            if ((long)(await cmd.ExecuteScalarAsync())! >= n) return;
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"fewer than {n} searches waited for the lock");
            await Task.Delay(20);
        }
    }
}
