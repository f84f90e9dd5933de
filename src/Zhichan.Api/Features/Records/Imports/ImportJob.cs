using System.Diagnostics;
using System.Text.Json;
using NpgsqlTypes;
using Zhichan.Api.Features.Records.Attribution;
using Zhichan.Api.Features.Records.Normalisation;
using Zhichan.Api.Features.Records.Sources;
using Zhichan.Api.Features.Records.Sources.Tabular;
using Zhichan.Api.Features.Records.Sources.Xml;
using Zhichan.Api.Platform.Jobs;

namespace Zhichan.Api.Features.Records.Imports;

/// <summary>
/// Runs an import as a background job: reads the stored file (CSV/XLSX with a column mapping, or CNIPA/WIPO XML),
/// normalises and attributes every record (<see cref="ImportPipeline"/>), and writes batches of <see cref="ImportOptions.BatchRows"/> rows, each in its own
/// transaction together with its rejections and the import's resume point. A killed run leaves whole batches only;
/// the re-claimed job skips the batches already committed, and re-writing a batch is idempotent anyway.
/// </summary>
public sealed class ImportJob(NpgsqlDataSource db, RecordsReference reference, ZhichanOptions options, ILogger<ImportJob> log) : IJobHandler
{
    public const string JobKind = "records.import";

    public string Kind => JobKind;

    public async Task RunAsync(JobContext job, CancellationToken ct)
    {
        var importId = job.Payload.GetProperty("importId").GetInt64();
        var started = Stopwatch.StartNew();
        var metrics = new ImportMetrics();
        var imp = await LoadAsync(importId, ct);
        await ExecAsync("UPDATE imports SET status = 'running', job_id = $2, started_at = COALESCE(started_at, now()), message = NULL WHERE id = $1", ct, importId, job.Id);
        try
        {
            await using var content = await OpenFileAsync(imp.FileId, ct);
            var length = content.Length;
            var (drafts, format, encoding) = await OpenDraftsAsync(content, imp, ct);
            // the reader closes the stream when it reaches the end, possibly before the last batch is written
            long Read() { try { return content.Position; } catch (ObjectDisposedException) { return length; } }
            await ExecAsync("UPDATE imports SET format = $2, encoding = $3 WHERE id = $1", ct, importId, format, (object?)encoding ?? DBNull.Value);
            var bulk = await UseBulkModeAsync(length, format, ct);
            if (bulk)
            {
                var dropped = await DeferredIndexes.DeferAsync(db, importId, ct);
                await ExecAsync("UPDATE imports SET bulk = true WHERE id = $1", ct, importId);
                log.LogInformation("Import {Id} ({File}): bulk mode, {Count} indexes of records deferred to the end", importId, imp.FileName, dropped);
            }

            // the search codes the table holds: each batch then adds those it is the first to bring
            var known = await VocabularyCodes.LoadAsync(db, ct);
            var session = new WriteSession();
            long rows = 0;
            Task analysing;
            await using (var pipeline = ImportPipeline.Start(drafts, format, imp.FileName, known, reference, options.Import, ct))
            {
                // in bulk mode the planner statistics are gathered while the last batches are written: once every row is
                // read and normalised the app leaves a core idle, and the indexes cannot be built before the last row is in
                // (ANALYZE conflicts with CREATE INDEX, not with COPY); the sample then lacks only those last batches, and
                // it is a small one (DeferredIndexes.QuickStatisticsTarget): what the builds would wait for
                analysing = bulk
                    ? pipeline.Reading.ContinueWith(t => t.IsCompletedSuccessfully && t.Result ? AnalyzeQuietlyAsync("while the last batches are written", DeferredIndexes.QuickStatisticsTarget) : Task.CompletedTask,
                        CancellationToken.None, TaskContinuationOptions.None, TaskScheduler.Default).Unwrap()
                    : Task.CompletedTask;
                var lastReport = Stopwatch.StartNew();
                await foreach (var b in pipeline.Batches(ct))
                {
                    metrics.Writing.Start();
                    await FlushAsync(importId, imp.BatchesDone, b, session, metrics, ct);
                    metrics.Writing.Stop();
                    b.Release();
                    rows = b.RowsSoFar;
                    if (lastReport.ElapsedMilliseconds > 1000)
                    {
                        // progress as the share of the (decompressed) file read so far: GetImport shows it as a percentage
                        await job.ReportAsync(Read(), length, $"已读取 {rows:N0} 行", ct);
                        lastReport.Restart();
                    }
                }
                await pipeline.Reading;
            }
            if (rows == 0) throw new JobFailedException("文件中没有数据行");

            int completed;
            if (bulk)
            {
                await job.ReportAsync(length, length, "正在重建检索索引", ct);
                metrics.Indexing.Start();
                // the postcode completion reads the table while the indexes are built (both only read it) and writes
                // its few rows once they are: its two scans of the table no longer wait in line
                var regions = RegionsByPostcodeAsync(importId, ct);
                await analysing;
                await DeferredIndexes.RestoreAsync(db, log, ct, analyze: false);
                metrics.Indexing.Stop();
                completed = await ApplyRegionsAsync(await regions, ct);
            }
            else completed = await ApplyRegionsAsync(await RegionsByPostcodeAsync(importId, ct), ct);
            var duration = started.ElapsedMilliseconds;
            await ExecAsync("""
                UPDATE imports SET status = 'succeeded', finished_at = now(), duration_ms = $2,
                       message = $3 WHERE id = $1
                """, ct, importId, duration, completed > 0 ? $"导入完成；按邮编补全地区或县区 {completed} 条" : "导入完成");
            await job.ReportAsync(rows, rows, "导入完成", ct);
            await using var conn = await db.OpenConnectionAsync(ct);
            await AuditLog.WriteAsync(conn, null, new CurrentUser { Id = imp.CreatedBy, Name = imp.CreatedByName ?? "system" }, "import", "imports",
                importId.ToString(), null, await SummaryAsync(importId, ct), ct);
            metrics.Log(log, importId, imp.FileName, duration, rows, session);
            // the statistics once more over every row and with the search index's year expression (gathered only when
            // the index exists): the import is complete without them — rows, indexes and the sample above are in place
            if (bulk) _ = Task.Run(() => AnalyzeQuietlyAsync("after the import"), CancellationToken.None);
        }
        catch (Exception e) when (e is JobFailedException or XmlImportException)
        {
            await RestoreAfterFailureAsync();
            await ExecAsync("UPDATE imports SET status = 'failed', finished_at = now(), message = $2 WHERE id = $1", CancellationToken.None, importId, e.Message);
            throw new JobFailedException(e.Message);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            await RestoreAfterFailureAsync();
            await ExecAsync("UPDATE imports SET status = 'failed', finished_at = now(), message = $2 WHERE id = $1", CancellationToken.None, importId, "导入出错：" + e.Message);
            throw;
        }
    }

