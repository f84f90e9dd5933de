using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Zhichan.Api.Features.Admin;
using Zhichan.Api.Platform.Auth;
using Zhichan.Api.Platform;

namespace Zhichan.Tests.Infrastructure;

/// <summary>
/// The real app over HTTP, on its own database in the test cluster, with the demo accounts. Tests call
/// <see cref="ResetAsync"/> (through <see cref="IntegrationTest"/>) so each starts from the same state.
/// </summary>
public class ZhichanFactory : WebApplicationFactory<Program>, IAsyncLifetime
{
    public const string Password = "Test@2026pass";
    public string ConnectionString { get; private set; } = "";

    /// <summary>Settings a derived factory may add (e.g. rate limits).</summary>
    protected virtual IDictionary<string, string> Settings => new Dictionary<string, string>();

    public async Task InitializeAsync()
    {
        ConnectionString = await TestCluster.CreateDatabaseAsync("t");
        _ = Services; // start the host: migrations and demo accounts run now
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("ZHICHAN_DB", ConnectionString);
        builder.UseSetting("ZHICHAN_DEMO_RECORDS", "0");
        builder.UseSetting("ZHICHAN_DEMO_PASSWORD", Password);
        builder.UseSetting("ZHICHAN_DATA", TestData.Folder);
        // rate limits out of the way (the rate-limit tests set their own): every test client shares one address
        foreach (var rate in new[] { "ZHICHAN_PUBLIC_RATE", "ZHICHAN_LOGIN_RATE", "ZHICHAN_USER_SEARCH_RATE", "ZHICHAN_USER_EXPORT_RATE", "ZHICHAN_USER_WRITE_RATE", "ZHICHAN_PUBLIC_EXPORT_RATE" })
            builder.UseSetting(rate, "100000");
        builder.UseSetting("Logging:LogLevel:Default", "Warning");
        foreach (var (k, v) in Settings) builder.UseSetting(k, v);
    }

