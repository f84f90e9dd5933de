using System.Diagnostics;
using System.Text.Json.Nodes;
using System.Threading.Channels;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using Zhichan.Api.Features.Records;
using Zhichan.Api.Features.Records.Imports;
using Zhichan.Api.Features.Records.Sources.Tabular;
using Zhichan.Api.Platform;

namespace Zhichan.Bench;

/// <summary>
/// `load-synthetic`: loads the synthetic CSV chunks with the import job's own code path, in process: TabularSource.ReadCsv →
/// TabularMapping.ToDraft (cnipa-csv) → RecordNormaliser.Normalise → RecordCodec.Prepare → RecordWriter.WriteAsync in batches
/// of 20,000, one transaction each — what ImportJob does, without HTTP and job bookkeeping, with normalisation on several
/// threads and the GIN indexes of records dropped during the load and rebuilt after it (timed separately).
/// Used for the 5M set because importing it through the API takes far longer than the time budget on this machine.
/// </summary>
public static class LoadSynthetic
{
    private sealed record Raw(List<(long Row, RecordDraft Draft)> Drafts, string File);

    public static async Task RunAsync(Options o)
    {
        var manifest = Json.Read(Path.Combine(o.Require("dir"), "manifest.json"))!;
        var maxMinutes = o.Int("max-minutes", 25);
        var workers = o.Int("workers", Math.Max(2, Environment.ProcessorCount));
        await using var db = NpgsqlDataSource.Create(o.ConnectionString);
        var reference = new RecordsReference(new ZhichanOptions { StateDir = "/tmp", DataFolder = o.Data }, NullLogger<RecordsReference>.Instance);

        await Sql.QuietAsync(db, o.Get("password"));
        var importId = await Sql.ScalarAsync<long>(db, "INSERT INTO imports (file_name, format, status, started_at, bulk) VALUES ('synthetic (bench load-synthetic)', 'cnipa-csv', 'running', now(), true) RETURNING id");
        // bulk mode, as the import job does for a large file into a small table: the non-unique indexes are rebuilt after the load
        var deferred = await DeferredIndexes.DeferAsync(db, importId, CancellationToken.None);

        var sw = Stopwatch.StartNew();
        var raw = Channel.CreateBounded<Raw>(workers + 1);
        var ready = Channel.CreateBounded<(List<PreparedRecord> Records, List<int> NewCodes)>(workers + 1);
        var stop = false;
        var producer = Task.Run(async () =>
        {
            try
            {
                foreach (var f in manifest["files"]!.AsArray())
                {
                    if (sw.Elapsed.TotalMinutes > maxMinutes) { stop = true; break; }
                    var path = f!["path"]!.GetValue<string>();
                    await using var fs = File.OpenRead(path);
                    var batch = new List<(long, RecordDraft)>(ImportOptions.DefaultBatchRows);
                    var name = Path.GetFileName(path);
                    foreach (var row in CnipaCsv.Drafts(fs, name))
                    {
                        batch.Add(row);
                        if (batch.Count == ImportOptions.DefaultBatchRows) { await raw.Writer.WriteAsync(new Raw(batch, name)); batch = new(ImportOptions.DefaultBatchRows); }
                    }
                    if (batch.Count > 0) await raw.Writer.WriteAsync(new Raw(batch, name));
                }
                raw.Writer.Complete();
            }
            catch (Exception e) { raw.Writer.Complete(e); }
        });
        // the codes search_vocabulary holds; each batch adds those it is the first to bring (batches are written in any
        // order here, so the table is complete once the load is)
        var known = await VocabularyCodes.LoadAsync(db, CancellationToken.None);
        var normalisers = Enumerable.Range(0, workers).Select(_ => Task.Run(async () =>
        {
            var normaliser = new RecordNormaliser(reference);
            await foreach (var b in raw.Reader.ReadAllAsync())
            {
                var rejections = new List<Rejection>();
                var recs = new List<PreparedRecord>(b.Drafts.Count);
                var newCodes = new List<int>();
                foreach (var (row, draft) in b.Drafts)
                {
                    var rec = normaliser.Normalise(draft, row, rejections);
                    if (rec is null) continue;
                    rec.SourceFormat = "cnipa-csv";
                    rec.SourceFile = b.File;
                    recs.Add(RecordCodec.Prepare(rec, null, known, newCodes));
                }
                await ready.Writer.WriteAsync((recs, newCodes));
            }
        })).ToArray();
        var closer = Task.Run(async () =>
        {
            try { await Task.WhenAll(normalisers.Append(producer)); ready.Writer.Complete(); }
            catch (Exception e) { ready.Writer.Complete(e); }
        });

        long written = 0, inserted = 0;
        var writing = new Stopwatch();
        var lastReport = Stopwatch.StartNew();
        await foreach (var (recs, newCodes) in ready.Reader.ReadAllAsync())
        {
            writing.Start();
            await using (var conn = await db.OpenConnectionAsync())
            await using (var tx = await conn.BeginTransactionAsync())
            {
                var outcome = await RecordWriter.WriteAsync(conn, tx, importId, recs, newCodes, CancellationToken.None);
                await tx.CommitAsync();
                inserted += outcome.Inserted;
            }
            writing.Stop();
            written += recs.Count;
            if (lastReport.Elapsed.TotalSeconds > 30) { Console.WriteLine($"  {written:N0} records in {sw.Elapsed.TotalSeconds:F0} s (writing {writing.Elapsed.TotalSeconds:F0} s)"); lastReport.Restart(); }
        }
        await closer;
        var loadSeconds = sw.Elapsed.TotalSeconds;
        Console.WriteLine($"loaded {written:N0} records in {loadSeconds:F0} s; rebuilding {deferred} deferred indexes");

        sw.Restart();
        var indexTimes = new JsonObject();
        await DeferredIndexes.RestoreAsync(db, NullLogger.Instance, CancellationToken.None);
        indexTimes["all (search GIN on one connection, the others on a second)"] = Math.Round(sw.Elapsed.TotalSeconds, 1);
        var indexSeconds = sw.Elapsed.TotalSeconds;
        sw.Restart();
        await Sql.ExecAsync(db, "VACUUM ANALYZE records");
        await Sql.ExecAsync(db, $"UPDATE imports SET status = 'succeeded', finished_at = now(), inserted = {inserted}, rows_read = {written} WHERE id = {importId}");
        var result = new JsonObject
        {
            ["label"] = o.Label, ["method"] = "load-synthetic", ["complete"] = !stop, ["workers"] = workers,
            ["loadSeconds"] = Math.Round(loadSeconds, 1), ["writingSeconds"] = Math.Round(writing.Elapsed.TotalSeconds, 1),
            ["ginRebuildSeconds"] = Math.Round(indexSeconds, 1), ["ginIndexes"] = indexTimes, ["vacuumAnalyzeSeconds"] = Math.Round(sw.Elapsed.TotalSeconds, 1),
            ["importSeconds"] = Math.Round(loadSeconds + indexSeconds, 1),
            ["records"] = await Sql.ScalarAsync<long>(db, "SELECT count(*) FROM records"),
            ["tableBytes"] = await Sql.ScalarAsync<long>(db, "SELECT pg_total_relation_size('records')"),
            ["files"] = manifest["files"]!.DeepClone(), ["finishedAt"] = DateTimeOffset.UtcNow.ToString("u"),
            ["loadAverage"] = File.ReadAllText("/proc/loadavg").Trim(),
        };
        Json.Write(Path.Combine(o.Results, $"import-{o.Label}.json"), result);
        Console.WriteLine($"5M: {result["records"]} records; load {loadSeconds:F0} s + GIN rebuild {indexSeconds:F0} s");
    }
}
