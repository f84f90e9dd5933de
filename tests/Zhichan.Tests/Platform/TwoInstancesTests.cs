using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Npgsql;
using Zhichan.Tests.Infrastructure;
using Zhichan.Api.Features.Records.Normalisation;
using Zhichan.Tests.Records.Api;

namespace Zhichan.Tests.Platform;

/// <summary>
/// Two real app processes on one database (issue 26 §1, ADR 0061): what one instance starts, the other continues — a
/// signed-in session, an import whose instance is killed with SIGKILL, a recurring job's period. The kill runs last, so
/// that no instance has to be started again after it.
/// </summary>
[TestCaseOrderer(RunsLastOrderer.Name, RunsLastOrderer.Assembly)]
public sealed class TwoInstancesTests(TwoInstancesTests.Instances app) : IClassFixture<TwoInstancesTests.Instances>
{
    private const string ForwardedClient = "203.0.113.7";

    /// <summary>The database and two instances of the app on it; instance A trusts 127.0.0.1 as its reverse proxy, B trusts none.</summary>
    public sealed class Instances : IAsyncLifetime
    {
        public string ConnectionString { get; private set; } = "";
        public AppProcess A { get; set; } = null!;
        public AppProcess B { get; set; } = null!;

        public Dictionary<string, string> Settings(bool trustLoopbackProxy) => new()
        {
            ["ZHICHAN_DB"] = ConnectionString,
            ["ZHICHAN_DEMO_RECORDS"] = "0",
            ["ZHICHAN_DEMO_PASSWORD"] = ZhichanFactory.Password,
            ["ZHICHAN_DATA"] = TestData.Folder,
            ["ZHICHAN_STATE_DIR"] = Path.Combine(Path.GetTempPath(), "zhichan-two-instances"),
            // a killed instance's job is taken over after 6 s instead of 2 minutes; the schedulers look every second
            ["ZHICHAN_JOB_LEASE_SECONDS"] = "6",
            ["ZHICHAN_SCHEDULER_TICK_SECONDS"] = "1",
            ["ZHICHAN_TRUSTED_PROXIES"] = trustLoopbackProxy ? "127.0.0.1" : "",
            ["ZHICHAN_LOGIN_RATE"] = "100000",
            ["ZHICHAN_USER_WRITE_RATE"] = "100000",
            // the import test's 25,000 rows in batches of 2,500, in bulk mode (deferred indexes) as a large file would be
            ["ZHICHAN_IMPORT_BATCH_ROWS"] = "2500",
            ["ZHICHAN_IMPORT_BULK_MIN_ROWS"] = "10000",
        };

        public async Task InitializeAsync()
        {
            ConnectionString = await TestCluster.CreateDatabaseAsync("two");
            // started together: migrations and start-up tasks (demo accounts, seeds) meet on the same empty database
            var a = AppProcess.StartAsync(Settings(trustLoopbackProxy: true));
            var b = AppProcess.StartAsync(Settings(trustLoopbackProxy: false));
            A = await a;
            B = await b;
        }

        public async Task DisposeAsync()
        {
            if (A is not null) await A.DisposeAsync();
            if (B is not null) await B.DisposeAsync();
            if (ConnectionString.Length > 0) await TestCluster.DropDatabaseAsync(ConnectionString);
        }

        public async Task<T> ScalarAsync<T>(string sql, params object[] args)
        {
            await using var conn = new NpgsqlConnection(ConnectionString);
            await conn.OpenAsync();
            await using var cmd = new NpgsqlCommand(sql, conn);
            foreach (var a in args) cmd.Parameters.Add(new NpgsqlParameter { Value = a });
            return (T)Convert.ChangeType((await cmd.ExecuteScalarAsync())!, typeof(T));
        }

        public string Logs => $"--- instance A (pid {A.Pid}) ---\n{A.Output}\n--- instance B (pid {B.Pid}) ---\n{B.Output}";
    }