    /// <summary>ANALYZE records, logged; a failure only leaves the statistics to autovacuum.</summary>
    private async Task AnalyzeQuietlyAsync(string when, int? target = null)
    {
        var clock = Stopwatch.StartNew();
        try
        {
            await DeferredIndexes.AnalyzeAsync(db, CancellationToken.None, target);
            log.LogInformation("ANALYZE records {When} took {Ms} ms", when, clock.ElapsedMilliseconds);
        }
        catch (Exception e)
        {
            log.LogWarning(e, "ANALYZE records {When} failed after {Ms} ms; autovacuum refreshes the statistics later", when, clock.ElapsedMilliseconds);
        }
    }

    /// <summary>A failed import still leaves every index in place (the deferred ones are rebuilt; errors are logged, the start-up retries).</summary>
    private async Task RestoreAfterFailureAsync()
    {
        try { await DeferredIndexes.RestoreAsync(db, log, CancellationToken.None); }
        catch (Exception e) { log.LogError(e, "Rebuilding the deferred records indexes after a failed import failed"); }
    }

    /// <summary>
    /// Bulk mode when the file (decompressed) is estimated to hold at least <see cref="ImportOptions.BulkMinRows"/> rows — about 300
    /// bytes a row in CSV/XLSX, 3,000 in XML — and the records table holds no more rows than that.
    /// </summary>
    private async Task<bool> UseBulkModeAsync(long length, string format, CancellationToken ct)
    {
        var estimated = length / (format == "xml" ? 3000 : 300);
        if (estimated < options.Import.BulkMinRows) return false;
        await using var cmd = db.CreateCommand($"SELECT count(*) FROM (SELECT 1 FROM records LIMIT {estimated + 1}) x");
        return (long)(await cmd.ExecuteScalarAsync(ct))! <= estimated;
    }

