using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using Zhichan.Api.Platform.Database;

namespace Zhichan.Tests.Platform;

/// <summary>
/// The restore drill of issue 26 §5 (ADR 0064), through the operator's commands: a private cluster with WAL archiving
/// (ZHICHAN_BACKUP_REPO) on its own port and folder, <c>./zhichan.sh backup full</c>, more records, <c>backup incr</c>, more
/// records, a noted time, more records and changes, then <c>./zhichan.sh restore --time</c> and a start: the records are
/// exactly those of the noted time (count and an MD5 over every row in id order).
/// </summary>
[Collection(PrivateClusters.Name)]
public sealed class BackupRestoreDrillTests : IAsyncLifetime
{
    private readonly string _state = Path.Combine(Path.GetTempPath(), $"zhichan-drill-{Guid.NewGuid():N}"[..24]);
    private int _port;
    private PrivatePostgres? _pg;

    public Task InitializeAsync()
    {
        _port = FreePort();
        return Task.CompletedTask;
    }

    public Task DisposeAsync()
    {
        _pg?.Stop();
        NpgsqlConnection.ClearAllPools();
        try { Directory.Delete(_state, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        return Task.CompletedTask;
    }

    private PrivatePostgres Cluster()
    {
        var bin = Environment.GetEnvironmentVariable("ZHICHAN_PG_BIN");
        return new PrivatePostgres(_state, _port, NullLogger.Instance, string.IsNullOrEmpty(bin) ? null : [bin], sharedBuffers: "128MB",
            backupRepo: Path.Combine(_state, "backup"));
    }

    [Fact]
    public async Task Restore_ToANotedTime_GivesExactlyTheRecordsOfThatTime()
    {
        _pg = Cluster();
        var cs = await _pg.StartAsync("zhichan");
        await using (var source = NpgsqlDataSource.Create(cs))
            await new Migrator(source, NullLogger<Migrator>.Instance).MigrateAsync(Migrator.DefaultFolder);

        await InsertAsync(cs, 1, 2_000);
        await ZhichanShAsync("backup", "full");
        await InsertAsync(cs, 2_001, 3_000);
        var incr = await ZhichanShAsync("backup", "incr");
        Assert.Contains("incr backup", incr);
        await InsertAsync(cs, 3_001, 3_500);

        var noted = await ScalarAsync<DateTime>(cs, "SELECT clock_timestamp()");
        var atNoted = await StateAsync(cs);
        Assert.Equal(3_500, atNoted.Count);

        // after the noted time: more records, and changes to records that existed then
        await InsertAsync(cs, 3_501, 5_000);
        await ExecAsync(cs, "UPDATE records SET title = title || '（已更正）', change_xid = pg_current_xact_id() WHERE id % 7 = 0");
        var final = await StateAsync(cs);
        Assert.NotEqual(atNoted, final);
        // forces a WAL switch and waits until the segment holding the later commits is in the repository
        await ZhichanShAsync("backup", "--check");
        var verified = await ZhichanShAsync("backup", "--verify");
        Assert.Contains("repository verified", verified);

        var refused = await ZhichanShAsync(expectFailure: true, "restore");
        Assert.Contains("stop the app", refused);

        _pg.Stop();
        NpgsqlConnection.ClearAllPools();
        var target = noted.ToUniversalTime().ToString("yyyy-MM-dd HH:mm:ss.ffffff", CultureInfo.InvariantCulture) + "+00";
        await ZhichanShAsync("restore", "--time", target);

        _pg = Cluster();
        cs = await _pg.StartAsync("zhichan");
        Assert.Equal(atNoted, await StateAsync(cs));
        // the restored cluster is promoted and takes writes again
        await InsertAsync(cs, 9_001, 9_010);
        Assert.Equal(3_510, (await StateAsync(cs)).Count);
    }

    private static async Task InsertAsync(string cs, int from, int to) =>
        await ExecAsync(cs, $"""
            INSERT INTO records (record_key, right_type, application_number, title, first_applicant, applicants)
            SELECT 'drill-' || g, 'invention', 'CN' || (202610000000 + g), '演练专利 ' || g || ' 一种数据备份恢复装置',
                   '连云港演练公司' || (g % 13), ARRAY['连云港演练公司' || (g % 13)]
            FROM generate_series({from}, {to}) g
            """);

    private static Task<(long Count, string Md5)> StateAsync(string cs) =>
        ScalarAsync<(long, string)>(cs, "SELECT count(*), md5(coalesce(string_agg(id || '|' || record_key || '|' || title || '|' || first_applicant, E'\\n' ORDER BY id), '')) FROM records");

    private static async Task<T> ScalarAsync<T>(string cs, string sql)
    {
        await using var conn = new NpgsqlConnection(cs);
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand(sql, conn);
        await using var r = await cmd.ExecuteReaderAsync();
        Assert.True(await r.ReadAsync());
        if (typeof(T) == typeof((long, string))) return (T)(object)(r.GetInt64(0), r.GetString(1));
        return r.GetFieldValue<T>(0);
    }

    private static async Task ExecAsync(string cs, string sql)
    {
        await using var conn = new NpgsqlConnection(cs);
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand(sql, conn);
        await cmd.ExecuteNonQueryAsync();
    }

    private Task<string> ZhichanShAsync(params string[] args) => ZhichanShAsync(false, args);

    private async Task<string> ZhichanShAsync(bool expectFailure, params string[] args)
    {
        var psi = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = TestData.RepoRoot };
        psi.ArgumentList.Add(Path.Combine(TestData.RepoRoot, "zhichan.sh"));
        foreach (var a in args) psi.ArgumentList.Add(a);
        psi.Environment["ZHICHAN_STATE_DIR"] = _state;
        psi.Environment["ZHICHAN_PG_PORT"] = _port.ToString(CultureInfo.InvariantCulture);
        using var p = Process.Start(psi)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        await p.WaitForExitAsync(timeout.Token);
        var output = await stdout + await stderr;
        if (expectFailure) Assert.True(p.ExitCode != 0, $"zhichan.sh {string.Join(' ', args)} should have failed:\n{output}");
        else Assert.True(p.ExitCode == 0, $"zhichan.sh {string.Join(' ', args)} exited {p.ExitCode}:\n{output}");
        return output;
    }

    private static int FreePort()
    {
        using var l = new TcpListener(IPAddress.Loopback, 0);
        l.Start();
        return ((IPEndPoint)l.LocalEndpoint).Port;
    }
}