    [Fact]
    public async Task Session_SignedInOnOne_ContinuesOnTheOther_AndLogoutAndPasswordChangeCountEverywhere()
    {
        var browser = new ProcessBrowser();
        await browser.SignInAsync(app.A, "bureau");
        (await browser.MeAsync(app.B)).ShouldBe(HttpStatusCode.OK, "the cookie of instance A is valid on instance B");
        // a write on B with the antiforgery token A issued (the data-protection key ring is shared through PostgreSQL)
        var saved = await browser.SendAsync(app.B, HttpMethod.Post, "/api/notifications/read-all");
        ((int)saved.StatusCode).ShouldBeLessThan(300, await saved.Content.ReadAsStringAsync());
        (await browser.SendAsync(app.B, HttpMethod.Post, "/api/auth/logout")).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        (await browser.MeAsync(app.A)).ShouldBe(HttpStatusCode.Unauthorized, "a session ended on B is ended on A");

        // a password change on B ends the account's other sessions, also the one signed in on A
        var first = new ProcessBrowser();
        var second = new ProcessBrowser();
        await first.SignInAsync(app.A, "haizhou");
        await second.SignInAsync(app.B, "haizhou");
        (await first.MeAsync(app.B)).ShouldBe(HttpStatusCode.OK);
        var changed = await second.SendAsync(app.B, HttpMethod.Post, "/api/auth/password", new { currentPassword = ZhichanFactory.Password, newPassword = "Qv7#mLp2Xr9t" });
        changed.StatusCode.ShouldBe(HttpStatusCode.OK, await changed.Content.ReadAsStringAsync());
        (await first.MeAsync(app.A)).ShouldBe(HttpStatusCode.Unauthorized, "the password change on B revoked the session used on A");
        (await second.MeAsync(app.A)).ShouldBe(HttpStatusCode.OK, "the changing session continues, on either instance");
    }

    [Fact]
    public async Task ClientAddress_FromTrustedProxyOnly_ReachesSessionsAndAuditLog()
    {
        await new ProcessBrowser().SignInAsync(app.A, "police", forwardedFor: ForwardedClient);
        await new ProcessBrowser().SignInAsync(app.B, "court", forwardedFor: ForwardedClient);
        (await app.ScalarAsync<string>("SELECT ip FROM audit_log WHERE action = 'login' AND entity_id = (SELECT id::text FROM users WHERE username = 'police') ORDER BY id DESC LIMIT 1"))
            .ShouldBe(ForwardedClient, "A trusts 127.0.0.1 as its proxy: the forwarded client is the one audited");
        (await app.ScalarAsync<string>("SELECT s.ip FROM user_sessions s JOIN users u ON u.id = s.user_id WHERE u.username = 'police' ORDER BY s.id DESC LIMIT 1"))
            .ShouldBe(ForwardedClient);
        (await app.ScalarAsync<string>("SELECT ip FROM audit_log WHERE action = 'login' AND entity_id = (SELECT id::text FROM users WHERE username = 'court') ORDER BY id DESC LIMIT 1"))
            .ShouldNotBe(ForwardedClient, "B trusts no proxy: a client cannot choose its audited address by sending the header");
    }

    [Fact]
    public async Task RecurringJob_RunsOncePerPeriod_AcrossBothInstances()
    {
        const string kind = "platform.retention";
        // both schedulers look every second; each period is made due by moving its time into the past
        await WaitForAsync(async () => await app.ScalarAsync<long>("SELECT count(*) FROM job_schedules WHERE kind = $1", kind) == 1, "the schedule row");
        var before = await app.ScalarAsync<long>("SELECT count(*) FROM jobs WHERE kind = $1", kind);
        const int periods = 3;
        for (var p = 1; p <= periods; p++)
        {
            await app.ScalarAsync<long>("WITH u AS (UPDATE job_schedules SET next_run_at = now() - interval '1 second' WHERE kind = $1 RETURNING 1) SELECT count(*) FROM u", kind);
            // the instance that moves next_run_at on queues the job in the same transaction: once moved, the period is decided
            await WaitForAsync(async () => await app.ScalarAsync<bool>("SELECT next_run_at > now() FROM job_schedules WHERE kind = $1", kind)
                && await app.ScalarAsync<long>("SELECT count(*) FROM jobs WHERE kind = $1 AND status IN ('queued', 'running')", kind) == 0, $"period {p} run");
        }
        (await app.ScalarAsync<long>("SELECT count(*) FROM jobs WHERE kind = $1", kind)).ShouldBe(before + periods, app.Logs);
        (await app.ScalarAsync<long>("SELECT count(*) FROM jobs WHERE kind = $1 AND status = 'succeeded'", kind)).ShouldBe(before + periods);
    }