    /// <summary>
    /// Writes one batch in its own transaction under the import lock: its records, its rejections and the import's
    /// resume point (batches done, rows read, counts), so a killed run leaves whole batches only.
    /// </summary>
    private async Task FlushAsync(long importId, int batchesDone, ImportBatch b, WriteSession session, ImportMetrics metrics, CancellationToken ct)
    {
        if (b.Number < batchesDone) return; // committed by an earlier, interrupted run
        if (b.Records.Count == 0 && b.Rejections.Count == 0) return;
        await using var conn = await db.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        await using (var l = new NpgsqlCommand(AdvisoryLocks.XactLock(AdvisoryLocks.RecordWrites), conn, tx)) await l.ExecuteNonQueryAsync(ct);
        var outcome = b.Records.Count > 0 ? await RecordWriter.WriteAsync(conn, tx, importId, b.Records, b.NewCodes, ct, session, metrics) : new BatchOutcome(0, 0, 0);
        if (b.Rejections.Count > 0)
        {
            await using var w = await conn.BeginBinaryImportAsync("COPY import_rejections (import_id, row_number, field, value, reason, whole_row) FROM STDIN (FORMAT BINARY)", ct);
            foreach (var r in b.Rejections)
            {
                await w.StartRowAsync(ct);
                await w.WriteAsync(importId, NpgsqlDbType.Bigint, ct);
                await w.WriteAsync(r.RowNumber, NpgsqlDbType.Bigint, ct);
                await w.WriteAsync(r.Field, NpgsqlDbType.Text, ct);
                if (r.Value is null) await w.WriteNullAsync(ct); else await w.WriteAsync(r.Value.Length > 500 ? r.Value[..500] : r.Value, NpgsqlDbType.Text, ct);
                await w.WriteAsync(r.Reason, NpgsqlDbType.Text, ct);
                await w.WriteAsync(b.WholeRows.Contains(r.RowNumber), NpgsqlDbType.Boolean, ct);
            }
            await w.CompleteAsync(ct);
        }
        await using (var u = new NpgsqlCommand("""
            UPDATE imports SET batches_done = $2, rows_read = $3, inserted = inserted + $4, updated = updated + $5, unchanged = unchanged + $6,
                   rejected = $7 WHERE id = $1
            """, conn, tx))
        {
            foreach (var v in new object[] { importId, b.Number + 1, b.RowsSoFar, outcome.Inserted, outcome.Updated, outcome.Unchanged, b.RejectedSoFar })
                u.Parameters.Add(new NpgsqlParameter { Value = v });
            await u.ExecuteNonQueryAsync(ct);
        }
        await tx.CommitAsync(ct);
    }

    /// <summary>
    /// The import's records completed from what the stored data teaches (<see cref="RegionCompletion"/>): addresses that named
    /// no city take the postcode's city, addresses that stop at their city the postcode's county, each when the postcode is
    /// decisive (ADR 0008, 0019).
    /// </summary>
    private async Task<List<RegionUpdate>> RegionsByPostcodeAsync(long importId, CancellationToken ct)
    {
        if (reference.Resolver is null) return [];
        var completion = await RegionCompletion.LearnAsync(db, reference.Resolver, ct);
        return await completion.CompleteStoredAsync(db, importId, ct);
    }

    /// <summary>Writes the regions found by <see cref="RegionsByPostcodeAsync"/>; returns how many records were completed.</summary>
    private async Task<int> ApplyRegionsAsync(List<RegionUpdate> updates, CancellationToken ct)
    {
        if (updates.Count == 0) return 0;
        await using var conn = await db.OpenConnectionAsync(ct);
        return await RegionCompletion.ApplyAsync(conn, updates, ct);
    }

    private sealed record ImportRow(long Id, long? FileId, string FileName, string Format, string? Encoding, long? MappingId, int BatchesDone, long? CreatedBy, string? CreatedByName);

    private async Task<ImportRow> LoadAsync(long id, CancellationToken ct)
    {
        await using var cmd = db.CreateCommand("""
            SELECT i.id, i.file_id, i.file_name, i.format, i.encoding, i.mapping_id, i.batches_done, i.created_by, u.username
            FROM imports i LEFT JOIN users u ON u.id = i.created_by WHERE i.id = $1
            """);
        cmd.Parameters.Add(new NpgsqlParameter { Value = id });
        await using var r = await cmd.ExecuteReaderAsync(ct);
        if (!await r.ReadAsync(ct)) throw new JobFailedException($"导入 {id} 不存在");
        return new ImportRow(r.GetInt64(0), r.IsDBNull(1) ? null : r.GetInt64(1), r.GetString(2), r.GetString(3), r.IsDBNull(4) ? null : r.GetString(4),
            r.IsDBNull(5) ? null : r.GetInt64(5), r.GetInt32(6), r.IsDBNull(7) ? null : r.GetInt64(7), r.IsDBNull(8) ? null : r.GetString(8));
    }

