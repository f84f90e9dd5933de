using NpgsqlTypes;
using Zhichan.Api.Features.Records.Sources;

namespace Zhichan.Api.Features.Records.Imports;

/// <summary>
/// One file an import reads — the upload itself, or one file of its ZIP package — with its state and where a resumed run
/// takes it up. The files of a package are read one after another; each batch commits the file's counts and resume point
/// (<c>import_entries</c>) together with the import's (<c>imports</c>), so <see cref="GetImport"/> shows both.
/// </summary>
public sealed class ImportUnit(PackageFile file)
{
    public PackageFile File { get; } = file;

    /// <summary>The file's position in the package; null for an upload that is not a package.</summary>
    public int? Entry => File.Index;

    /// <summary>queued, running, succeeded, failed or skipped (a file of a package; the upload's state is the import's).</summary>
    public string Status { get; set; } = "queued";

    public bool Finished => Status is "succeeded" or "failed" or "skipped";

    /// <summary>Batches of this file committed by earlier runs: the resume point.</summary>
    public int BatchesDone { get; set; }

    /// <summary>Rows read and rejected in this file, as committed.</summary>
    public long RowsRead { get; set; }
    public long Rejected { get; set; }

    /// <summary>Rows read and rejected in the package's earlier files (the import's totals are theirs plus this file's).</summary>
    public long RowsBefore { get; set; }
    public long RejectedBefore { get; set; }

    /// <summary>Rows of this file the writer rejected as garbled (<see cref="MojibakeGuard"/>), on top of those the pipeline counts.</summary>
    public long Garbled { get; set; }
}

/// <summary>Writing an import's progress: a batch's rejections and counts, and the state of the files of a package.</summary>
public static class ImportProgress
{
    /// <summary>
    /// Inside a batch's transaction: its rejections, and the counts and resume point of the file and of the import, so a
    /// killed run leaves whole batches only.
    /// </summary>
    public static async Task CommitAsync(NpgsqlConnection conn, NpgsqlTransaction tx, long importId, ImportUnit unit, int batchNumber, long rowsSoFar,
        long rejectedSoFar, BatchOutcome outcome, IReadOnlyList<Rejection> rejections, IReadOnlySet<long> wholeRows, CancellationToken ct)
    {
        if (rejections.Count > 0)
        {
            await using var w = await conn.BeginBinaryImportAsync(
                "COPY import_rejections (import_id, row_number, field, value, reason, whole_row, entry_index) FROM STDIN (FORMAT BINARY)", ct);
            foreach (var r in rejections)
            {
                await w.StartRowAsync(ct);
                await w.WriteAsync(importId, NpgsqlDbType.Bigint, ct);
                await w.WriteAsync(r.RowNumber, NpgsqlDbType.Bigint, ct);
                await w.WriteAsync(r.Field, NpgsqlDbType.Text, ct);
                if (r.Value is null) await w.WriteNullAsync(ct); else await w.WriteAsync(r.Value.Length > 500 ? r.Value[..500] : r.Value, NpgsqlDbType.Text, ct);
                await w.WriteAsync(r.Reason, NpgsqlDbType.Text, ct);
                await w.WriteAsync(wholeRows.Contains(r.RowNumber), NpgsqlDbType.Boolean, ct);
                if (unit.Entry is { } entry) await w.WriteAsync(entry, NpgsqlDbType.Integer, ct); else await w.WriteNullAsync(ct);
            }
            await w.CompleteAsync(ct);
        }
        await using var batch = new NpgsqlBatch(conn, tx);
        var counts = new object[] { importId, batchNumber + 1, rowsSoFar, (long)outcome.Inserted, (long)outcome.Updated, (long)outcome.Unchanged, rejectedSoFar };
        if (unit.Entry is not { } index)
            batch.BatchCommands.Add(Command("""
                UPDATE imports SET batches_done = $2, rows_read = $3, inserted = inserted + $4, updated = updated + $5, unchanged = unchanged + $6,
                       rejected = $7 WHERE id = $1
                """, counts));
        else
        {
            batch.BatchCommands.Add(Command("""
                UPDATE import_entries SET batches_done = $2, rows_read = $3, inserted = inserted + $4, updated = updated + $5, unchanged = unchanged + $6,
                       rejected = $7 WHERE import_id = $1 AND entry_index = $8
                """, [.. counts, index]));
            batch.BatchCommands.Add(Command("""
                UPDATE imports SET rows_read = $2, inserted = inserted + $3, updated = updated + $4, unchanged = unchanged + $5, rejected = $6 WHERE id = $1
                """, importId, unit.RowsBefore + rowsSoFar, (long)outcome.Inserted, (long)outcome.Updated, (long)outcome.Unchanged, unit.RejectedBefore + rejectedSoFar));
        }
        await batch.ExecuteNonQueryAsync(ct);
        unit.BatchesDone = batchNumber + 1;
        unit.RowsRead = rowsSoFar;
        unit.Rejected = rejectedSoFar;
    }

