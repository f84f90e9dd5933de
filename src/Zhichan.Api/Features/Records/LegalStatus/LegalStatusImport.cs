using Zhichan.Api.Platform.Files;
using NpgsqlTypes;
using Zhichan.Api.Features.Records.Imports;
using Zhichan.Api.Features.Records.Sources.Tabular;
using Zhichan.Api.Platform.Jobs;

namespace Zhichan.Api.Features.Records.LegalStatus;

/// <summary>
/// Imports a CNIPA legal-status file (ADR 0017): every row is an event of the application it names, stored once
/// (<c>legal_status_events</c>, re-importing changes nothing) and attached to the record of that application when it is in
/// the database — its events and status updated, nothing else — or kept pending until a records import brings it. A row
/// whose application number the spreadsheet destroyed is rejected with the reason; no record is ever created. Batches of
/// <see cref="ImportOptions.BatchRows"/> rows, each in one transaction with its rejections and the resume point, under the
/// records write lock.
/// </summary>
public static class LegalStatusImport
{
    /// <summary>Rows read, and events attached to records by this file.</summary>
    public readonly record struct Result(long Rows, long Attached);

    public static async Task<Result> RunAsync(NpgsqlDataSource db, long importId, ImportUnit unit, string[] header, IEnumerable<TabularRow> rows,
        int batchRows, Func<long, Task> progress, CancellationToken ct)
    {
        var columns = LegalStatusLayout.Columns.Of(header);
        var missing = new[] { (columns.ApplicationNumber, LegalStatusLayout.ApplicationNumberColumn), (columns.Date, LegalStatusLayout.DateColumn),
            (columns.Status, LegalStatusLayout.StatusColumn) }.Where(c => c.Item1 < 0).Select(c => c.Item2).ToList();
        if (missing.Count > 0) throw new JobFailedException($"法律状态文件缺少列：{string.Join("、", missing)}（应有 授权公告号、申请号、法律状态公告日、法律状态、法律状态信息）");
        long read = 0, rejectedRows = 0, attached = 0;
        var number = 0;
        var events = new List<LegalStatusRow>();
        var rejections = new List<Rejection>();
        var whole = new HashSet<long>();
        async Task Flush()
        {
            rejectedRows += whole.Count;
            if (number >= unit.BatchesDone) attached += await WriteAsync(db, importId, unit, number, read, rejectedRows, events, rejections, whole, ct);
            number++;
            events.Clear();
            rejections.Clear();
            whole.Clear();
            await progress(read);
        }
        foreach (var row in rows)
        {
            ct.ThrowIfCancellationRequested();
            read++;
            if (LegalStatusLayout.Read(row, columns, rejections) is { } e) events.Add(e);
            else whole.Add(row.RowNumber);
            if (read % batchRows == 0) await Flush();
        }
        if (read % batchRows != 0 || read == 0) await Flush();
        return new Result(read, attached);
    }

    /// <summary>One batch: its new events (each once), attached to the records that exist, with the counts and rejections; returns the events attached.</summary>
    private static async Task<int> WriteAsync(NpgsqlDataSource db, long importId, ImportUnit unit, int number, long rowsSoFar, long rejectedSoFar,
        List<LegalStatusRow> events, List<Rejection> rejections, HashSet<long> whole, CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        await using (var l = new NpgsqlCommand(AdvisoryLocks.XactLock(AdvisoryLocks.RecordWrites), conn, tx)) await l.ExecuteNonQueryAsync(ct);
        var inserted = 0;
        var outcome = default(LegalStatusEvents.Outcome);
        if (events.Count > 0)
        {
            await using (var c = new NpgsqlCommand("""
                CREATE TEMP TABLE IF NOT EXISTS legal_status_incoming (
                    record_key text, application_number text, raw_application_number text, number_restored boolean, event_date date,
                    code text, status_text text, info_text text, grant_publication_number text, row_number bigint) ON COMMIT DELETE ROWS
                """, conn, tx))
                await c.ExecuteNonQueryAsync(ct);
            await using (var w = await conn.BeginBinaryImportAsync("""
                COPY legal_status_incoming (record_key, application_number, raw_application_number, number_restored, event_date, code, status_text,
                                            info_text, grant_publication_number, row_number) FROM STDIN (FORMAT BINARY)
                """, ct))
            {
                foreach (var e in events)
                {
                    await w.StartRowAsync(ct);
                    await w.WriteAsync(e.RecordKey, NpgsqlDbType.Text, ct);
                    await w.WriteAsync(e.ApplicationNumber, NpgsqlDbType.Text, ct);
                    await w.WriteAsync(e.RawApplicationNumber, NpgsqlDbType.Text, ct);
                    await w.WriteAsync(e.NumberRestored, NpgsqlDbType.Boolean, ct);
                    await w.WriteAsync(e.EventDate, NpgsqlDbType.Date, ct);
                    await w.WriteAsync(e.Code, NpgsqlDbType.Text, ct);
                    await w.WriteAsync(e.StatusText, NpgsqlDbType.Text, ct);
                    await w.WriteAsync(e.InfoText, NpgsqlDbType.Text, ct);
                    await w.WriteAsync(e.GrantPublicationNumber, NpgsqlDbType.Text, ct);
                    await w.WriteAsync(e.RowNumber, NpgsqlDbType.Bigint, ct);
                }
                await w.CompleteAsync(ct);
            }
            // an event the table holds (an earlier import, or an earlier row of this file) is not stored again
            await using (var c = new NpgsqlCommand("""
                INSERT INTO legal_status_events (record_key, application_number, raw_application_number, number_restored, event_date, code, status_text,
                                                 info_text, grant_publication_number, row_number, import_id)
                SELECT DISTINCT ON (record_key, event_date, status_text, info_text, grant_publication_number)
                       record_key, application_number, raw_application_number, number_restored, event_date, code, status_text, info_text,
                       grant_publication_number, row_number, $1
                FROM legal_status_incoming
                ORDER BY record_key, event_date, status_text, info_text, grant_publication_number, row_number
                ON CONFLICT DO NOTHING
                """, conn, tx))
            {
                c.Parameters.Add(new NpgsqlParameter { Value = importId });
                inserted = await c.ExecuteNonQueryAsync(ct);
            }
            outcome = await LegalStatusEvents.AttachPendingAsync(conn, tx, events.Select(e => e.RecordKey).Distinct().ToArray(), ct);
        }
        await ImportProgress.CommitAsync(conn, tx, importId, unit, number, rowsSoFar, rejectedSoFar,
            new BatchOutcome(inserted, outcome.RecordsChanged, events.Count - inserted), rejections, whole, ct);
        await tx.CommitAsync(ct);
        return outcome.Attached;
    }
}
