using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using Zhichan.Api.Platform.Database;

namespace Zhichan.Tests.Platform;

/// <summary>
/// The private cluster's start-up paths: first start, reuse, a port in use, a stale lock file, missing binaries, huge pages.
/// In one collection with the other tests that start clusters of their own: a cluster starting meanwhile could take the
/// huge pages reserved for another.
/// </summary>
[Collection(PrivateClusters.Name)]
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
        var first = new PrivatePostgres(_dir, port, NullLogger.Instance, hugePages: false);
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
            var second = new PrivatePostgres(_dir, port, NullLogger.Instance, hugePages: false);
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
        var pg = new PrivatePostgres(_dir, port, NullLogger.Instance, hugePages: false);
        var e = await Should.ThrowAsync<StartupException>(() => pg.StartAsync("zhichan_probe"));
        e.Message.ShouldContain($"Port {port}");
        e.Message.ShouldContain("ZHICHAN_PG_PORT");
    }

    [Fact]
    public async Task StartAsync_StaleLockOfADeadProcess_IsRemovedAndTheClusterStarts()
    {
        var port = FreePort();
        var pg = new PrivatePostgres(_dir, port, NullLogger.Instance, hugePages: false);
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

    /// <summary>
    /// As root, a durable cluster with a pool of 1 GB gets the huge pages its shared memory needs before it starts (ADR 0073):
    /// the kernel's pool grows by what was missing, the server maps its shared memory there (the pages it reserves are no
    /// longer available to others), and the pages added are given back when it stops. Not as root the kernel's setting is
    /// left alone and the server starts all the same.
    /// </summary>
    [Fact]
    public async Task StartAsync_LargePoolAsRoot_ReservesHugePagesForTheServerAndGivesThemBackOnStop()
    {
        var before = HugePages.Read();
        var pg = new PrivatePostgres(_dir, FreePort(), NullLogger.Instance, sharedBuffers: "1GB");
        var cs = await pg.StartAsync("zhichan_probe");
        (long Total, long Free, long Reserved) running;
        long added;
        try
        {
            await using (var c = new NpgsqlConnection(cs)) { await c.OpenAsync(); }
            running = HugePages.Read();
            added = pg.ReservedHugePages;
        }
        finally
        {
            pg.Stop();
        }
        var after = HugePages.Read();
        after.Total.ShouldBe(before.Total, "the pages added for the server are given back when it stops (or were never added)");
        pg.ReservedHugePages.ShouldBe(0);
        if (Environment.UserName != "root")
        {
            pg.HugePagesAtStart.ShouldBe(HugePagesOutcome.NotAttempted);
            running.Total.ShouldBe(before.Total);
            return;
        }
        // as root: reserved (or found free), unless this machine does not let even root change the kernel's setting or
        // has not the memory — then nothing stays reserved and the server runs in ordinary pages
        pg.HugePagesAtStart.ShouldNotBe(HugePagesOutcome.NotAttempted);
        pg.HugePagesAtStart.ShouldNotBe(HugePagesOutcome.SizeUnknown);
        if (pg.HugePagesAtStart is HugePagesOutcome.NotWritable or HugePagesOutcome.KernelShort)
        {
            added.ShouldBe(0);
            running.Total.ShouldBe(before.Total);
            return;
        }
        // the pages the server took: no longer available (free and promised to no one); 1 GB of buffers alone is 512
        var taken = (before.Free - before.Reserved) + (running.Total - before.Total) - (running.Free - running.Reserved);
        taken.ShouldBeGreaterThanOrEqualTo(512, "the server's shared memory is mapped in huge pages");
        (running.Total - before.Total).ShouldBe(added);
        added.ShouldBe(HugePages.Shortfall(before.Free, before.Reserved, taken), "the pool grew by what was missing, no more");
    }

    [Theory]
    [InlineData(0, 0, 540, 540)]     // no pool: all of it
    [InlineData(600, 0, 540, 0)]     // enough free
    [InlineData(600, 100, 540, 40)]  // 100 of the free ones promised to a running server
    [InlineData(100, 0, 540, 440)]
    public void Shortfall_CountsOnlyFreePagesNoOneReserved(long free, long reserved, long needed, long expected) =>
        HugePages.Shortfall(free, reserved, needed).ShouldBe(expected);

    [Theory]
    [InlineData("6026MB", 6026)]
    [InlineData("2GB", 2048)]
    [InlineData("524288kB", 512)]
    public void PoolMb_ReadsEachUnit(string value, long mb) => PrivatePostgres.PoolMb(value).ShouldBe(mb);

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