    private static NpgsqlBatchCommand Command(string sql, params object[] values)
    {
        var c = new NpgsqlBatchCommand(sql);
        foreach (var v in values) c.Parameters.Add(new NpgsqlParameter { Value = v });
        return c;
    }

    /// <summary>
    /// The files of a package as <c>import_entries</c>: written on the first run (with the files skipped and why), read back
    /// with their state on a resumed one.
    /// </summary>
    public static async Task<List<ImportUnit>> EntriesAsync(NpgsqlDataSource db, long importId, ImportPackage package, CancellationToken ct)
    {
        var units = package.Files.Select(f => new ImportUnit(f)).ToList();
        if (!package.IsZip) return units;
        await using var conn = await db.OpenConnectionAsync(ct);
        await using (var ins = new NpgsqlCommand("""
            INSERT INTO import_entries (import_id, entry_index, name, size_bytes, status, message)
            SELECT $1, * FROM unnest($2::int[], $3::text[], $4::bigint[], $5::text[], $6::text[])
            ON CONFLICT (import_id, entry_index) DO NOTHING
            """, conn))
        {
            ins.Parameters.Add(new NpgsqlParameter { Value = importId });
            ins.Parameters.Add(new NpgsqlParameter { Value = units.Select(u => u.Entry!.Value).ToArray() });
            ins.Parameters.Add(new NpgsqlParameter { Value = units.Select(u => u.File.Name).ToArray() });
            ins.Parameters.Add(new NpgsqlParameter { Value = units.Select(u => u.File.Length).ToArray() });
            ins.Parameters.Add(new NpgsqlParameter { Value = units.Select(u => u.File.Skip is null ? "queued" : "skipped").ToArray() });
            ins.Parameters.Add(new NpgsqlParameter { Value = units.Select(u => u.File.Skip).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });
            await ins.ExecuteNonQueryAsync(ct);
        }
        var byIndex = units.ToDictionary(u => u.Entry!.Value);
        await using var cmd = new NpgsqlCommand("SELECT entry_index, status, batches_done, rows_read, rejected FROM import_entries WHERE import_id = $1", conn);
        cmd.Parameters.Add(new NpgsqlParameter { Value = importId });
        await using var r = await cmd.ExecuteReaderAsync(ct);
        while (await r.ReadAsync(ct))
            if (byIndex.TryGetValue(r.GetInt32(0), out var u))
                (u.Status, u.BatchesDone, u.RowsRead, u.Rejected) = (r.GetString(1), r.GetInt32(2), r.GetInt64(3), r.GetInt64(4));
        return units;
    }

    /// <summary>A file of a package changes state (with its detected format and encoding when known, and a message).</summary>
    public static async Task SetEntryAsync(NpgsqlDataSource db, long importId, ImportUnit unit, string status, string? message = null,
        string? format = null, CancellationToken ct = default)
    {
        unit.Status = status;
        if (unit.Entry is not { } entry) return;
        await using var cmd = db.CreateCommand("""
            UPDATE import_entries SET status = $3, message = COALESCE($4, message), format = COALESCE($5, format) WHERE import_id = $1 AND entry_index = $2
            """);
        cmd.Parameters.Add(new NpgsqlParameter { Value = importId });
        cmd.Parameters.Add(new NpgsqlParameter { Value = entry });
        cmd.Parameters.Add(new NpgsqlParameter { Value = status });
        cmd.Parameters.Add(new NpgsqlParameter { Value = (object?)message ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
        cmd.Parameters.Add(new NpgsqlParameter { Value = (object?)format ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
        await cmd.ExecuteNonQueryAsync(ct);
    }
}
