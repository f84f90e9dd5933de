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
    /// <summary>The search index (over the lexemes' codes, migration 0022), the slowest to build: first in the queue.</summary>
    public const string SearchIndex = "records_search";

    /// <summary>
    /// Drops the non-unique indexes of records, of entities (none since migration 0027; one a later feature adds would be
    /// maintained for every new applicant of the load otherwise) and of search_vocabulary (its codes B-tree), committed
    /// at once, and returns how many.
    /// </summary>
    public static async Task<int> DeferAsync(NpgsqlDataSource db, long importId, CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        await using (var l = new NpgsqlCommand(AdvisoryLocks.XactLock(AdvisoryLocks.RecordWrites), conn, tx)) await l.ExecuteNonQueryAsync(ct);
        var defs = new List<(string Name, string Definition)>();
        await using (var cmd = new NpgsqlCommand("""
            SELECT c.relname, pg_get_indexdef(i.indexrelid) FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid
            WHERE i.indrelid IN ('records'::regclass, 'entities'::regclass, 'search_vocabulary'::regclass) AND NOT i.indisunique AND NOT i.indisprimary ORDER BY c.relname
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
        // no automatic ANALYZE of a table that is being loaded (each one costs seconds of CPU, taken from the load);
        // the import analyses while its last batches are written and once more after, RestoreAsync switches autovacuum back on
        await using (var off = new NpgsqlCommand("ALTER TABLE records SET (autovacuum_enabled = false)", conn, tx)) await off.ExecuteNonQueryAsync(ct);
        await tx.CommitAsync(ct);
        return defs.Count;
    }

    /// <summary>
    /// Rebuilds every deferred index on two connections taking turns from a queue (the search index first), each in its
    /// own transaction together with the removal of its definition (two instances never build the same one), then —
    /// unless <paramref name="analyze"/> is false because the caller refreshes them itself — the planner statistics.
    /// Returns the number rebuilt.
    /// </summary>
    public static async Task<int> RestoreAsync(NpgsqlDataSource db, ILogger log, CancellationToken ct, bool analyze = true)
    {
        List<(string Name, string Definition)> deferred = [];
        await using (var cmd = db.CreateCommand("SELECT name, definition FROM records_deferred_indexes ORDER BY name"))
        await using (var r = await cmd.ExecuteReaderAsync(ct))
            while (await r.ReadAsync(ct)) deferred.Add((r.GetString(0), r.GetString(1)));
        if (deferred.Count == 0) { await AutovacuumBackOnAsync(db, ct); return 0; }
        var sw = System.Diagnostics.Stopwatch.StartNew();
        // the search index builds fastest with a small accumulator while the table is small (it stays in the CPU's
        // cache; ADR 0011); large tables keep the large one (fewer merges)
        long bytes;
        await using (var c = db.CreateCommand("SELECT pg_relation_size('records')"))
            bytes = Convert.ToInt64(await c.ExecuteScalarAsync(ct));
        var searchMemory = bytes < SmallTableBytes ? "32MB" : "512MB";
        // two connections (one core each) take turns from one queue: the search index first — the longest build —
        // then the other GIN indexes and the B-trees, the shortest last. ANALYZE comes after them: it takes a lock that
        // conflicts with CREATE INDEX (SHARE UPDATE EXCLUSIVE against SHARE), so queued between the builds it only waited
        // for the one on the other connection and then held up the next (several times its own time, ADR 0011), and
        // after them it also gathers the statistics of the search index's year expression.
        var queue = new System.Collections.Concurrent.ConcurrentQueue<string>(deferred
            .OrderBy(d => d.Name == SearchIndex ? 0 : d.Definition.Contains(" USING gin ", StringComparison.Ordinal) ? 1 : 2)
            .ThenBy(d => d.Name, StringComparer.Ordinal).Select(d => d.Name));
        var steps = new System.Collections.Concurrent.ConcurrentQueue<string>();
        var built = await Task.WhenAll(BuildAsync(db, queue, searchMemory, steps, 1, sw, ct), BuildAsync(db, queue, searchMemory, steps, 2, sw, ct));
        if (analyze)
        {
            var from = sw.ElapsedMilliseconds;
            await AnalyzeAsync(db, ct);
            steps.Enqueue($"ANALYZE {from}–{sw.ElapsedMilliseconds}");
        }
        await AutovacuumBackOnAsync(db, ct);
        log.LogInformation("Rebuilt {Count} deferred records indexes in {Ms} ms ({Steps})", built.Sum(), sw.ElapsedMilliseconds, string.Join(", ", steps));
        return built.Sum();
    }

    /// <summary>
    /// Refreshes the planner statistics of records (ANALYZE; it does not block reads or writes), with the columns'
    /// default statistics target or — for a quick first pass — a smaller one (<paramref name="target"/>: a sample of 300
    /// rows per unit; the default 100 reads 30,000).
    /// </summary>
    public static async Task AnalyzeAsync(NpgsqlDataSource db, CancellationToken ct, int? target = null)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        if (target is { } t)
        {
            await using var set = new NpgsqlCommand($"SET LOCAL default_statistics_target = {t}", conn, tx);
            await set.ExecuteNonQueryAsync(ct);
        }
        await using (var a = new NpgsqlCommand("ANALYZE records", conn, tx) { CommandTimeout = 0 })
            await a.ExecuteNonQueryAsync(ct);
        await tx.CommitAsync(ct);
    }

    /// <summary>
    /// The statistics target of the ANALYZE a bulk import runs while its last batches are written (ImportJob): a
    /// sample of 9,000 rows instead of 30,000, about a quarter of the time, which the index builds would otherwise wait
    /// for. The full ANALYZE after the import replaces these statistics a second or two later.
    /// </summary>
    public const int QuickStatisticsTarget = 30;

    /// <summary>
    /// Below this heap size (about a million records) the search index is built with a small maintenance_work_mem
    /// (see <see cref="RestoreAsync"/>).
    /// </summary>
    public const long SmallTableBytes = 2L << 30;

    private static async Task AutovacuumBackOnAsync(NpgsqlDataSource db, CancellationToken ct)
    {
        await using var cmd = db.CreateCommand("""
            DO $$ BEGIN
              IF EXISTS (SELECT 1 FROM pg_class WHERE oid = 'records'::regclass AND 'autovacuum_enabled=false' = ANY (reloptions)) THEN
                ALTER TABLE records RESET (autovacuum_enabled);
              END IF;
            END $$
            """);
        await cmd.ExecuteNonQueryAsync(ct);
    }

    private static async Task<int> BuildAsync(NpgsqlDataSource db, System.Collections.Concurrent.ConcurrentQueue<string> queue, string searchMemory,
        System.Collections.Concurrent.ConcurrentQueue<string> steps, int connection, System.Diagnostics.Stopwatch clock, CancellationToken ct)
    {
        var n = 0;
        await using var conn = await db.OpenConnectionAsync(ct);
        // no parallel workers: the two connections already keep both cores busy
        await using (var s = new NpgsqlCommand("SET max_parallel_maintenance_workers = 0", conn)) await s.ExecuteNonQueryAsync(ct);
        string? memory = null;
        while (queue.TryDequeue(out var name))
        {
            var from = clock.ElapsedMilliseconds;
            using var step = new Finally(() => steps.Enqueue($"{name} #{connection} {from}–{clock.ElapsedMilliseconds}"));
            var want = name == SearchIndex ? searchMemory : "512MB";
            if (want != memory)
            {
                await using var m = new NpgsqlCommand($"SET maintenance_work_mem = '{want}'", conn);
                await m.ExecuteNonQueryAsync(ct);
                memory = want;
            }
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
        await using (var r = new NpgsqlCommand("RESET maintenance_work_mem; RESET max_parallel_maintenance_workers", conn)) await r.ExecuteNonQueryAsync(ct);
        return n;
    }

    private sealed class Finally(Action action) : IDisposable
    {
        public void Dispose() => action();
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
            try
            {
                // another instance's bulk import deferred them and rebuilds them itself at its end (or, if it died, its
                // resumed run does): building them now would only hold up its batches
                if (await ImportRunningAsync()) { log.LogInformation("Deferred records indexes left to the import running on another instance"); return; }
                await DeferredIndexes.RestoreAsync(db, log, lifetime.ApplicationStopping);
            }
            catch (Exception e) when (e is not OperationCanceledException) { log.LogError(e, "Rebuilding the deferred records indexes failed; it is retried at the next start and after the next import"); }
        }, CancellationToken.None);
        return Task.CompletedTask;
    }

    /// <summary>An import job held by a live claim (its instance's heartbeat renews it).</summary>
    private async Task<bool> ImportRunningAsync()
    {
        await using var cmd = db.CreateCommand("SELECT EXISTS (SELECT 1 FROM jobs WHERE kind = $1 AND status = 'running' AND locked_until > now())");
        cmd.Parameters.Add(new NpgsqlParameter { Value = ImportJob.JobKind });
        return (bool)(await cmd.ExecuteScalarAsync())!;
    }
}