    [Fact, RunsLast]
    public async Task Import_InstanceKilledMidImport_OtherInstanceResumes_NoRecordLostOrDuplicated()
    {
        // the first 25,000 rows of the 2017 file: ten batches, the kill lands after two
        var rows = Cn2017.First(25_000);
        var file = Cn2017.Gzip(Cn2017.Utf8Csv(rows));
        // the file's applications: its A and B rows of one application (and the two written forms of a number) are one record
        var numbers = rows.Select(r => r[Cn2017.Col("application_no")]).ToList();
        var expected = numbers.Select(n => ApplicationNumber.TryParse(n, out _)?.Canonical ?? n).Distinct().LongCount();
        var browser = new ProcessBrowser();
        await browser.SignInAsync(app.A, "bureau");
        var form = new MultipartFormDataContent { { new ByteArrayContent(file), "file", "cn-invention-2017-first-25000.csv.gz" }, { new StringContent("auto"), "format" } };
        var res = await browser.SendAsync(app.A, HttpMethod.Post, "/api/imports", content: form);
        var text = await res.Content.ReadAsStringAsync();
        res.StatusCode.ShouldBe(HttpStatusCode.Accepted, text);
        var id = JsonDocument.Parse(text).RootElement.GetProperty("id").GetInt64();

        // whichever instance claimed the job is killed once some batches are committed and the rest are not
        await WaitForAsync(async () => await app.ScalarAsync<int>("SELECT batches_done FROM imports WHERE id = $1", id) >= 2, "two committed batches", TimeSpan.FromSeconds(60));
        var holder = await app.ScalarAsync<string>("SELECT j.locked_by FROM jobs j JOIN imports i ON i.job_id = j.id WHERE i.id = $1", id);
        var (victim, survivor) = holder.Contains($":{app.A.Pid}:", StringComparison.Ordinal) ? (app.A, app.B) : (app.B, app.A);
        holder.ShouldContain($":{victim.Pid}:");
        victim.KillHard();
        var atKill = await app.ScalarAsync<long>("SELECT count(*) FROM records");
        atKill.ShouldBeLessThan(expected, "the kill landed mid-import");

        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(100);
        string status;
        while (true)
        {
            var imp = await (await browser.SendAsync(survivor, HttpMethod.Get, $"/api/imports/{id}")).Content.ReadFromJsonAsync<JsonElement>();
            status = imp.GetProperty("status").GetString()!;
            if (status is "succeeded" or "completed_with_errors" or "failed") break;
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"import still {status}: {imp}\n{survivor.Output}");
            await Task.Delay(250);
        }
        status.ShouldBe("succeeded", survivor.Output);
        (await app.ScalarAsync<string>("SELECT j.locked_by FROM jobs j JOIN imports i ON i.job_id = j.id WHERE i.id = $1", id)).ShouldContain($":{survivor.Pid}:", Case.Sensitive, "the survivor finished it");
        (await app.ScalarAsync<int>("SELECT j.attempts FROM jobs j JOIN imports i ON i.job_id = j.id WHERE i.id = $1", id)).ShouldBe(2);
        (await app.ScalarAsync<long>("SELECT count(*) FROM records")).ShouldBe(expected, "0 records lost");
        (await app.ScalarAsync<long>("SELECT count(DISTINCT application_number) FROM records")).ShouldBe(expected, "0 records duplicated");
        (await app.ScalarAsync<long>("SELECT rows_read FROM imports WHERE id = $1", id)).ShouldBe(numbers.Count);
        // the import ran in bulk mode, and every index it deferred is back
        (await app.ScalarAsync<bool>("SELECT bulk FROM imports WHERE id = $1", id)).ShouldBeTrue();
        (await app.ScalarAsync<long>("SELECT count(*) FROM records_deferred_indexes")).ShouldBe(0);
        (await app.ScalarAsync<long>("SELECT count(*) FROM pg_indexes WHERE tablename = 'records' AND indexname = 'records_search'")).ShouldBe(1);
        // the killed instance stays down: the fixture disposes of it, and no test of the class runs after this one
    }

    private static async Task WaitForAsync(Func<Task<bool>> condition, string what, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(30));
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"waited in vain for {what}");
            await Task.Delay(100);
        }
    }
}