    private async Task<Stream> OpenFileAsync(long? fileId, CancellationToken ct)
    {
        await using var cmd = db.CreateCommand("SELECT content FROM stored_files WHERE id = $1");
        cmd.Parameters.Add(new NpgsqlParameter { Value = (object?)fileId ?? DBNull.Value });
        var bytes = await cmd.ExecuteScalarAsync(ct) as byte[] ?? throw new JobFailedException("导入文件已不存在");
        return TabularSource.Decompress(new MemoryStream(bytes, writable: false));
    }

    /// <summary>Detects the format (when auto) and returns the drafts with their row numbers.</summary>
    private async Task<(IEnumerable<(long Row, RecordDraft Draft)> Drafts, string Format, string? Encoding)> OpenDraftsAsync(Stream s, ImportRow imp, CancellationToken ct)
    {
        if (s.Length == 0) throw new JobFailedException("文件为空");
        var format = imp.Format == "auto" ? SourceFormat.Sniff(s, imp.FileName) : imp.Format;
        if (format is "cnipa-xml" or "wipo-xml" or "xml")
        {
            XmlWellFormed.Check(s, imp.FileName);
            s.Position = 0;
            var reader = new XmlRecordReader();
            return (reader.Read(s, imp.FileName).Select((d, i) => ((long)i + 1, d)), "xml", null);
        }
        string[] header;
        IEnumerable<TabularRow> rows;
        string? encodingName = null;
        if (format == "xlsx") (header, rows) = TabularSource.ReadXlsx(s);
        else
        {
            var (enc, name) = TabularSource.DetectEncoding(s, imp.Encoding);
            encodingName = name;
            (header, rows) = TabularSource.ReadCsv(s, enc);
        }
        IReadOnlyDictionary<string, string>? mapping = null;
        if (imp.MappingId is { } mid) mapping = await LoadMappingAsync(mid, ct);
        else if (TabularMapping.BuiltIn.TryGetValue(format, out var builtIn)) mapping = builtIn;
        else if (TabularMapping.DetectBuiltIn(header) is { } detected) { mapping = TabularMapping.BuiltIn[detected]; format = detected; }
        if (mapping is null)
            throw new JobFailedException($"无法识别表格的列格式（表头：{string.Join("，", header.Take(8))}…）。请在“数据导入”页面为该格式配置列映射后再导入");
        var errors = TabularMapping.Check(mapping, header);
        if (errors.Count > 0) throw new JobFailedException("列映射与文件不符：" + string.Join("；", errors));
        var index = header.Select((h, i) => (h, i)).GroupBy(x => x.h, StringComparer.OrdinalIgnoreCase).ToDictionary(g => g.Key, g => g.First().i, StringComparer.OrdinalIgnoreCase);
        var columnOf = mapping.ToDictionary(m => m.Key, m => index[m.Value]);
        var mapped = columnOf.Values.ToHashSet();
        return (rows.Select(r => (r.RowNumber, TabularMapping.ToDraft(r, header, columnOf, mapped, imp.FileName))), format, encodingName);
    }

    private async Task<IReadOnlyDictionary<string, string>> LoadMappingAsync(long id, CancellationToken ct)
    {
        await using var cmd = db.CreateCommand("SELECT mapping FROM import_mappings WHERE id = $1");
        cmd.Parameters.Add(new NpgsqlParameter { Value = id });
        var json = await cmd.ExecuteScalarAsync(ct) as string ?? throw new JobFailedException($"列映射 {id} 不存在");
        return JsonSerializer.Deserialize<Dictionary<string, string>>(json)!;
    }

    private async Task<object> SummaryAsync(long id, CancellationToken ct)
    {
        await using var cmd = db.CreateCommand("SELECT file_name, format, rows_read, inserted, updated, unchanged, rejected, duration_ms FROM imports WHERE id = $1");
        cmd.Parameters.Add(new NpgsqlParameter { Value = id });
        await using var r = await cmd.ExecuteReaderAsync(ct);
        await r.ReadAsync(ct);
        return new { fileName = r.GetString(0), format = r.GetString(1), rows = r.GetInt64(2), inserted = r.GetInt64(3), updated = r.GetInt64(4), unchanged = r.GetInt64(5), rejected = r.GetInt64(6), durationMs = r.IsDBNull(7) ? 0 : r.GetInt64(7) };
    }

    private async Task ExecAsync(string sql, CancellationToken ct, params object[] args)
    {
        await using var cmd = db.CreateCommand(sql);
        foreach (var a in args) cmd.Parameters.Add(new NpgsqlParameter { Value = a });
        await cmd.ExecuteNonQueryAsync(ct);
    }
}
