using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using Zhichan.Api.Platform.Database;

namespace Zhichan.Tests.Platform;

/// <summary>The private cluster's start-up paths: first start, reuse, a port in use, a stale lock file, missing binaries.</summary>
public class PrivatePostgresTests : IDisposable
{
    private readonly string _dir = Path.Combine(TestData.RepoRoot, ".data", "pg-tests-" + Guid.NewGuid().ToString("N")[..8]);

    private static int FreePort()
    {
        using var l = new TcpListener(IPAddress.Loopback, 0);
        l.Start();
        return ((IPEndPoint)l.LocalEndpoint).Port;
    }

    [Fact]
    public async Task StartAsync_FirstThenAgain_InitialisesOnceAndReusesTheRunningCluster()
    {
        var port = FreePort();
        var first = new PrivatePostgres(_dir, port, NullLogger.Instance);
        var cs = await first.StartAsync("zhichan_probe");
        try
        {
            first.StartedByUs.ShouldBeTrue();
            await using (var c = new NpgsqlConnection(cs))
            {
                await c.OpenAsync();
                // by default a quarter of the memory, in the server's own units
                await using var sb = new NpgsqlCommand("SELECT setting::bigint * 8192 FROM pg_settings WHERE name = 'shared_buffers'", c);
                ((long)(await sb.ExecuteScalarAsync())!).ShouldBe(PrivatePostgres.DefaultSharedBuffersMb(GC.GetGCMemoryInfo().TotalAvailableMemoryBytes) << 20);
            }
            var second = new PrivatePostgres(_dir, port, NullLogger.Instance);
            var cs2 = await second.StartAsync("zhichan_probe");
            second.StartedByUs.ShouldBeFalse();
            await using (var c = new NpgsqlConnection(cs2)) { await c.OpenAsync(); }
        }
        finally
        {
            first.Stop();
        }
    }

    [Fact]
    public async Task StartAsync_PortInUse_FailsWithOneClearMessage()
    {
        using var squatter = new TcpListener(IPAddress.Loopback, 0);
        squatter.Start();
        var port = ((IPEndPoint)squatter.LocalEndpoint).Port;
        var pg = new PrivatePostgres(_dir, port, NullLogger.Instance);
        var e = await Should.ThrowAsync<StartupException>(() => pg.StartAsync("zhichan_probe"));
        e.Message.ShouldContain($"Port {port}");
        e.Message.ShouldContain("ZHICHAN_PG_PORT");
    }

    [Fact]
    public async Task StartAsync_StaleLockOfADeadProcess_IsRemovedAndTheClusterStarts()
    {
        var port = FreePort();
        var pg = new PrivatePostgres(_dir, port, NullLogger.Instance);
        await pg.StartAsync("zhichan_probe");
        pg.Stop();
        // a crash leaves postmaster.pid behind with the pid of a process that no longer exists
        var pidFile = Path.Combine(_dir, "pg", "postmaster.pid");
        await File.WriteAllTextAsync(pidFile, "999999\n" + Path.Combine(_dir, "pg") + "\n");
        var again = new PrivatePostgres(_dir, port, NullLogger.Instance, sharedBuffers: "160MB");
        var cs = await again.StartAsync("zhichan_probe");
        try
        {
            await using var c = new NpgsqlConnection(cs);
            await c.OpenAsync();
            await using var sb = new NpgsqlCommand("SHOW shared_buffers", c);
            (await sb.ExecuteScalarAsync()).ShouldBe("160MB");
        }
        finally
        {
            again.Stop();
        }
    }

    [Fact]
    public void Constructor_NoBinaries_FailsWithTheInstallCommand()
    {
        var e = Should.Throw<StartupException>(() => new PrivatePostgres(_dir, FreePort(), NullLogger.Instance, searchPath: ["/nonexistent/bin"]));
        e.Message.ShouldContain("apt-get install -y postgresql");
        e.Message.ShouldContain("ZHICHAN_DB");
    }

    [Theory]
    [InlineData(1L << 30, 256)]           // a small machine keeps the floor
    [InlineData(24L << 30, 6144)]         // a quarter
    [InlineData(128L << 30, 8192)]        // and no more than 8 GB
    public void DefaultSharedBuffers_IsAQuarterOfTheMemory_Between256MbAnd8Gb(long memory, long mb) =>
        PrivatePostgres.DefaultSharedBuffersMb(memory).ShouldBe(mb);

    [Theory]
    [InlineData("lots")]
    [InlineData("2 GB")]
    [InlineData("512")]
    [InlineData("0MB")]
    public void Constructor_SharedBuffersNotASize_FailsNamingTheSetting(string value)
    {
        var e = Should.Throw<StartupException>(() => new PrivatePostgres(_dir, FreePort(), NullLogger.Instance, sharedBuffers: value));
        e.Message.ShouldContain("ZHICHAN_PG_SHARED_BUFFERS");
        e.Message.ShouldContain(value);
    }

    public void Dispose()
    {
        try { Directory.Delete(_dir, true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}
