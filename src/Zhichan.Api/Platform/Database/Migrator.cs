using System.Security.Cryptography;
using System.Text;

namespace Zhichan.Api.Platform.Database;

/// <summary>
/// Applies the numbered SQL files of db/migrations in order, each in its own transaction, under a PostgreSQL advisory
/// lock so several app instances can start at once. Every applied file is recorded with a SHA-256 checksum; a file changed
/// after it was applied stops the start with a message naming it.
/// </summary>
public sealed class Migrator(NpgsqlDataSource db, ILogger<Migrator> log)
{
    private const long LockKey = AdvisoryLocks.Migrations;

    public static string DefaultFolder => Path.Combine(AppContext.BaseDirectory, "migrations");

    public async Task<IReadOnlyList<string>> MigrateAsync(string? folder = null, CancellationToken ct = default)
    {
        folder ??= DefaultFolder;
        if (!Directory.Exists(folder)) throw new StartupException($"Migrations folder {folder} is missing.");
        var files = Directory.GetFiles(folder, "*.sql").OrderBy(f => Path.GetFileName(f), StringComparer.Ordinal).ToList();

        await using var conn = await db.OpenConnectionAsync(ct);
        await using (var l = new NpgsqlCommand($"SELECT pg_advisory_lock({LockKey})", conn)) await l.ExecuteNonQueryAsync(ct);
        try
        {
            await using (var c = new NpgsqlCommand("""
                CREATE TABLE IF NOT EXISTS schema_migrations (
                    version text PRIMARY KEY, checksum text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())
                """, conn)) await c.ExecuteNonQueryAsync(ct);

            var applied = new Dictionary<string, string>();
            await using (var c = new NpgsqlCommand("SELECT version, checksum FROM schema_migrations", conn))
            await using (var r = await c.ExecuteReaderAsync(ct))
                while (await r.ReadAsync(ct)) applied[r.GetString(0)] = r.GetString(1);

            var done = new List<string>();
            foreach (var file in files)
            {
                var name = Path.GetFileName(file);
                var sql = await File.ReadAllTextAsync(file, ct);
                var checksum = Checksum(sql);
                if (applied.TryGetValue(name, out var old))
                {
                    if (old != checksum)
                        throw new StartupException(
                            $"Migration {name} was changed after it was applied (checksum {old[..12]}… in the database, {checksum[..12]}… on disk). " +
                            "Applied migrations must never be edited: restore the file and add a new numbered migration instead.");
                    continue;
                }
                await using var tx = await conn.BeginTransactionAsync(ct);
                try
                {
                    await using (var c = new NpgsqlCommand(sql, conn, tx) { CommandTimeout = 0 }) await c.ExecuteNonQueryAsync(ct);
                    await using (var c = new NpgsqlCommand("INSERT INTO schema_migrations(version, checksum) VALUES ($1, $2)", conn, tx)
                                 { Parameters = { new() { Value = name }, new() { Value = checksum } } })
                        await c.ExecuteNonQueryAsync(ct);
                    await tx.CommitAsync(ct);
                }
                catch (PostgresException e)
                {
                    throw new StartupException($"Migration {name} failed and was rolled back: {e.MessageText} (at position {e.Position})");
                }
                log.LogInformation("Applied migration {Name}", name);
                done.Add(name);
            }
            return done;
        }
        finally
        {
            await using var u = new NpgsqlCommand($"SELECT pg_advisory_unlock({LockKey})", conn);
            await u.ExecuteNonQueryAsync(CancellationToken.None);
        }
    }

    /// <summary>Checksum over the text with line endings normalised, so a checkout with CRLF does not count as a change.</summary>
    public static string Checksum(string sql) =>
        Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(sql.Replace("\r\n", "\n")))).ToLowerInvariant();
}
