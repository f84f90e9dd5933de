using System.Diagnostics;
using System.Text;
using Npgsql;
using Zhichan.Api.Features.Records.Sources;
using Zhichan.Api.Features.Records.Sources.Tabular;

namespace Zhichan.Bench;

/// <summary>
/// `watches` (issue 24 §3, ADR 0047): the evaluation of --watches watches after an import of --batch records, through the app's own
/// path — the import through the API, then the evaluation job that EvaluateAfterImports queues by itself after it; the figure is
/// the job's own duration (jobs.started_at → finished_at). Data: the first --base rows of the real 2017 file as the stock, then
/// --runs slices of --batch further rows, each a new import. Watches (inserted with SQL, owned by the demo accounts, marks at the
/// stock): 40 % saved searches (a word of the stock's titles, every fifth with a region filter), 30 % patents of the stock,
/// 20 % entities of the stock's applicants, 10 % indicators of a region. Writes --doc (markdown) when given.
///   bench/run.sh --watches
/// </summary>
public static class WatchesBench
{
    private static readonly string[] Words = ["电池", "传感器", "组合物", "装置", "制备方法", "电机", "控制系统", "催化剂", "显示", "通信", "机器人", "图像",
        "药物", "涂料", "阀门", "轴承", "纤维", "混凝土", "检测", "算法"];

    public static async Task RunAsync(Options o)
    {
        var watchesN = o.Int("watches", 1000);
        var batch = o.Int("batch", 10_000);
        var stock = o.Int("base", 20_000);
        var runs = o.Int("runs", 3);
        var password = o.Require("password");
        var tmp = o.Get("tmp") ?? "/tmp";
        await using var db = NpgsqlDataSource.Create(o.ConnectionString);
        using var api = new ApiClient(o.Url);
        await api.LoginAsync("bureau", password);

        using var fs = File.OpenRead(Path.Combine(o.Data, "patents/cn-invention-2017.csv.gz"));
        var (header, all) = TabularSource.ReadCsv(TextDecoding.Decompress(fs), new UTF8Encoding(false));
        var rows = all.Take(stock + runs * batch).Select(r => r.Cells).ToList();
        string Slice(int from, int n, string name)
        {
            var path = Path.Combine(tmp, name);
            var sb = new StringBuilder(string.Join(',', header.Select(Quote))).Append("\r\n");
            foreach (var r in rows.Skip(from).Take(n)) sb.Append(string.Join(',', r.Select(Quote))).Append("\r\n");
            File.WriteAllText(path, sb.ToString(), new UTF8Encoding(false));
            return path;
        }

        var (stockImport, stockSeconds) = await api.ImportAsync(Slice(0, stock, "watches-stock.csv"), "cnipa-csv");
        Console.WriteLine($"stock: {stockImport["inserted"]} records in {stockSeconds:0.0} s");
        await WaitForEvaluationAsync(db, DateTimeOffset.UtcNow.AddMinutes(-60));
        await InsertWatchesAsync(db, watchesN);

        var results = new List<(long Inserted, double ImportSeconds, double EvaluationSeconds, string Message)>();
        for (var run = 0; run < runs; run++)
        {
            var (imp, seconds) = await api.ImportAsync(Slice(stock + run * batch, batch, $"watches-batch-{run}.csv"), "cnipa-csv");
            var finished = DateTimeOffset.UtcNow;
            var (evaluation, message) = await WaitForEvaluationAsync(db, finished.AddSeconds(-seconds));
            results.Add((imp["inserted"]!.GetValue<long>(), seconds, evaluation, message));
            Console.WriteLine($"run {run + 1}: {imp["inserted"]} new records in {seconds:0.0} s; evaluation {evaluation:0.00} s — {message}");
        }
        var median = Stats.Median(results.Select(r => r.EvaluationSeconds).ToList());
        var hits = await Sql.ScalarAsync<long>(db, "SELECT count(*) FROM watch_hits");
        var md = new StringBuilder();
        md.AppendLine("# Watches benchmark (监控预警)");
        md.AppendLine();
        md.AppendLine($"Date: {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC · {Environment.ProcessorCount} cores (shared with other jobs) · .NET {Environment.Version}");
        md.AppendLine();
        md.AppendLine($"Data: the first {stock:N0} rows of `patents/cn-invention-2017.csv.gz` as the stock, then {runs} imports of the next {batch:N0} rows each " +
                      $"(real rows; new records as the table says). {watchesN:N0} watches: 40 % saved searches (a word of the titles, every fifth with a region), " +
                      "30 % patents of the stock, 20 % entities of the stock's applicants, 10 % indicators of a region; marks at the stock.");
        md.AppendLine();
        md.AppendLine("Command: `bench/run.sh --watches` (starts the app on a fresh database, runs `Zhichan.Bench.dll watches --runs 3`).");
        md.AppendLine();
        md.AppendLine("| run | rows imported | new records | import (s) | evaluation job after it (s) | what it found |");
        md.AppendLine("|---|---|---|---|---|---|");
        for (var i = 0; i < results.Count; i++)
            md.AppendLine($"| {i + 1} | {batch:N0} | {results[i].Inserted:N0} | {results[i].ImportSeconds:0.0} | {results[i].EvaluationSeconds:0.00} | {results[i].Message} |");
        md.AppendLine($"| **median** | | | | **{median:0.00}** | target ≤ 30 s: **{(median <= 30 ? "met" : "not met")}** |");
        md.AppendLine();
        md.AppendLine($"Alerts written in all: {hits:N0}.");
        Console.WriteLine(md.ToString());
        if (o.Get("doc") is { } doc) File.WriteAllText(doc, md.ToString());
    }