    /// <summary>Empties every table except the migration history, the key ring and reference data (ref_*), then recreates the demo accounts.</summary>
    /// <remarks>
    /// A TRUNCATE of all ~140 tables creates and unlinks ~600 files and costs seconds per test; most tests touch a handful of
    /// tables. So only the tables holding rows are emptied: small ones with DELETE (foreign-key triggers off for the
    /// transaction, which needs the superuser the test cluster has), large ones (an import) with TRUNCATE … CASCADE; the
    /// sequences of the emptied tables restart as TRUNCATE … RESTART IDENTITY would. Without superuser rights (a configured
    /// ZHICHAN_TEST_DB) every table is truncated as before.
    /// </remarks>
    public async Task ResetAsync()
    {
        await using (var conn = new NpgsqlConnection(ConnectionString))
        {
            await conn.OpenAsync();
            _resetTables ??= await ResetTablesAsync(conn);
            if (_resetTables.Count > 0)
            {
                // a job the last test started (an entity resolution after an import, a recomputation) may still be running: let a live
                // one end first (at most 10 s), and retry when the emptying still meets one in a deadlock
                for (var wait = 0; wait < 100; wait++)
                {
                    await using var busy = new NpgsqlCommand("SELECT EXISTS (SELECT 1 FROM jobs WHERE status = 'running' AND locked_until > now())", conn);
                    if (!(bool)(await busy.ExecuteScalarAsync())!) break;
                    await Task.Delay(100);
                }
                for (var attempt = 1; ; attempt++)
                {
                    try
                    {
                        await EmptyAsync(conn);
                        break;
                    }
                    catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.DeadlockDetected && attempt < 5)
                    {
                        await Task.Delay(200 * attempt);
                    }
                }
            }
        }
        // the demo accounts, and the example expert row of the demo account expert (protection appoints it as investigator)
        foreach (var task in Services.GetServices<IStartupTask>().Where(t => t is DemoAccounts or Zhichan.Api.Features.Registries.Experts.ExpertDemoProfile).OrderBy(t => t.Order))
            await task.RunAsync(CancellationToken.None);
    }

    private List<string>? _resetTables;
    private bool? _superuser;

    private static async Task<List<string>> ResetTablesAsync(NpgsqlConnection conn)
    {
        var tables = new List<string>();
        await using var cmd = new NpgsqlCommand(
            "SELECT quote_ident(tablename) FROM pg_tables WHERE schemaname = 'public' AND tablename NOT IN ('schema_migrations', 'data_protection_keys') AND tablename NOT LIKE 'ref\\_%' ORDER BY tablename", conn);
        await using var r = await cmd.ExecuteReaderAsync();
        while (await r.ReadAsync()) tables.Add(r.GetString(0));
        return tables;
    }

    private async Task EmptyAsync(NpgsqlConnection conn)
    {
        var tables = _resetTables!;
        _superuser ??= (bool)(await new NpgsqlCommand("SELECT rolsuper FROM pg_roles WHERE rolname = current_user", conn).ExecuteScalarAsync())!;
        if (_superuser != true)
        {
            await using var all = new NpgsqlCommand($"TRUNCATE {string.Join(", ", tables)} RESTART IDENTITY CASCADE", conn);
            await all.ExecuteNonQueryAsync();
            return;
        }
        // the app's background jobs keep writing (a recurring job queued, a job claimed): every table is locked against
        // writes before it is looked at, so that no row lands between seeing a table empty and restarting its sequence
        // (a row inserted there kept its id while the sequence handed the same id out again: a duplicate key)
        await using var tx = await conn.BeginTransactionAsync();
        await using (var lk = new NpgsqlCommand($"SET LOCAL session_replication_role = replica; LOCK TABLE {string.Join(", ", tables)} IN EXCLUSIVE MODE", conn, tx))
            await lk.ExecuteNonQueryAsync();
        // which tables hold rows, and how large they are (one round trip)
        var used = new List<(string Table, long Bytes)>();
        var probe = string.Join(" UNION ALL ", tables.Select(t => $"SELECT '{t.Replace("'", "''")}', pg_relation_size('{t.Replace("'", "''")}') WHERE EXISTS (SELECT 1 FROM {t})"));
        await using (var cmd = new NpgsqlCommand(probe, conn, tx))
        await using (var r = await cmd.ExecuteReaderAsync())
            while (await r.ReadAsync()) used.Add((r.GetString(0), r.GetInt64(1)));
        var large = used.Where(u => u.Bytes > LargeTableBytes).Select(u => u.Table).ToList();
        var small = used.Where(u => u.Bytes <= LargeTableBytes).Select(u => u.Table).ToList();
        var sql = new System.Text.StringBuilder();
        if (large.Count > 0) sql.Append($"TRUNCATE {string.Join(", ", large)} RESTART IDENTITY CASCADE; ");
        foreach (var t in small) sql.Append($"DELETE FROM {t}; ");
        // every used sequence of a serial or identity column of these tables starts again (a row the test added and removed counts too)
        var names = string.Join(", ", tables.Select(t => $"'{t.Replace("'", "''")}'::regclass"));
        sql.Append($"""
            SELECT setval(s.oid, q.seqstart, false) FROM pg_class s JOIN pg_sequence q ON q.seqrelid = s.oid
            JOIN pg_depend d ON d.objid = s.oid AND d.classid = 'pg_class'::regclass AND d.deptype IN ('a', 'i')
            WHERE s.relkind = 'S' AND d.refobjid IN ({names}) AND CASE WHEN s.relkind = 'S' THEN pg_sequence_last_value(s.oid) END IS NOT NULL;
            """);
        await using (var empty = new NpgsqlCommand(sql.ToString(), conn, tx)) await empty.ExecuteNonQueryAsync();
        await tx.CommitAsync();
    }

    /// <summary>Above this heap size a table is truncated rather than deleted from (an import's records and their events).</summary>
    private const long LargeTableBytes = 4L * 1024 * 1024;

    /// <summary>A client with its own cookie jar, not signed in.</summary>
    public HttpClient CreateAnonymousClient() => CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });

    /// <summary>A client signed in as one of the demo accounts (admin, bureau, police, court, lianyun, haizhou, hengrui, agency, expert).</summary>
    public Task<HttpClient> CreateClientAsAsync(string username, string password = Password) => SignInAsync(this, username, password);

    /// <summary>A client of <paramref name="host"/> (this app, or one derived with other settings) signed in as <paramref name="username"/>.</summary>
    public static async Task<HttpClient> SignInAsync(WebApplicationFactory<Program> host, string username, string password = Password)
    {
        var client = host.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        var res = await client.PostAsJsonAsync("/api/auth/login", new { username, password });
        if (res.StatusCode != HttpStatusCode.OK) throw new InvalidOperationException($"Login as {username} failed: {res.StatusCode} {await res.Content.ReadAsStringAsync()}");
        var body = await res.Content.ReadFromJsonAsync<LoginBody>();
        client.DefaultRequestHeaders.Add("X-XSRF-TOKEN", body!.CsrfToken);
        return client;
    }

    /// <summary>Runs SQL against the test database (for arranging and asserting state).</summary>
    public async Task<T?> ScalarAsync<T>(string sql, params object[] args)
    {
        await using var conn = new NpgsqlConnection(ConnectionString);
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand(sql, conn);
        foreach (var a in args) cmd.Parameters.Add(new NpgsqlParameter { Value = a });
        var v = await cmd.ExecuteScalarAsync();
        return v is null or DBNull ? default : (T)Convert.ChangeType(v, Nullable.GetUnderlyingType(typeof(T)) ?? typeof(T));
    }

    public async Task ExecuteAsync(string sql, params object[] args)
    {
        await using var conn = new NpgsqlConnection(ConnectionString);
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand(sql, conn);
        foreach (var a in args) cmd.Parameters.Add(new NpgsqlParameter { Value = a });
        await cmd.ExecuteNonQueryAsync();
    }

    public new async Task DisposeAsync()
    {
        await base.DisposeAsync();
        if (ConnectionString.Length > 0) await TestCluster.DropDatabaseAsync(ConnectionString);
    }

    private sealed record LoginBody(string CsrfToken);
}

/// <summary>Base class of integration tests: one factory per test class, reset before every test.</summary>
public abstract class IntegrationTest<TFactory>(TFactory factory) : IClassFixture<TFactory>, IAsyncLifetime where TFactory : ZhichanFactory
{
    protected TFactory App { get; } = factory;
    public virtual Task InitializeAsync() => App.ResetAsync();
    public Task DisposeAsync() => Task.CompletedTask;
}

public abstract class IntegrationTest(ZhichanFactory factory) : IntegrationTest<ZhichanFactory>(factory);

/// <summary>
/// The app on a real Kestrel port for browser tests; the built web front end is served from wwwroot. A derived factory may
/// add settings (see <see cref="ZhichanFactory.Settings"/>).
/// </summary>
public class KestrelFactory : ZhichanFactory
{
    public KestrelFactory() => UseKestrel(0);

    public string BaseUrl
    {
        get
        {
            StartServer();
            return ClientOptions.BaseAddress.ToString().TrimEnd('/');
        }
    }
}
