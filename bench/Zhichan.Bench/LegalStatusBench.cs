using System.Text.Json.Nodes;
using Npgsql;

namespace Zhichan.Bench;

/// <summary>
/// `legal-status`: the CNIPA legal-status file through the HTTP API into a database holding the 2017 file (run after
/// `import`), N runs from the same starting state (its events removed and the records' events and status restored before
/// each run), then a re-import of the same file (nothing changes), then the 2017 file imported again into emptied records
/// with every event pending (each batch attaches those of its keys) against the 2017 import of `import` in the same run.
/// Writes results/legal-status-{label}.json.
/// </summary>
public static class LegalStatusBench
{
    public static async Task RunAsync(Options o)
    {
        var runs = o.Int("runs", 3);
        var file = Path.Combine(o.Data, "legal-status/cn-legal-status-20161228-part1.csv");
        var gz = Path.Combine(o.Data, "patents/cn-invention-2017.csv.gz");
        await using var db = NpgsqlDataSource.Create(o.ConnectionString);
        using var api = new ApiClient(o.Url);
        await api.LoginAsync("bureau", o.Require("password"));
        var records = await Sql.ScalarAsync<long>(db, "SELECT count(*) FROM records");
        if (records == 0) throw new InvalidOperationException("the database holds no records: run `import` first (the 2017 file)");
        await Sql.ExecAsync(db, """
            DROP TABLE IF EXISTS bench_ls_snapshot;
            CREATE UNLOGGED TABLE bench_ls_snapshot AS SELECT id, events, status, status_date FROM records;
            ALTER TABLE bench_ls_snapshot ADD PRIMARY KEY (id)
            """);

        var wall = new List<double>();
        var detail = new JsonArray();
        for (var run = 1; run <= runs; run++)
        {
            // the same starting state each run: no events stored, the records as the 2017 import left them
            await Sql.ExecAsync(db, """
                TRUNCATE legal_status_events;
                UPDATE records r SET events = s.events, status = s.status, status_date = s.status_date
                FROM bench_ls_snapshot s WHERE s.id = r.id AND (r.events IS DISTINCT FROM s.events OR r.status IS DISTINCT FROM s.status)
                """);
            await Sql.ExecAsync(db, "VACUUM ANALYZE records");
            await Sql.ExecAsync(db, "CHECKPOINT");
            await ImportBench.WaitQuietAsync(db);
            var (imp, seconds) = await api.ImportAsync(file, "cnipa-legal-status");
            wall.Add(seconds);
            var row = await CountsAsync(db, imp, seconds);
            row["run"] = run;
            detail.Add(row);
            Console.WriteLine($"legal-status run {run}: {seconds:F2} s, {row}");
        }

        // the same file again: every event is known, nothing changes
        await ImportBench.WaitQuietAsync(db);
        var (again, againSeconds) = await api.ImportAsync(file, "cnipa-legal-status");
        var reimport = await CountsAsync(db, again, againSeconds);
        Console.WriteLine($"re-import: {againSeconds:F2} s, {reimport}");

        // the 2017 import with every event pending: the events kept aside across the truncation (which cascades to them)
        var first2017 = Json.Read(Path.Combine(o.Results, $"import-{o.Label}.json"))?["importWallMedian"]?.GetValue<double>();
        await Sql.ExecAsync(db, """
            DROP TABLE IF EXISTS bench_ls_events;
            CREATE UNLOGGED TABLE bench_ls_events AS SELECT * FROM legal_status_events;
            UPDATE bench_ls_events SET record_id = NULL, attached_at = NULL, import_id = NULL;
            TRUNCATE records, entities, import_rejections, imports, stored_files RESTART IDENTITY CASCADE;
            INSERT INTO legal_status_events OVERRIDING SYSTEM VALUE SELECT * FROM bench_ls_events;
            DROP TABLE bench_ls_events; DROP TABLE bench_ls_snapshot;
            CHECKPOINT
            """);
        await ImportBench.WaitQuietAsync(db);
        var pendingBefore = await Sql.ScalarAsync<long>(db, "SELECT count(*) FROM legal_status_events WHERE record_id IS NULL");
        var (withPending, withPendingSeconds) = await api.ImportAsync(gz, "cnipa-csv");
        var attachedBy2017 = await Sql.ScalarAsync<long>(db, "SELECT count(*) FROM legal_status_events WHERE record_id IS NOT NULL");
        Console.WriteLine($"2017 import with {pendingBefore} pending events: {withPendingSeconds:F2} s, attached {attachedBy2017} (2017 import without: {first2017} s)");

        var result = new JsonObject
        {
            ["label"] = o.Label, ["runs"] = runs, ["file"] = file, ["fileBytes"] = new FileInfo(file).Length, ["recordsBefore"] = records,
            ["wallMedian"] = Math.Round(Stats.Median(wall), 3), ["runsDetail"] = detail, ["reimport"] = reimport,
            ["import2017WithPending"] = new JsonObject
            {
                ["wallSeconds"] = Math.Round(withPendingSeconds, 3), ["pendingBefore"] = pendingBefore, ["attached"] = attachedBy2017,
                ["inserted"] = withPending["inserted"]!.GetValue<long>(), ["import2017WithoutPendingMedian"] = first2017,
            },
        };
        Json.Write(Path.Combine(o.Results, $"legal-status-{o.Label}.json"), result);
        Console.WriteLine($"legal-status median {result["wallMedian"]} s over {runs} run(s)");
    }

    private static async Task<JsonObject> CountsAsync(NpgsqlDataSource db, JsonNode imp, double seconds) => new()
    {
        ["wallSeconds"] = Math.Round(seconds, 3), ["serverDurationMs"] = imp["durationMs"]?.GetValue<long>(),
        ["rowsRead"] = imp["rowsRead"]!.GetValue<long>(), ["inserted"] = imp["inserted"]!.GetValue<long>(),
        ["updated"] = imp["updated"]!.GetValue<long>(), ["unchanged"] = imp["unchanged"]!.GetValue<long>(), ["rejected"] = imp["rejected"]!.GetValue<long>(),
        ["events"] = await Sql.ScalarAsync<long>(db, "SELECT count(*) FROM legal_status_events"),
        ["attached"] = await Sql.ScalarAsync<long>(db, "SELECT count(*) FROM legal_status_events WHERE record_id IS NOT NULL"),
        ["recordsWithGazetteEvents"] = await Sql.ScalarAsync<long>(db, "SELECT count(DISTINCT record_id) FROM legal_status_events WHERE record_id IS NOT NULL"),
    };
}
