using Zhichan.Api.Platform.Files;
using System.Diagnostics;
using System.Text.Json;
using NpgsqlTypes;
using Zhichan.Api.Features.Records.Attribution;
using Zhichan.Api.Features.Records.LegalStatus;
using Zhichan.Api.Features.Records.Normalisation;
using Zhichan.Api.Features.Records.Sources;
using Zhichan.Api.Features.Records.Sources.Tabular;
using Zhichan.Api.Features.Records.Sources.Xml;
using Zhichan.Api.Platform.Jobs;
using Zhichan.Api.Platform.Observability;

namespace Zhichan.Api.Features.Records.Imports;

/// <summary>
/// Runs an import as a background job: reads the stored file (CSV/XLSX with a column mapping, CNIPA/WIPO/EPO XML, a CNIPA
/// legal-status table, or a ZIP package of such files, one after another), normalises and attributes every record
/// (<see cref="ImportPipeline"/>), and writes batches of <see cref="ImportOptions.BatchRows"/> rows, each in its own
/// transaction together with its rejections and the import's resume point. A killed run leaves whole batches only;
/// the re-claimed job skips the files and batches already committed, and re-writing a batch is idempotent anyway.
/// </summary>
public sealed class ImportJob(NpgsqlDataSource db, RecordsReference reference, ZhichanOptions options, ZhichanMetrics telemetry, ILogger<ImportJob> log) : IJobHandler
{
    public const string JobKind = "records.import";

    public string Kind => JobKind;

