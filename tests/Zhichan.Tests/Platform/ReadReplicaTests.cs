using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using Zhichan.Api.Platform.Database;
using Zhichan.Tests.Infrastructure;
using Zhichan.Tests.Records.Api;

namespace Zhichan.Tests.Platform;

/// <summary>
/// Read replicas (issue 26 §2, ADR 0069) with real components on loopback: a primary, a standby copied from it with
/// <c>pg_basebackup -R</c> streaming from it, and the app pointed at both through one multi-host connection string. Searches run
/// on the standby and return what the primary holds; with the standby stopped reads fall back to the primary and writes go on;
/// when it returns it catches up and takes the reads again; /healthz reports it with its replay lag.
/// </summary>
[Collection(PrivateClusters.Name)]
public class ReadReplicaTests : IAsyncLifetime
{
    private string _dir = "";
    private PrivatePostgres _primary = null!, _standby = null!;
    private string _primaryCs = "", _standbyCs = "";
    private Factory _app = null!;

    private sealed class Factory(string connectionString) : ZhichanFactory
    {
        protected override IDictionary<string, string> Settings => new Dictionary<string, string> { ["ZHICHAN_DB"] = connectionString };
    }

    private static int FreePort()
    {
        using var l = new TcpListener(IPAddress.Loopback, 0);
        l.Start();
        return ((IPEndPoint)l.LocalEndpoint).Port;
    }

    public async Task InitializeAsync()
    {
        _dir = Path.Combine(TestData.RepoRoot, ".data", "test", $"replica-{Guid.NewGuid():N}"[..20]);
        int p1 = FreePort(), p2 = FreePort();
        _primary = new PrivatePostgres(Path.Combine(_dir, "primary"), p1, NullLogger.Instance, sharedBuffers: "128MB", durable: false);
        _primaryCs = await _primary.StartAsync("zhichan");
        _standby = _primary.CreateStandby(Path.Combine(_dir, "standby"), p2);
        _standbyCs = await _standby.StartAsync("zhichan");
        // the test's own connections are not pooled: a pooled one to the standby would be dead after its restart
        _standbyCs = new NpgsqlConnectionStringBuilder(_standbyCs) { Pooling = false }.ConnectionString;
        var cs = new NpgsqlConnectionStringBuilder(_primaryCs)
        {
            Host = $"127.0.0.1:{p1},127.0.0.1:{p2}", LoadBalanceHosts = true, HostRecheckSeconds = 1, Timeout = 5,
        };
        _primaryCs = new NpgsqlConnectionStringBuilder(_primaryCs) { Pooling = false }.ConnectionString;
        _app = new Factory(cs.ConnectionString);
        await _app.InitializeAsync(); // migrations on the primary (the standby replays them), demo accounts
    }

