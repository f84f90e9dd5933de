using System.Diagnostics;
using System.Net;
using Npgsql;
using Zhichan.Tests.Infrastructure;

namespace Zhichan.Tests.Platform;

/// <summary>
/// The deadline of expensive interactive reads (ADR 0070), here one second: a search and a cockpit held in the database by a
/// table lock are answered 503 with the busy problem and Retry-After at their deadline — not after the lock, not with a 500 —
/// and their queries no longer wait in the database (cancelled with the request). Once the lock is gone both are served.
/// </summary>
public class RequestDeadlineTests(RequestDeadlineTests.Factory app) : IClassFixture<RequestDeadlineTests.Factory>
{
    public sealed class Factory : ZhichanFactory
    {
        protected override IDictionary<string, string> Settings => new Dictionary<string, string> { ["ZHICHAN_REQUEST_DEADLINE_MS"] = "1000" };
    }

    /// <param name="query">A LIKE pattern of the request's query held by the lock (the app's background jobs may wait for the same table).</param>
    [Theory]
    [InlineData("records", null, "/api/records?q=%E9%94%82%E7%94%B5%E6%B1%A0", "%pg_snapshot_xmin(pg_current_snapshot())%")]
    [InlineData("imports", "bureau", "/api/home/cockpit", "%FROM imports ORDER BY id DESC LIMIT 5%")]
    public async Task ReadHeldPastItsDeadline_Answered503AndItsQueryCancelled_ServedOnceFree(string table, string? user, string path, string query)
    {
        var client = user is null ? app.CreateAnonymousClient() : await app.CreateClientAsAsync(user);
        (await client.GetAsync(path)).StatusCode.ShouldBe(HttpStatusCode.OK);
        await using (var conn = new NpgsqlConnection(app.ConnectionString))
        {
            await conn.OpenAsync();
            await using var tx = await conn.BeginTransactionAsync();
            await using (var lk = new NpgsqlCommand($"LOCK TABLE {table} IN ACCESS EXCLUSIVE MODE", conn, tx)) await lk.ExecuteNonQueryAsync();

            var sw = Stopwatch.StartNew();
            var held = await client.GetAsync(path);
            var problem = await held.ShouldBeProblemAsync(HttpStatusCode.ServiceUnavailable);
            sw.Elapsed.ShouldBeLessThan(TimeSpan.FromSeconds(30), "answered at its deadline, while the lock is still held");
            problem.GetProperty("title").GetString().ShouldBe("系统繁忙");
            problem.GetProperty("detail").GetString()!.ShouldContain("1 秒内");
            held.Headers.RetryAfter?.Delta.ShouldBe(TimeSpan.FromSeconds(2));
            (await LockWaitsAsync(conn, query)).ShouldBe(0, "the request's query was cancelled in the database with it");
            await tx.RollbackAsync();
        }
        (await client.GetAsync(path)).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    /// <summary>Queries of this database like <paramref name="query"/> waiting for a lock, once none remain or after 5 s.</summary>
    private static async Task<long> LockWaitsAsync(NpgsqlConnection conn, string query)
    {
        var until = DateTime.UtcNow.AddSeconds(5);
        while (true)
        {
            await using var cmd = new NpgsqlCommand("SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND datname = current_database() AND query LIKE $1", conn);
            cmd.Parameters.Add(new NpgsqlParameter { Value = query });
            var n = (long)(await cmd.ExecuteScalarAsync())!;
            if (n == 0 || DateTime.UtcNow > until) return n;
            await Task.Delay(50);
        }
    }
}