    public async Task RunAsync(JobContext job, CancellationToken ct)
    {
        var importId = job.Payload.GetProperty("importId").GetInt64();
        using var activity = ZhichanMetrics.Source.StartActivity("import");
        activity?.SetTag("zhichan.import.id", importId);
        var started = Stopwatch.StartNew();
        var metrics = new ImportMetrics();
        var imp = await LoadAsync(importId, ct);
        await ExecAsync("UPDATE imports SET status = 'running', job_id = $2, started_at = COALESCE(started_at, now()), message = NULL WHERE id = $1", ct, importId, job.Id);
        try
        {
            await using var content = await OpenFileAsync(imp.FileId, ct);
            if (content.Length == 0) throw new JobFailedException("文件为空");
            // a ZIP that is not a workbook is a package of files, whatever format was asked for them (ADR 0018)
            var sniffed = SourceFormat.Sniff(content, imp.FileName);
            var isZip = sniffed == "zip";
            using var package = ImportPackage.Open(content, imp.FileName, isZip ? "zip" : "file", options.Import);
            var units = await ImportProgress.EntriesAsync(db, importId, package, ct);
            if (isZip) await ExecAsync("UPDATE imports SET format = 'zip' WHERE id = $1", ct, importId);
            else units[0].BatchesDone = imp.BatchesDone;
            var total = Math.Max(1, package.TotalBytes);
            var bulk = await UseBulkModeAsync(package, ct);
            if (bulk)
            {
                var dropped = await DeferredIndexes.DeferAsync(db, importId, ct);
                await ExecAsync("UPDATE imports SET bulk = true WHERE id = $1", ct, importId);
                log.LogInformation("Import {Id} ({File}): bulk mode, {Count} indexes of records deferred to the end", importId, imp.FileName, dropped);
            }

            // the search codes the table holds: each batch then adds those it is the first to bring
            var known = await VocabularyCodes.LoadAsync(db, ct);
            var run = new RunState(new WriteSession(), metrics);
            // a bulk import from its first batch keeps the region columns it writes: if it turns out to have written every
            // record of the table, its postcode completion learns from them instead of scanning the table (ADR 0071)
            if (bulk && units.All(u => u.BatchesDone == 0 && !u.Finished)) run.Session.KeepRegions();
            // in bulk mode the planner statistics of a single file are gathered while its last batches are written (RunRecordsAsync)
            var analyseEarly = bulk && package.Files.Count(f => f.Skip is null) == 1;
            long doneBytes = 0, rowsBefore = 0, rejectedBefore = 0;
            var failed = new List<string>();
            foreach (var unit in units)
            {
                unit.RowsBefore = rowsBefore;
                unit.RejectedBefore = rejectedBefore;
                if (!unit.Finished && unit.File.Skip is null)
                {
                    try
                    {
                        await ImportProgress.SetEntryAsync(db, importId, unit, "running", ct: ct);
                        var (kind, message) = await RunUnitAsync(job, imp, unit, isZip, known, run, bulk && analyseEarly, doneBytes, total, ct);
                        await ImportProgress.SetEntryAsync(db, importId, unit, "succeeded", message, kind, ct);
                    }
                    catch (Exception e) when (isZip && e is JobFailedException or XmlImportException)
                    {
                        // one bad file of a package is reported on its entry; the others go in
                        await ImportProgress.SetEntryAsync(db, importId, unit, "failed", e.Message, ct: CancellationToken.None);
                        failed.Add(unit.File.Name);
                    }
                }
                if (unit.Status == "failed" && !failed.Contains(unit.File.Name)) failed.Add(unit.File.Name);
                rowsBefore += unit.RowsRead;
                rejectedBefore += unit.Rejected;
                if (unit.File.Skip is null) doneBytes += unit.File.Length;
            }
            var rows = rowsBefore;
            if (isZip && failed.Count == units.Count(u => u.File.Skip is null))
                throw new JobFailedException($"ZIP 包中的 {failed.Count} 个文件都未能导入（各文件的原因见导入任务的文件列表）");
            if (rows == 0) throw new JobFailedException("文件中没有数据行");

            int completed = 0;
            if (bulk)
            {
                await job.ReportAsync(total, total, "正在重建检索索引", ct);
                // every record of the table is one this run wrote: the completion learns from them in memory and writes
                // its rows before the indexes are back, when an update touches only the few indexes a bulk import keeps.
                // Otherwise it reads the table while the indexes are built (both only read it) and writes its few rows
                // once they are: its two scans of the table no longer wait in line
                var owned = run.Session.OwnRegions is { } written && reference.Resolver is not null ? written : null;
                if (owned is not null) completed = await ApplyRegionsAsync(CompleteWritten(importId, owned), ct);
                var regions = owned is null ? RegionsByPostcodeAsync(importId, ct) : null;
                metrics.Indexing.Start();
                await run.Analysing;
                await DeferredIndexes.RestoreAsync(db, log, ct, analyze: !analyseEarly);
                metrics.Indexing.Stop();
                if (regions is not null) completed = await ApplyRegionsAsync(await regions, ct);
            }
            else completed = run.RecordsWritten ? await ApplyRegionsAsync(await RegionsByPostcodeAsync(importId, ct), ct) : 0;
            var duration = started.ElapsedMilliseconds;
            var (rowsRead, rejected, topReason) = await RejectedAsync(importId, ct);
            if (rowsRead > 0 && rejected >= rowsRead)
                throw new JobFailedException($"全部 {rowsRead:N0} 行都被拒绝，没有导入任何记录{(topReason is null ? "" : $"。最常见的原因：{topReason}")}。" +
                    "被拒绝的行及原因见导入任务的“拒绝明细”");
            var notes = new List<string>();
            if (rejected > 0) notes.Add($"{rejected:N0} 行被拒绝，未写入（已存储的记录保持不变），原因见“拒绝明细”");
            if (completed > 0) notes.Add($"按邮编补全地区或县区 {completed} 条");
            if (run.Attached > 0) notes.Add($"挂接法律状态事件 {run.Attached} 条");
            if (failed.Count > 0) notes.Add($"ZIP 包中 {failed.Count} 个文件未能导入：{string.Join("、", failed.Take(5))}{(failed.Count > 5 ? " 等" : "")}");
            // some rows or files not imported: the import is complete, but not clean (ADR 0021)
            var status = rejected > 0 || failed.Count > 0 ? CompletedWithErrors : "succeeded";
            // the outcome and its audit row in one transaction: whoever sees the import finished finds it audited
            await using (var conn = await db.OpenConnectionAsync(ct))
            await using (var tx = await conn.BeginTransactionAsync(ct))
            {
                await using (var done = new NpgsqlCommand("""
                    UPDATE imports SET status = $4, finished_at = now(), duration_ms = $2,
                           message = $3 WHERE id = $1
                    """, conn, tx))
                {
                    foreach (var v in new object[] { importId, duration, notes.Count > 0 ? "导入完成；" + string.Join("；", notes) : "导入完成", status })
                        done.Parameters.Add(new NpgsqlParameter { Value = v });
                    await done.ExecuteNonQueryAsync(ct);
                }
                await AuditLog.WriteAsync(conn, tx, new CurrentUser { Id = imp.CreatedBy, Name = imp.CreatedByName ?? "system" }, "import", "imports",
                    importId.ToString(), null, await SummaryAsync(importId, ct, conn, tx), ct);
                await tx.CommitAsync(ct);
            }
            await job.ReportAsync(rows, rows, "导入完成", ct);
            metrics.Log(log, importId, imp.FileName, duration, rows, run.Session);
            telemetry.ImportEnded(status, started.Elapsed);
            activity?.SetTag("zhichan.import.rows", rowsRead).SetTag("zhichan.import.rejected", rejected).SetTag("zhichan.import.status", status);
            // the statistics once more over every row and with the search index's year expression (gathered only when
            // the index exists): the import is complete without them — rows, indexes and the sample above are in place
            if (bulk) _ = Task.Run(() => AnalyzeQuietlyAsync("after the import"), CancellationToken.None);
        }
        catch (Exception e) when (e is JobFailedException or XmlImportException)
        {
            await RestoreAfterFailureAsync();
            await ExecAsync("UPDATE imports SET status = 'failed', finished_at = now(), message = $2 WHERE id = $1", CancellationToken.None, importId, e.Message);
            telemetry.ImportEnded("failed", started.Elapsed);
            throw new JobFailedException(e.Message);
        }
        catch (Exception e) when (DatabaseUnavailable.Is(e))
        {
            // the database restarting or read-only: every committed batch stays, the job runner resumes the import from the
            // last one when the database is back (ADR 0063); the deferred indexes wait for that run
            try { await ExecAsync("UPDATE imports SET message = $2 WHERE id = $1", CancellationToken.None, importId, "数据库暂时不可用，导入将自动从上次提交处继续"); }
            catch (Exception) { /* still unavailable: the message stays as it was */ }
            throw;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            await RestoreAfterFailureAsync();
            await ExecAsync("UPDATE imports SET status = 'failed', finished_at = now(), message = $2 WHERE id = $1", CancellationToken.None, importId, "导入出错：" + e.Message);
            telemetry.ImportEnded("failed", started.Elapsed);
            throw;
        }
    }