    public async Task DisposeAsync()
    {
        await _app.DisposeAsync();
        NpgsqlConnection.ClearAllPools();
        _standby.Stop();
        _primary.Stop();
        try { Directory.Delete(_dir, true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }

    private static async Task<T> ScalarAsync<T>(string cs, string sql)
    {
        await using var conn = new NpgsqlConnection(cs);
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand(sql, conn);
        return (T)(await cmd.ExecuteScalarAsync())!;
    }

    /// <summary>What the app's client backends on the standby ran last (pg_stat_activity keeps an idle backend's last query).</summary>
    private Task<string[]> StandbyQueriesAsync() => Task.Run(async () =>
    {
        await using var conn = new NpgsqlConnection(_standbyCs);
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand("""
            SELECT query FROM pg_stat_activity WHERE datname = 'zhichan' AND backend_type = 'client backend' AND pid <> pg_backend_pid()
            """, conn);
        var list = new List<string>();
        await using var r = await cmd.ExecuteReaderAsync();
        while (await r.ReadAsync()) list.Add(r.GetString(0));
        return list.ToArray();
    });

    private async Task WaitForReplayAsync(long count)
    {
        for (var deadline = DateTime.UtcNow.AddSeconds(30); ; await Task.Delay(100))
        {
            if (await ScalarAsync<long>(_standbyCs, "SELECT count(*) FROM records") == count) return;
            if (DateTime.UtcNow > deadline) throw new TimeoutException("the standby did not replay the primary's records within 30 s");
        }
    }

    /// <summary>Imports real 2017 rows (those with 锂电池) through the app — a write, so it goes to the primary.</summary>
    private async Task<long> ImportAsync(HttpClient bureau, IEnumerable<string[]> rows, string name)
    {
        var imp = await RecordsApi.ImportAsync(bureau, Cn2017.Utf8Csv(rows.ToList()), name);
        imp.Str("status").ShouldBe("succeeded", imp.ToString());
        return await ScalarAsync<long>(_primaryCs, "SELECT count(*) FROM records");
    }

    private static async Task<long> SearchTotalAsync(HttpClient client)
    {
        var res = await RecordsApi.SearchAsync(client, "q=" + RecordsApi.Q(Analysis.AnalysisTestData.Lithium) + "&pageSize=5");
        return res.GetProperty("total").GetInt64();
    }

    [Fact]
    public async Task Searches_RunOnTheStandby_FallBackToThePrimaryWhenItStops_AndReturnWhenItIsBack()
    {
        var bureau = await _app.CreateClientAsAsync("bureau");
        var rows = Analysis.AnalysisTestData.LithiumRows;
        var total = await ImportAsync(bureau, rows.Take(rows.Count - 20), "lithium.csv");
        await WaitForReplayAsync(total);
        var first = await ScalarAsync<long>(_primaryCs, "SELECT count(*) FROM records WHERE title LIKE '%锂电池%' OR abstract LIKE '%锂电池%'");
        first.ShouldBeGreaterThan(100);

        // the search ran on the standby and found what the primary holds
        var found = await SearchTotalAsync(bureau);
        found.ShouldBeGreaterThanOrEqualTo(first);
        (await StandbyQueriesAsync()).ShouldContain(q => q.Contains("FROM records", StringComparison.Ordinal));
        var anonymous = _app.CreateAnonymousClient();
        var health = JsonDocument.Parse(await anonymous.GetStringAsync("/healthz")).RootElement;
        health.GetProperty("status").GetString().ShouldBe("ok");
        health.GetProperty("readsFrom").GetString().ShouldBe("standby");
        var replica = health.GetProperty("replicas").EnumerateArray().Single();
        replica.GetProperty("state").GetString().ShouldBe("streaming");
        replica.GetProperty("replayLagSeconds").GetDouble().ShouldBeLessThan(5);

        // the standby stops: reads keep answering from the primary, writes go on
        _standby.Stop();
        for (var i = 0; i < 3; i++) (await SearchTotalAsync(bureau)).ShouldBe(found);
        var saved = await bureau.PostAsJsonAsync("/api/saved-searches", new { name = "锂电池", q = Analysis.AnalysisTestData.Lithium });
        saved.StatusCode.ShouldBe(HttpStatusCode.Created, await saved.Content.ReadAsStringAsync());
        total = await ImportAsync(bureau, rows.Skip(rows.Count - 20), "lithium-later.csv");
        var more = await SearchTotalAsync(bureau);
        more.ShouldBeGreaterThan(found);
        health = JsonDocument.Parse(await anonymous.GetStringAsync("/healthz")).RootElement;
        health.GetProperty("readsFrom").GetString().ShouldBe("primary");
        health.GetProperty("replicas").GetArrayLength().ShouldBe(0);

        // it returns, replays what it missed and takes the reads again (after Host Recheck Seconds)
        await _standby.StartAsync("zhichan");
        await WaitForReplayAsync(total);
        // within a few host rechecks (1 s here) reads go to the standby again, with the same answers
        string[] after = [];
        for (var deadline = DateTime.UtcNow.AddSeconds(15); !after.Any(q => q.Contains("FROM records", StringComparison.Ordinal)); await Task.Delay(250))
        {
            DateTime.UtcNow.ShouldBeLessThan(deadline, "reads did not return to the standby: " + string.Join(" | ", after));
            (await SearchTotalAsync(bureau)).ShouldBe(more);
            after = await StandbyQueriesAsync();
        }
        JsonDocument.Parse(await anonymous.GetStringAsync("/healthz")).RootElement.GetProperty("readsFrom").GetString().ShouldBe("standby");
    }
}
