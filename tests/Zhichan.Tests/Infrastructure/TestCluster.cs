using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using Zhichan.Api.Platform.Database;

namespace Zhichan.Tests.Infrastructure;

/// <summary>
/// One real PostgreSQL for the whole test run: ZHICHAN_TEST_DB (a server connection string) when set, otherwise a private
/// cluster under .data/test started from the machine's binaries on port ZHICHAN_TEST_PG_PORT (default 5434). Each app
/// factory gets its own database on it.
/// </summary>
public static class TestCluster
{
    private static readonly SemaphoreSlim Gate = new(1, 1);
    private static string? _adminConnection;
    private static PrivatePostgres? _pg;

    /// <summary>
    /// A new database for one app factory, copied from a template that already holds every migration (migrating each of
    /// the ~90 test databases from scratch cost seconds apiece); the app's own migrator then finds nothing to apply.
    /// </summary>
    public static async Task<string> CreateDatabaseAsync(string prefix)
    {
        var admin = await AdminConnectionAsync();
        var template = await MigratedTemplateAsync(admin);
        var name = $"{prefix}_{Guid.NewGuid():N}".ToLowerInvariant();
        await using (var conn = new NpgsqlConnection(admin))
        {
            await conn.OpenAsync();
            await using var cmd = new NpgsqlCommand($"CREATE DATABASE \"{name}\" ENCODING 'UTF8' TEMPLATE \"{template}\"", conn);
            await cmd.ExecuteNonQueryAsync();
        }
        return new NpgsqlConnectionStringBuilder(admin) { Database = name, Pooling = true, MaxPoolSize = 20 }.ConnectionString;
    }

    private static string? _template;

    /// <summary>
    /// The database named after the checksum of the migration files, with all of them applied (made once per cluster and
    /// set of migrations: a developer's cluster keeps it between runs). It is built under another name and renamed when
    /// complete, so a run cut off half-way never leaves a half-migrated template behind.
    /// </summary>
    private static async Task<string> MigratedTemplateAsync(string admin)
    {
        if (_template is not null) return _template;
        await Gate.WaitAsync();
        try
        {
            if (_template is not null) return _template;
            var folder = Migrator.DefaultFolder;
            var sums = string.Concat(Directory.GetFiles(folder, "*.sql").OrderBy(Path.GetFileName, StringComparer.Ordinal)
                .Select(f => Path.GetFileName(f) + Migrator.Checksum(File.ReadAllText(f))));
            var name = "tpl_" + Migrator.Checksum(sums)[..16];
            await using var conn = new NpgsqlConnection(admin);
            await conn.OpenAsync();
            await using (var exists = new NpgsqlCommand("SELECT EXISTS (SELECT 1 FROM pg_database WHERE datname = $1)", conn) { Parameters = { new() { Value = name } } })
                if ((bool)(await exists.ExecuteScalarAsync())!) return _template = name;
            var building = $"tplbuild_{Guid.NewGuid():N}";
            await using (var create = new NpgsqlCommand($"CREATE DATABASE \"{building}\" ENCODING 'UTF8' TEMPLATE template0", conn)) await create.ExecuteNonQueryAsync();
            var cs = new NpgsqlConnectionStringBuilder(admin) { Database = building, Pooling = false }.ConnectionString;
            await using (var source = NpgsqlDataSource.Create(cs))
                await new Migrator(source, NullLogger<Migrator>.Instance).MigrateAsync(folder);
            await using (var rename = new NpgsqlCommand($"ALTER DATABASE \"{building}\" RENAME TO \"{name}\"", conn)) await rename.ExecuteNonQueryAsync();
            return _template = name;
        }
        finally
        {
            Gate.Release();
        }
    }

    public static async Task DropDatabaseAsync(string connectionString)
    {
        var name = new NpgsqlConnectionStringBuilder(connectionString).Database;
        NpgsqlConnection.ClearAllPools();
        await using var conn = new NpgsqlConnection(await AdminConnectionAsync());
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)", conn);
        await cmd.ExecuteNonQueryAsync();
    }

    private static async Task<string> AdminConnectionAsync()
    {
        if (_adminConnection is not null) return _adminConnection;
        await Gate.WaitAsync();
        try
        {
            if (_adminConnection is not null) return _adminConnection;
            var configured = Environment.GetEnvironmentVariable("ZHICHAN_TEST_DB");
            if (!string.IsNullOrWhiteSpace(configured)) return _adminConnection = configured;
            var port = int.TryParse(Environment.GetEnvironmentVariable("ZHICHAN_TEST_PG_PORT"), out var p) ? p : 5434;
            var bin = Environment.GetEnvironmentVariable("ZHICHAN_PG_BIN");
            _pg = new PrivatePostgres(Path.Combine(TestData.RepoRoot, ".data", "test"), port, NullLogger.Instance, string.IsNullOrEmpty(bin) ? null : [bin], durable: false);
            var cs = await _pg.StartAsync("postgres");
            // in CI the cluster is stopped when the run ends; on a developer machine it is left running so that the next
            // run (or a parallel one) reuses it instead of being cut off by another run's exit
            if (Environment.GetEnvironmentVariable("CI") == "true")
                AppDomain.CurrentDomain.ProcessExit += (_, _) => { if (_pg.StartedByUs) _pg.Stop(); };
            return _adminConnection = new NpgsqlConnectionStringBuilder(cs) { Pooling = false }.ConnectionString;
        }
        finally
        {
            Gate.Release();
        }
    }
}