    /// <summary>Rows of the file an interrupted run of the import rejected as garbled (its resumed run counts on from them).</summary>
    private async Task<long> GarbledSoFarAsync(long importId, ImportUnit unit, CancellationToken ct)
    {
        await using var cmd = db.CreateCommand("""
            SELECT count(DISTINCT row_number) FROM import_rejections
            WHERE import_id = $1 AND entry_index IS NOT DISTINCT FROM $2 AND starts_with(reason, $3)
            """);
        cmd.Parameters.Add(new NpgsqlParameter { Value = importId });
        cmd.Parameters.Add(new NpgsqlParameter { Value = (object?)unit.Entry ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Integer });
        cmd.Parameters.Add(new NpgsqlParameter { Value = MojibakeGuard.ReasonPrefix });
        return (long)(await cmd.ExecuteScalarAsync(ct))!;
    }

    /// <summary>The state of an import that finished with rows or files of a package not imported.</summary>
    public const string CompletedWithErrors = "completed_with_errors";

    /// <summary>The states of an import whose records are in (with or without rejected rows).</summary>
    public static readonly string[] Completed = ["succeeded", CompletedWithErrors];

    /// <summary>The import's rows read and rejected as committed, and the most frequent reason of its rejected rows.</summary>
    private async Task<(long Rows, long Rejected, string? TopReason)> RejectedAsync(long importId, CancellationToken ct)
    {
        await using var cmd = db.CreateCommand("""
            SELECT i.rows_read, i.rejected,
                   (SELECT reason || '（' || count(*) || ' 行）' FROM import_rejections WHERE import_id = i.id AND whole_row GROUP BY reason ORDER BY count(*) DESC LIMIT 1)
            FROM imports i WHERE i.id = $1
            """);
        cmd.Parameters.Add(new NpgsqlParameter { Value = importId });
        await using var r = await cmd.ExecuteReaderAsync(ct);
        await r.ReadAsync(ct);
        return (r.GetInt64(0), r.GetInt64(1), r.IsDBNull(2) ? null : r.GetString(2));
    }