    /// <summary>Waits for the evaluation job queued after the import (started after <paramref name="since"/>); its duration and message.</summary>
    private static async Task<(double Seconds, string Message)> WaitForEvaluationAsync(NpgsqlDataSource db, DateTimeOffset since)
    {
        var deadline = DateTime.UtcNow.AddMinutes(10);
        while (DateTime.UtcNow < deadline)
        {
            await using var cmd = db.CreateCommand("""
                SELECT extract(epoch FROM finished_at - started_at)::float8, COALESCE(message, '') FROM jobs
                WHERE kind = 'analysis.watches.evaluate' AND status = 'succeeded' AND created_at > $1 ORDER BY id DESC LIMIT 1
                """);
            cmd.Parameters.Add(new NpgsqlParameter { Value = since });
            await using var r = await cmd.ExecuteReaderAsync();
            if (await r.ReadAsync()) return (r.GetDouble(0), r.GetString(1));
            await Task.Delay(500);
        }
        throw new TimeoutException("no evaluation job finished within 10 minutes of the import");
    }

    private static async Task InsertWatchesAsync(NpgsqlDataSource db, int n)
    {
        var search = n * 4 / 10;
        var record = n * 3 / 10;
        var entity = n * 2 / 10;
        var indicator = n - search - record - entity;
        await Sql.ExecAsync(db, $$"""
            WITH owners AS (SELECT array_agg(id ORDER BY id) AS ids FROM users WHERE username IN ('bureau', 'hengrui', 'admin')),
                 marks AS (SELECT (SELECT COALESCE(max(id), 0) FROM records) AS r, (SELECT COALESCE(max(id), 0) FROM legal_status_events) AS e),
                 words AS (SELECT array[{{string.Join(",", Words.Select(w => $"'{w}'"))}}] AS w)
            INSERT INTO watches (owner_id, owner_name, kind, name, q, filters, record_mark, event_mark)
            SELECT owners.ids[1 + g % array_length(owners.ids, 1)], 'bench', 'search', 'bench search ' || g, words.w[1 + g % array_length(words.w, 1)],
                   CASE WHEN g % 5 = 0 THEN '{"region":"320000"}'::jsonb ELSE '{}'::jsonb END, marks.r, marks.e
            FROM generate_series(1, {{search}}) g, owners, marks, words;

            WITH owners AS (SELECT array_agg(id ORDER BY id) AS ids FROM users WHERE username IN ('bureau', 'hengrui', 'admin')),
                 marks AS (SELECT (SELECT COALESCE(max(id), 0) FROM records) AS r, (SELECT COALESCE(max(id), 0) FROM legal_status_events) AS e)
            INSERT INTO watches (owner_id, owner_name, kind, name, record_key, application_number, days_ahead, record_mark, event_mark)
            SELECT owners.ids[1 + (row_number() OVER ()) % array_length(owners.ids, 1)], 'bench', 'record', 'bench record ' || r.id, r.record_key, r.application_number, 30, marks.r, marks.e
            FROM (SELECT id, record_key, application_number FROM records ORDER BY id LIMIT {{record}}) r, owners, marks;

            WITH owners AS (SELECT array_agg(id ORDER BY id) AS ids FROM users WHERE username IN ('bureau', 'hengrui', 'admin')),
                 marks AS (SELECT (SELECT COALESCE(max(id), 0) FROM records) AS r, (SELECT COALESCE(max(id), 0) FROM legal_status_events) AS e)
            INSERT INTO watches (owner_id, owner_name, kind, name, entity_id, record_mark, event_mark)
            SELECT owners.ids[1 + (row_number() OVER ()) % array_length(owners.ids, 1)], 'bench', 'entity', 'bench entity ' || e.id, e.id, marks.r, marks.e
            FROM (SELECT applicant_entity_ids[1] AS id, count(*) FROM records WHERE cardinality(applicant_entity_ids) > 0 GROUP BY 1 ORDER BY 2 DESC LIMIT {{entity}}) e, owners, marks;

            WITH owners AS (SELECT array_agg(id ORDER BY id) AS ids FROM users WHERE username = 'bureau'),
                 codes AS (SELECT array_agg(DISTINCT code) AS c FROM indicator_definitions WHERE source = 'records')
            INSERT INTO watches (owner_id, owner_name, kind, name, indicator_code, region_code, threshold_pct, direction)
            SELECT owners.ids[1], 'bench', 'indicator', 'bench indicator ' || g, codes.c[1 + g % array_length(codes.c, 1)],
                   (array['320000', '320700', '320100', '320500', '110000'])[1 + g % 5], 20, 'either'
            FROM generate_series(1, {{indicator}}) g, owners, codes;
            """);
        Console.WriteLine($"{await Sql.ScalarAsync<long>(db, "SELECT count(*) FROM watches")} watches inserted");
    }

    private static string Quote(string v) => v.IndexOfAny([',', '"', '\n', '\r']) >= 0 ? "\"" + v.Replace("\"", "\"\"") + "\"" : v;
}
