using Npgsql;
using Zhichan.Api.Platform;

namespace Zhichan.Api.Features.Records.Imports;

/// <summary>
/// Bulk mode of the import (ADR 0011): a large file loaded into a small records table is written without the
/// table's non-unique indexes, which PostgreSQL then builds in one sort each instead of maintaining them row by row
/// (the bigram GIN index above all). The unique indexes (id, record_key) stay: the writer looks keys up and the
/// upsert relies on them. Dropped definitions are kept in records_deferred_indexes in the same transaction as the
/// drop, so whatever happens afterwards, <see cref="RestoreAsync"/> (at the end of the import, and at every start)
/// puts them back.
/// </summary>
public static class DeferredIndexes
{
    /// <summary>Builds started in the order given; the GIN index on the search vector, the slowest, runs alone on one connection.</summary>
    public const string SearchIndex = "records_search";

    /// <summary>Drops the non-unique indexes of records (committed at once) and returns how many.</summary>
    public static async Task<int> DeferAsync(NpgsqlDataSource db, long importId, CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        await using (var l = new NpgsqlCommand("SELECT pg_advisory_xact_lock(7262001)", conn, tx)) await l.ExecuteNonQueryAsync(ct);
        var defs = new List<(string Name, string Definition)>();
        await using (var cmd = new NpgsqlCommand("""
            SELECT c.relname, pg_get_indexdef(i.indexrelid) FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid
            WHERE i.indrelid = 'records'::regclass AND NOT i.indisunique AND NOT i.indisprimary ORDER BY c.relname
            """, conn, tx))
        await using (var r = await cmd.ExecuteReaderAsync(ct))
            while (await r.ReadAsync(ct)) defs.Add((r.GetString(0), r.GetString(1)));
        foreach (var (name, def) in defs)
        {
            await using (var ins = new NpgsqlCommand("INSERT INTO records_deferred_indexes (name, definition, import_id) VALUES ($1, $2, $3) ON CONFLICT (name) DO NOTHING", conn, tx))
            {
                ins.Parameters.Add(new NpgsqlParameter { Value = name });
                ins.Parameters.Add(new NpgsqlParameter { Value = def });
                ins.Parameters.Add(new NpgsqlParameter { Value = importId });
                await ins.ExecuteNonQueryAsync(ct);
            }
            await using var drop = new NpgsqlCommand($"DROP INDEX IF EXISTS {Quote(name)}", conn, tx);
            await drop.ExecuteNonQueryAsync(ct);
        }
        await tx.CommitAsync(ct);
        return defs.Count;
    }

    /// <summary>
    /// Rebuilds every deferred index: the search GIN index on one connection, the others one after another on a second,
    /// each in its own transaction together with the removal of its definition (two instances never build the same one).
    /// Then refreshes the planner statistics. Returns the number rebuilt.
    /// </summary>
    public static async Task<int> RestoreAsync(NpgsqlDataSource db, ILogger log, CancellationToken ct)
    {
        List<string> names = [];
        await using (var cmd = db.CreateCommand("SELECT name FROM records_deferred_indexes ORDER BY name"))
        await using (var r = await cmd.ExecuteReaderAsync(ct))
            while (await r.ReadAsync(ct)) names.Add(r.GetString(0));
        if (names.Count == 0) return 0;
        var sw = System.Diagnostics.Stopwatch.StartNew();
        var search = names.Where(n => n == SearchIndex).ToList();
        var rest = names.Except(search).ToList();
        var built = await Task.WhenAll(BuildAsync(db, search, ct), BuildAsync(db, rest, ct));
        await using (var a = db.CreateCommand("ANALYZE records")) await a.ExecuteNonQueryAsync(ct);
        log.LogInformation("Rebuilt {Count} deferred records indexes in {Ms} ms", built.Sum(), sw.ElapsedMilliseconds);
        return built.Sum();
    }

    private static async Task<int> BuildAsync(NpgsqlDataSource db, List<string> names, CancellationToken ct)
    {
        var n = 0;
        if (names.Count == 0) return 0;
        await using var conn = await db.OpenConnectionAsync(ct);
        await using (var s = new NpgsqlCommand("SET maintenance_work_mem = '512MB'", conn)) await s.ExecuteNonQueryAsync(ct);
        foreach (var name in names)
        {
            await using var tx = await conn.BeginTransactionAsync(ct);
            string? def;
            await using (var cmd = new NpgsqlCommand("SELECT definition FROM records_deferred_indexes WHERE name = $1 FOR UPDATE SKIP LOCKED", conn, tx))
            {
                cmd.Parameters.Add(new NpgsqlParameter { Value = name });
                def = await cmd.ExecuteScalarAsync(ct) as string;
            }
            if (def is null) continue; // another instance is building it, or has built it
            await using (var exists = new NpgsqlCommand("SELECT to_regclass($1) IS NOT NULL", conn, tx))
            {
                exists.Parameters.Add(new NpgsqlParameter { Value = name });
                if (!(bool)(await exists.ExecuteScalarAsync(ct))!)
                {
                    await using var build = new NpgsqlCommand(def, conn, tx) { CommandTimeout = 0 };
                    await build.ExecuteNonQueryAsync(ct);
                    n++;
                }
            }
            await using (var del = new NpgsqlCommand("DELETE FROM records_deferred_indexes WHERE name = $1", conn, tx))
            {
                del.Parameters.Add(new NpgsqlParameter { Value = name });
                await del.ExecuteNonQueryAsync(ct);
            }
            await tx.CommitAsync(ct);
        }
        return n;
    }

    private static string Quote(string name) => "\"" + name.Replace("\"", "\"\"") + "\"";
}

/// <summary>At start-up, rebuilds the indexes a bulk import dropped and did not get to rebuild (killed, crashed), in the background.</summary>
public sealed class DeferredIndexesStartup(NpgsqlDataSource db, ILogger<DeferredIndexesStartup> log, IHostApplicationLifetime lifetime) : IStartupTask
{
    public int Order => 31;

    public Task RunAsync(CancellationToken ct)
    {
        _ = Task.Run(async () =>
        {
            try { await DeferredIndexes.RestoreAsync(db, log, lifetime.ApplicationStopping); }
            catch (Exception e) when (e is not OperationCanceledException) { log.LogError(e, "Rebuilding the deferred records indexes failed; it is retried at the next start and after the next import"); }
        }, CancellationToken.None);
        return Task.CompletedTask;
    }
}