    /// <summary>What the files of one run share: the writer's session, the metrics, the early statistics, what was written and attached.</summary>
    private sealed class RunState(WriteSession session, ImportMetrics metrics)
    {
        public WriteSession Session { get; } = session;
        public ImportMetrics Metrics { get; } = metrics;
        public Task Analysing { get; set; } = Task.CompletedTask;
        public bool RecordsWritten { get; set; }
        public long Attached { get; set; }
    }

    /// <summary>
    /// Reads one file — the upload, or a file of its package — by its format: records (CSV/XLSX with a column mapping, or
    /// XML) through the pipeline, or legal-status events (<see cref="LegalStatusImport"/>). Returns the format read and a note.
    /// </summary>
    private async Task<(string Format, string? Message)> RunUnitAsync(JobContext job, ImportRow imp, ImportUnit unit, bool inPackage, VocabularyCodes known,
        RunState run, bool analyseEarly, long doneBytes, long total, CancellationToken ct)
    {
        var s = unit.File.Open();
        try
        {
            var length = s.Length;
            // the reader closes the stream when it reaches the end, possibly before the last batch is written
            long Read() { try { return doneBytes + s.Position; } catch (ObjectDisposedException) { return doneBytes + length; } }
            if (length == 0) throw new JobFailedException("文件为空");
            if (unit.BatchesDone > 0) unit.Garbled = await GarbledSoFarAsync(imp.Id, unit, ct);
            if (SourceFormat.Unsupported(SourceFormat.Head(s)) is { } unsupported) throw new JobFailedException(SourceFormat.Refusal(unsupported));
            // a package's files are recognised by their content, unless one format was asked for them all
            var requested = inPackage && imp.Format is "auto" or "zip" or "xlsx" ? "auto" : imp.Format;
            var opened = await OpenUnitAsync(s, unit.File.Name, requested, inPackage ? null : imp.MappingId, imp.Encoding, ct);
            if (!inPackage) await ExecAsync("UPDATE imports SET format = $2, encoding = $3 WHERE id = $1", ct, imp.Id, opened.Format, (object?)opened.Encoding ?? DBNull.Value);
            else await ImportProgress.SetEntryAsync(db, imp.Id, unit, "running", format: opened.Format, ct: ct);
            if (opened.LegalRows is { } legalRows)
            {
                var lastReport = Stopwatch.StartNew();
                var result = await LegalStatusImport.RunAsync(db, imp.Id, unit, opened.Header!, legalRows, options.Import.BatchRows, async rowsSoFar =>
                {
                    if (lastReport.ElapsedMilliseconds < 1000) return;
                    await job.ReportAsync(Read(), total, $"已读取 {unit.RowsBefore + rowsSoFar:N0} 行", ct);
                    lastReport.Restart();
                }, ct);
                run.Attached += result.Attached;
                if (result.Rows == 0) throw new JobFailedException("文件中没有数据行");
                return (opened.Format, result.Attached > 0 ? $"挂接到已有记录的事件 {result.Attached} 条" : null);
            }
            var rows = await RunRecordsAsync(job, imp, unit, opened.Drafts!, opened.Format, known, run, analyseEarly, Read, total, ct);
            if (rows == 0) throw new JobFailedException("文件中没有数据行");
            return (opened.Format, null);
        }
        finally
        {
            // the upload's own stream is the import's (disposed with it); a package's file is a stream of its own
            if (inPackage) await s.DisposeAsync();
        }
    }

    /// <summary>The records of one file through the pipeline, batch by batch (<see cref="FlushAsync"/>); returns the rows read.</summary>
    private async Task<long> RunRecordsAsync(JobContext job, ImportRow imp, ImportUnit unit, IEnumerable<(long Row, RecordDraft Draft)> drafts, string format,
        VocabularyCodes known, RunState run, bool analyseEarly, Func<long> read, long total, CancellationToken ct)
    {
        long rows = 0;
        await using var pipeline = ImportPipeline.Start(drafts, format, unit.File.Name, known, reference, options.Import, ct);
        // in bulk mode the planner statistics are gathered while the last batches are written: once every row is
        // read and normalised the app leaves a core idle, and the indexes cannot be built before the last row is in
        // (ANALYZE conflicts with CREATE INDEX, not with COPY); the sample then lacks only those last batches, and
        // it is a small one (DeferredIndexes.QuickStatisticsTarget): what the builds would wait for
        if (analyseEarly)
            run.Analysing = pipeline.Reading.ContinueWith(t => t.IsCompletedSuccessfully && t.Result ? AnalyzeQuietlyAsync("while the last batches are written", DeferredIndexes.QuickStatisticsTarget) : Task.CompletedTask,
                CancellationToken.None, TaskContinuationOptions.None, TaskScheduler.Default).Unwrap();
        var lastReport = Stopwatch.StartNew();
        await foreach (var b in pipeline.Batches(ct))
        {
            run.Metrics.Writing.Start();
            await FlushAsync(imp.Id, unit, b, run, ct);
            run.Metrics.Writing.Stop();
            b.Release();
            rows = b.RowsSoFar;
            if (lastReport.ElapsedMilliseconds > 1000)
            {
                // progress as the share of the (decompressed) files read so far: GetImport shows it as a percentage
                await job.ReportAsync(read(), total, $"已读取 {unit.RowsBefore + rows:N0} 行", ct);
                lastReport.Restart();
            }
        }
        await pipeline.Reading;
        return rows;
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
    /// Bulk mode when the files (decompressed) are estimated to hold at least <see cref="ImportOptions.BulkMinRows"/> rows — about 300
    /// bytes a row in CSV/XLSX, 3,000 in XML — and the records table holds no more rows than that.
    /// </summary>
    private async Task<bool> UseBulkModeAsync(ImportPackage package, CancellationToken ct)
    {
        long estimated = 0;
        foreach (var f in package.Files.Where(f => f.Skip is null))
        {
            var xml = package.IsZip ? f.Name.EndsWith(".xml", StringComparison.OrdinalIgnoreCase) : SourceFormat.Sniff(f.Open(), f.Name) == "xml";
            estimated += f.Length / (xml ? 3000 : 300);
        }
        if (estimated < options.Import.BulkMinRows) return false;
        await using var cmd = db.CreateCommand($"SELECT count(*) FROM (SELECT 1 FROM records LIMIT {estimated + 1}) x");
        return (long)(await cmd.ExecuteScalarAsync(ct))! <= estimated;
    }

    /// <summary>
    /// Writes one batch in its own transaction under the import lock: its records, the legal-status events that waited for
    /// them (ADR 0017), its rejections and the resume point (batches done, rows read, counts), so a killed run leaves whole
    /// batches only.
    /// </summary>
    private async Task FlushAsync(long importId, ImportUnit unit, ImportBatch b, RunState run, CancellationToken ct)
    {
        if (b.Number < unit.BatchesDone) return; // committed by an earlier, interrupted run
        if (b.Records.Count == 0 && b.Rejections.Count == 0) return;
        await using var conn = await db.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        await using (var l = new NpgsqlCommand(AdvisoryLocks.XactLock(AdvisoryLocks.RecordWrites), conn, tx)) await l.ExecuteNonQueryAsync(ct);
        var outcome = new BatchOutcome(0, 0, 0);
        if (b.Records.Count > 0)
        {
            outcome = await RecordWriter.WriteAsync(conn, tx, importId, b.Records, b.NewCodes, ct, run.Session, run.Metrics);
            run.RecordsWritten |= outcome.Inserted + outcome.Updated > 0;
            if (outcome.Inserted > 0) run.Attached += (await LegalStatusEvents.AttachPendingAsync(conn, tx, b.Records.Select(r => r.RecordKey).Distinct().ToArray(), ct)).Attached;
        }
        var (rejections, whole) = (b.Rejections, b.WholeRows);
        if (outcome.Garbled is { Count: > 0 } garbled)
        {
            // rows the writer refused (MojibakeGuard) are rejected whole, like those the normaliser refused
            rejections = [.. b.Rejections, .. garbled];
            whole = [.. b.WholeRows];
            foreach (var g in garbled) if (whole.Add(g.RowNumber)) unit.Garbled++;
        }
        await ImportProgress.CommitAsync(conn, tx, importId, unit, b.Number, b.RowsSoFar, b.RejectedSoFar + unit.Garbled, outcome, rejections, whole, ct);
        await tx.CommitAsync(ct);
        telemetry.ImportBatch(b.Records.Count + whole.Count, outcome.Inserted + outcome.Updated, whole.Count);
    }

    /// <summary>
    /// The import's records completed from what the stored data teaches (<see cref="RegionCompletion"/>): addresses that named
    /// no city take the postcode's city, addresses that stop at their city the postcode's county, each when the postcode is
    /// decisive (ADR 0008, 0019).
    /// </summary>
    private async Task<List<RegionUpdate>> RegionsByPostcodeAsync(long importId, CancellationToken ct)
    {
        if (reference.Resolver is null) return [];
        var clock = Stopwatch.StartNew();
        var completion = await RegionCompletion.LearnAsync(db, reference.Resolver, ct);
        var learnt = clock.ElapsedMilliseconds;
        var updates = await completion.CompleteStoredAsync(db, importId, ct);
        log.LogInformation("Import {Id}: learning {Postcodes} postcodes' counties from the stored records took {Learn} ms, finding the import's {Updates} completions {Complete} ms",
            importId, completion.Counties.Count, learnt, updates.Count, clock.ElapsedMilliseconds - learnt);
        return updates;
    }

    /// <summary>
    /// <see cref="RegionsByPostcodeAsync"/> for an import that wrote every record of the table: the same learning and
    /// completion over the region columns it kept (<see cref="WriteSession.OwnRegions"/>), by record key.
    /// </summary>
    private List<RegionUpdate> CompleteWritten(long importId, IReadOnlyDictionary<string, RegionFacts> written)
    {
        var clock = Stopwatch.StartNew();
        var completion = RegionCompletion.Learn(reference.Resolver!, written.Values);
        var learnt = clock.ElapsedMilliseconds;
        var updates = completion.CompleteWritten(written);
        log.LogInformation("Import {Id}: learning {Postcodes} postcodes' counties from the {Records} records it wrote took {Learn} ms, finding its {Updates} completions {Complete} ms",
            importId, completion.Counties.Count, written.Count, learnt, updates.Count, clock.ElapsedMilliseconds - learnt);
        return updates;
    }

    /// <summary>Writes the regions found by <see cref="RegionsByPostcodeAsync"/>; returns how many records were completed.</summary>
    private async Task<int> ApplyRegionsAsync(List<RegionUpdate> updates, CancellationToken ct)
    {
        if (updates.Count == 0) return 0;
        var clock = Stopwatch.StartNew();
        await using var conn = await db.OpenConnectionAsync(ct);
        var n = await RegionCompletion.ApplyAsync(conn, updates, ct);
        log.LogInformation("Writing {Count} region completions took {Ms} ms", n, clock.ElapsedMilliseconds);
        return n;
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
        return TextDecoding.Decompress(new MemoryStream(bytes, writable: false));
    }

    /// <summary>A file opened for reading: records (drafts with their row numbers) or legal-status rows (with their header).</summary>
    private sealed record OpenedUnit(string Format, string? Encoding, IEnumerable<(long Row, RecordDraft Draft)>? Drafts,
        string[]? Header = null, IEnumerable<TabularRow>? LegalRows = null);

    /// <summary>
    /// Detects the format (when auto) and opens the file: XML records, or a table — the CNIPA legal-status layout whenever
    /// its header is that one (mapped as records it would corrupt them: ADR 0017), else records through a column mapping.
    /// </summary>
    private async Task<OpenedUnit> OpenUnitAsync(Stream s, string fileName, string requested, long? mappingId, string? requestedEncoding, CancellationToken ct)
    {
        var format = requested == "auto" ? SourceFormat.Sniff(s, fileName) : requested;
        if (format == "zip") throw new JobFailedException("ZIP 包中的 ZIP 包不会被解开：请把其中的 XML 或 CSV 文件直接放入上传的 ZIP 包");
        if (format is "cnipa-xml" or "wipo-xml" or "xml")
        {
            TextDecoding.RefuseBinary(s, xml: true);
            XmlWellFormed.Check(s, fileName);
            s.Position = 0;
            var reader = new XmlRecordReader();
            return new OpenedUnit("xml", null, reader.Read(s, fileName).Select((d, i) => ((long)i + 1, d)));
        }
        string[] header;
        IEnumerable<TabularRow> rows;
        string? encodingName = null;
        if (format == "xlsx" || format == LegalStatusLayout.Format && TabularSource.IsZip(s)) (header, rows) = TabularSource.ReadXlsx(s);
        else
        {
            var (enc, name) = TextDecoding.Detect(s, requestedEncoding);
            encodingName = name;
            (header, rows) = TabularSource.ReadCsv(s, enc);
        }
        if (format == LegalStatusLayout.Format || LegalStatusLayout.Matches(header))
            return new OpenedUnit(LegalStatusLayout.Format, encodingName, null, header, rows);
        IReadOnlyDictionary<string, string>? mapping = null;
        if (mappingId is { } mid) mapping = await LoadMappingAsync(mid, ct);
        else if (TabularMapping.BuiltIn.TryGetValue(format, out var builtIn)) mapping = builtIn;
        else if (TabularMapping.DetectBuiltIn(header) is { } detected) { mapping = TabularMapping.BuiltIn[detected]; format = detected; }
        if (mapping is null && !TabularMapping.Suggest(header).ContainsKey("applicationNumber"))
            throw new JobFailedException(NoNumbers($"文件的列（{Columns(header)}）中没有申请号列（如“申请号”“application_no”）"));
        if (mapping is null)
            throw new JobFailedException($"无法识别表格的列格式（表头：{Columns(header)}）。请在“数据导入”页面为该格式配置列映射后再导入。支持的格式：{SourceFormat.Supported}");
        var errors = TabularMapping.Check(mapping, header);
        if (errors.Count > 0) throw new JobFailedException("列映射与文件不符：" + string.Join("；", errors));
        var index = header.Select((h, i) => (h, i)).GroupBy(x => x.h, StringComparer.OrdinalIgnoreCase).ToDictionary(g => g.Key, g => g.First().i, StringComparer.OrdinalIgnoreCase);
        var columnOf = mapping.ToDictionary(m => m.Key, m => index[m.Value]);
        var mapped = columnOf.Values.ToHashSet();
        rows = RequireNumbers(rows, header, mapping, columnOf);
        return new OpenedUnit(format, encodingName, rows.Select(r => (r.RowNumber, TabularMapping.ToDraft(r, header, columnOf, mapped, fileName))));
    }

    /// <summary>Rows of a table looked at before an import starts: if none of them has an application or publication number, none of the file's will.</summary>
    private const int NumberSampleRows = 200;

    /// <summary>
    /// Refuses a table whose first rows have neither an application number nor a publication number (a scraped list of
    /// titles, applicants and dates): every record is identified by one, so each row would only be rejected. The rows
    /// read to find out are given back in front of the rest.
    /// </summary>
    private static IEnumerable<TabularRow> RequireNumbers(IEnumerable<TabularRow> rows, string[] header, IReadOnlyDictionary<string, string> mapping,
        Dictionary<string, int> columnOf)
    {
        var e = rows.GetEnumerator();
        var head = new List<TabularRow>();
        while (head.Count < NumberSampleRows && e.MoveNext()) head.Add(e.Current);
        int[] numberColumns = [.. new[] { "applicationNumber", "publicationNumber" }.Where(columnOf.ContainsKey).Select(k => columnOf[k])];
        if (head.Count > 0 && !head.Any(r => numberColumns.Any(c => c < r.Cells.Length && !string.IsNullOrWhiteSpace(r.Cells[c]))))
        {
            e.Dispose();
            var named = string.Join("、", new[] { "applicationNumber", "publicationNumber" }.Where(mapping.ContainsKey).Select(k => $"“{mapping[k]}”"));
            throw new JobFailedException(NoNumbers($"前 {head.Count:N0} 行的{named}列都是空的（文件的列：{Columns(header)}）"));
        }
        return Rest(head, e);

        static IEnumerable<TabularRow> Rest(List<TabularRow> head, IEnumerator<TabularRow> rest)
        {
            using (rest)
            {
                foreach (var r in head) yield return r;
                while (rest.MoveNext()) yield return rest.Current;
            }
        }
    }

    private static string NoNumbers(string what) =>
        $"文件中没有申请号，未导入任何内容：{what}。每条专利记录以申请号（或公开号）识别，没有它就无法判断是新记录还是已有记录的更新。" +
        "请从专利数据库导出含“申请号”列的文件；若申请号在其他列中，请在“数据导入”页面配置列映射，把“申请号”对应到该列";

    private static string Columns(string[] header) => string.Join("，", header.Take(10)) + (header.Length > 10 ? $" 等 {header.Length} 列" : "");

    private async Task<IReadOnlyDictionary<string, string>> LoadMappingAsync(long id, CancellationToken ct)
    {
        await using var cmd = db.CreateCommand("SELECT mapping FROM import_mappings WHERE id = $1");
        cmd.Parameters.Add(new NpgsqlParameter { Value = id });
        var json = await cmd.ExecuteScalarAsync(ct) as string ?? throw new JobFailedException($"列映射 {id} 不存在");
        return JsonSerializer.Deserialize<Dictionary<string, string>>(json)!;
    }

    private async Task<object> SummaryAsync(long id, CancellationToken ct, NpgsqlConnection? conn = null, NpgsqlTransaction? tx = null)
    {
        const string sql = "SELECT file_name, format, rows_read, inserted, updated, unchanged, rejected, duration_ms FROM imports WHERE id = $1";
        await using var cmd = conn is null ? db.CreateCommand(sql) : new NpgsqlCommand(sql, conn, tx);
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
