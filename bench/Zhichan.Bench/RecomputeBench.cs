using Zhichan.Api.Features.Records.Sources;
using System.Diagnostics;
using System.Globalization;
using System.IO.Compression;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Npgsql;
using Zhichan.Api.Features.Records.Sources.Tabular;

namespace Zhichan.Bench;

/// <summary>
/// `recompute`: the indicator recomputation (ADR 0104) on the records in the app's database — the real 2017 file (215k) or the
/// synthetic set (`--label 5m`). Measures, through the app's own background job (POST /api/indicators/recompute, polled in the
/// jobs table; the job's own duration from indicator_computations.duration_ms):
/// 1. a full recomputation of every records-based indicator for all regions and years, `--runs` times (after `--warmup` runs);
/// 2. an incremental recomputation after a small import (`--small-rows` new records filed in the latest year of the data, made
///    from real rows like `gen` does, imported through the API), `--runs` times, each after its own small import;
/// and, interleaved in the same run, the baseline: one plain `COUNT(*) … GROUP BY GROUPING SETS` of the inventions by province,
/// city and county × application year over the same records (the whole table, and the incremental years only).
/// The app's automatic recomputation after imports is held off (the sentinel computation of Sql.QuietAsync, left unfinished
/// during the measurement so that the incremental rule looks at the real last computation).
/// Writes results/recompute-{label}.json; `report` turns it into a section of docs/benchmarks.md.
/// </summary>
public static class RecomputeBench
{
    private static readonly int[] Weights = [2, 3, 4, 5, 6, 7, 8, 9, 2, 3, 4, 5];

    private const string BaselineSql = """
        SELECT province_code, city_code, county_code, y, count(*)
        FROM (SELECT province_code, city_code, county_code, extract(year FROM application_date)::int AS y
              FROM records WHERE right_type = 'patent_invention' AND application_date IS NOT NULL{0}) r
        GROUP BY GROUPING SETS ((province_code, y), (city_code, y), (county_code, y))
        """;

    public static async Task RunAsync(Options o)
    {
        var runs = o.Int("runs", 3);
        var warmup = o.Int("warmup", 1);
        var smallRows = o.Int("small-rows", 1000);
        var password = o.Require("password");
        await using var db = NpgsqlDataSource.Create(o.ConnectionString);
        await Sql.QuietAsync(db, password);
        // the sentinel keeps RecomputeAfterImports quiet (it compares with max(records_as_of)); unfinished, the incremental rule
        // (max(records_as_of) of *finished* computations) ignores it
        await Sql.ExecAsync(db, "UPDATE indicator_computations SET finished_at = NULL WHERE records_as_of = 'infinity'");
        using var api = await BenchClient.LoginAsync(o.Url, password);
        using var importer = new ApiClient(o.Url);
        await importer.LoginAsync("bureau", password);

        var records = await Sql.ScalarAsync<long>(db, "SELECT count(*) FROM records");
        var inventions = await Sql.ScalarAsync<long>(db, "SELECT count(*) FROM records WHERE right_type = 'patent_invention'");
        var latestYear = await Sql.ScalarAsync<int>(db, "SELECT COALESCE(max(extract(year FROM application_date))::int, 2017) FROM records");
        Console.WriteLine($"recompute bench ({o.Label}): {records:N0} records, {inventions:N0} inventions, latest application year {latestYear}");

        var full = new JsonArray();
        var baseline = new JsonArray();
        for (var i = -warmup; i < runs; i++)
        {
            var r = await RecomputeAsync(api, db, incremental: false);
            var b = await TimeBaselineAsync(db, "");
            if (i < 0) { Console.WriteLine($"  warm-up: full {r["jobMs"]} ms, baseline {b:F0} ms"); continue; }
            full.Add(r);
            baseline.Add(Math.Round(b, 1));
            Console.WriteLine($"  full run {i + 1}: job {r["jobMs"]} ms (wall {r["wallMs"]} ms), {r["values"]} values; baseline COUNT GROUP BY {b:F0} ms");
        }

        var incremental = new JsonArray();
        var baselineScoped = new JsonArray();
        var tmp = o.Get("tmp") ?? Path.GetTempPath();
        var rows = LoadRealRows(o.Data);
        // serials 9,000,000+ of the latest year: no real or `gen` record uses them; a reused database continues after the last run's
        var serialBase = await Sql.ScalarAsync<int>(db,
            $"SELECT COALESCE(max(substr(application_number, 6, 7)::int) + 1, 9000000) FROM records WHERE application_number LIKE '{latestYear}19%'");
        for (var i = 0; i < runs; i++)
        {
            var file = Path.Combine(tmp, $"recompute-small-{o.Label}-{i}.csv.gz");
            WriteSmallFile(file, rows, smallRows, latestYear, seed: 9_000 + i, serialFrom: serialBase + i * smallRows,
                publicationFrom: 290_000_000L + (serialBase - 9_000_000L) + i * smallRows);
            var (imp, importSeconds) = await importer.ImportAsync(file, "cnipa-csv");
            File.Delete(file);
            var r = await RecomputeAsync(api, db, incremental: true);
            var fromYear = r["fromYear"] is JsonValue fv ? fv.GetValue<int>() : (int?)null;
            var b = await TimeBaselineAsync(db, fromYear is null ? "" : $" AND application_date >= make_date({fromYear}, 1, 1)");
            r["importedRecords"] = imp["inserted"]!.GetValue<long>();
            r["importSeconds"] = Math.Round(importSeconds, 2);
            incremental.Add(r);
            baselineScoped.Add(Math.Round(b, 1));
            Console.WriteLine($"  incremental run {i + 1}: import of {imp["inserted"]} records {importSeconds:F1} s, then job {r["jobMs"]} ms (wall {r["wallMs"]} ms, from {fromYear}), {r["values"]} values; scoped baseline {b:F0} ms");
        }
        await Sql.ExecAsync(db, "UPDATE indicator_computations SET finished_at = now() WHERE records_as_of = 'infinity' AND finished_at IS NULL");

        static double D(JsonNode? n) => n is null ? double.NaN : double.Parse(n.ToJsonString(), CultureInfo.InvariantCulture);
        double Median(JsonArray a, string? key = null) => Stats.Median(a.Select(x => D(key is null ? x : x![key])).ToList());
        var result = new JsonObject
        {
            ["label"] = o.Label, ["records"] = records, ["inventions"] = inventions, ["latestYear"] = latestYear, ["runs"] = runs, ["warmup"] = warmup,
            ["smallRows"] = smallRows,
            ["definitions"] = await Sql.ScalarAsync<long>(db, "SELECT count(*) FROM indicator_definitions WHERE superseded_at IS NULL AND source = 'records'"),
            ["valuesStored"] = await Sql.ScalarAsync<long>(db, "SELECT count(*) FROM indicator_values"),
            ["recordsAfter"] = await Sql.ScalarAsync<long>(db, "SELECT count(*) FROM records"),
            ["recordsInLatestYear"] = await Sql.ScalarAsync<long>(db, $"SELECT count(*) FROM records WHERE application_date >= make_date({latestYear}, 1, 1)"),
            ["grantedRecords"] = await Sql.ScalarAsync<long>(db, "SELECT count(*) FROM records WHERE grant_date IS NOT NULL"),
            ["full"] = full, ["baselineMs"] = baseline, ["incremental"] = incremental, ["baselineScopedMs"] = baselineScoped,
            ["medianFullJobMs"] = Median(full, "jobMs"), ["medianFullWallMs"] = Median(full, "wallMs"), ["medianBaselineMs"] = Median(baseline),
            ["medianIncrementalJobMs"] = Median(incremental, "jobMs"), ["medianIncrementalWallMs"] = Median(incremental, "wallMs"),
            ["medianBaselineScopedMs"] = Median(baselineScoped), ["medianSmallImportSeconds"] = Median(incremental, "importSeconds"),
            ["loadAverage"] = File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "",
            ["finishedAt"] = DateTimeOffset.UtcNow.ToString("u"),
        };
        Json.Write(Path.Combine(o.Results, $"recompute-{o.Label}.json"), result);
        Console.WriteLine($"recompute ({o.Label}): full median {result["medianFullJobMs"]} ms vs baseline {result["medianBaselineMs"]} ms; " +
                          $"incremental median {result["medianIncrementalJobMs"]} ms vs scoped baseline {result["medianBaselineScopedMs"]} ms");
    }

    /// <summary>Queues the recomputation job through the API and waits for it; the job's own duration and values from indicator_computations.</summary>
    private static async Task<JsonObject> RecomputeAsync(BenchClient api, NpgsqlDataSource db, bool incremental)
    {
        var sw = Stopwatch.StartNew();
        var jobId = await api.PostForJobAsync("api/indicators/recompute" + (incremental ? "?incremental=true" : ""));
        while (true)
        {
            await Task.Delay(50);
            await using var cmd = db.CreateCommand("SELECT status, message FROM jobs WHERE id = $1");
            cmd.Parameters.Add(new NpgsqlParameter { Value = jobId });
            await using var r = await cmd.ExecuteReaderAsync();
            await r.ReadAsync();
            var status = r.GetString(0);
            if (status == "succeeded") break;
            if (status is "failed" or "cancelled") throw new InvalidOperationException($"recomputation job {jobId} {status}: {(r.IsDBNull(1) ? "" : r.GetString(1))}");
        }
        var wall = sw.Elapsed.TotalMilliseconds;
        await using var q = db.CreateCommand("""
            SELECT c.duration_ms, c.values_written, (a.after->>'fromYear')::int
            FROM indicator_computations c
            LEFT JOIN audit_log a ON a.entity = 'indicator_values' AND a.action = 'recompute' AND a.entity_id = c.id::text
            WHERE c.job_id = $1
            """);
        q.Parameters.Add(new NpgsqlParameter { Value = jobId });
        await using var rd = await q.ExecuteReaderAsync();
        // an incremental run with nothing changed writes no computation row
        if (!await rd.ReadAsync()) return new JsonObject { ["jobId"] = jobId, ["jobMs"] = 0, ["wallMs"] = Math.Round(wall), ["values"] = 0, ["fromYear"] = null, ["nothingChanged"] = true };
        return new JsonObject
        {
            ["jobId"] = jobId, ["jobMs"] = rd.IsDBNull(0) ? null : (JsonNode)rd.GetInt64(0), ["wallMs"] = Math.Round(wall), ["values"] = rd.GetInt32(1),
            ["fromYear"] = rd.IsDBNull(2) ? null : (JsonNode)rd.GetInt32(2),
        };
    }

    private static async Task<double> TimeBaselineAsync(NpgsqlDataSource db, string scope)
    {
        var sw = Stopwatch.StartNew();
        await using var cmd = db.CreateCommand(string.Format(CultureInfo.InvariantCulture, BaselineSql, scope));
        await using var r = await cmd.ExecuteReaderAsync();
        var n = 0;
        while (await r.ReadAsync()) n++;
        return sw.Elapsed.TotalMilliseconds;
    }

    private static List<string[]> LoadRealRows(string data)
    {
        using var fs = File.OpenRead(Path.Combine(data, "patents/cn-invention-2017.csv.gz"));
        var s = TextDecoding.Decompress(fs);
        var (header, rows) = TabularSource.ReadCsv(s, new UTF8Encoding(false));
        var list = rows.Select(r => r.Cells).ToList();
        list.Insert(0, header);
        return list;
    }

    /// <summary>
    /// A small cnipa-csv file of new inventions filed in <paramref name="year"/> — this month's delivery, so to speak: title halves,
    /// applicant, address and IPC each from another real row (fixed seed), application numbers in a serial range no real or `gen`
    /// record uses, so every row is a new record.
    /// </summary>
    private static void WriteSmallFile(string path, List<string[]> realWithHeader, int n, int year, int seed, int serialFrom, long publicationFrom)
    {
        var header = realWithHeader[0];
        var idx = header.Select((h, i) => (h, i)).ToDictionary(x => x.h, x => x.i);
        string F(string[] r, string col) => idx[col] < r.Length ? r[idx[col]] : "";
        var rnd = new Random(seed);
        string[] Pick() => realWithHeader[1 + rnd.Next(realWithHeader.Count - 1)];
        using var file = File.Create(path);
        using var z = new GZipStream(file, CompressionLevel.Fastest);
        using var w = new StreamWriter(z, new UTF8Encoding(false));
        w.Write(string.Join(',', header) + "\n");
        for (var i = 0; i < n; i++)
        {
            var (a, b, people, place, cls) = (Pick(), Pick(), Pick(), Pick(), Pick());
            var ta = F(a, "title");
            var tb = F(b, "title");
            var date = new DateOnly(year, 1, 1).AddDays(rnd.Next(365));
            var digits = $"{year}1{serialFrom + i:D7}";
            var sum = 0;
            for (var k = 0; k < 12; k++) sum += (digits[k] - '0') * Weights[k];
            var check = sum % 11 == 10 ? "X" : (sum % 11).ToString(CultureInfo.InvariantCulture);
            string[] values =
            [
                $"CN{digits}.{check}", date.ToString("yyyyMMdd", CultureInfo.InvariantCulture), $"CN{publicationFrom + i}A",
                date.AddDays(540 + rnd.Next(400)).ToString("yyyyMMdd", CultureInfo.InvariantCulture), F(cls, "ipc"), F(people, "applicant"), F(people, "inventor"),
                ta[..((ta.Length + 1) / 2)] + tb[(tb.Length / 2)..], F(place, "applicant_address"), F(place, "applicant_postcode"), "SYNTHETIC", "recompute-bench",
            ];
            w.Write(string.Join(',', values.Select(v => v.AsSpan().IndexOfAny(",\"\n\r") >= 0 ? "\"" + v.Replace("\"", "\"\"") + "\"" : v)));
            w.Write('\n');
        }
    }

    /// <summary>Section 6 of docs/benchmarks.md from results/recompute-*.json (nothing when the run did not measure it).</summary>
    public static void ReportSection(StringBuilder md, string dir)
    {
        var results = new[] { "215k", "5m" }.Select(l => Json.Read(Path.Combine(dir, $"recompute-{l}.json"))).Where(r => r is not null).ToList();
        if (results.Count == 0) return;
        var inv = CultureInfo.InvariantCulture;
        string N(JsonNode? n, string fmt = "N0") => n is null ? "–" : n.GetValue<double>().ToString(fmt, inv);
        md.AppendLine("## 6. Indicator recomputation (目标考核, ADR 0104)").AppendLine();
        md.AppendLine("`bench recompute` (in `bench/run.sh` after the search benchmark of each data set): the app's own background job through the API " +
                      "(`POST /api/indicators/recompute`, polled in `jobs`), timed by the job itself (`indicator_computations.duration_ms`) and end to end (queue → succeeded). " +
                      "Full = every records-based definition for every region (province, city, county) and every year; incremental = after a small import of new " +
                      "inventions filed in the latest year of the data (made from real rows like `gen`, imported through the API), only the years from the earliest date of a changed record. " +
                      "Baseline in the same run, interleaved: one `COUNT(*) … GROUP BY GROUPING SETS` of the inventions by province, city and county × application year over the same records " +
                      "(for the incremental runs restricted to the same years). Medians of the measured runs (after a warm-up run for the full recomputation).").AppendLine();
        md.AppendLine("| records | definitions | values written (full) | full: job (ms) | full: end to end (ms) | baseline COUNT GROUP BY (ms) | full / baseline | small import (records, s) | incremental: job (ms) | incremental: end to end (ms) | scoped baseline (ms) | incremental years |");
        md.AppendLine("|---|---|---|---|---|---|---|---|---|---|---|---|");
        foreach (var r in results)
        {
            var full = r!["full"]!.AsArray();
            var incr = r["incremental"]!.AsArray();
            var ratio = r["medianBaselineMs"]!.GetValue<double>() > 0 ? r["medianFullJobMs"]!.GetValue<double>() / r["medianBaselineMs"]!.GetValue<double>() : double.NaN;
            var years = incr.Select(x => x!["fromYear"]?.ToString()).Distinct().ToList();
            md.AppendLine($"| {N(r["records"])} | {r["definitions"]} | {N(full[0]?["values"])} | **{N(r["medianFullJobMs"])}** | {N(r["medianFullWallMs"])} | {N(r["medianBaselineMs"])} | {ratio.ToString("F1", inv)}× | " +
                          $"{N(incr[0]?["importedRecords"])}, {N(r["medianSmallImportSeconds"], "F1")} | **{N(r["medianIncrementalJobMs"])}** | {N(r["medianIncrementalWallMs"])} | {N(r["medianBaselineScopedMs"])} | from {string.Join("/", years)} |");
        }
        md.AppendLine();
        foreach (var r in results)
        {
            string Runs(string key, string field) => string.Join(", ", r![key]!.AsArray().Select(x => N(x![field])));
            md.AppendLine($"- {r!["label"]} ({r["finishedAt"]}): full runs {Runs("full", "jobMs")} ms (job); incremental runs {Runs("incremental", "jobMs")} ms (job); " +
                          $"baseline {string.Join(", ", r["baselineMs"]!.AsArray().Select(x => N(x)))} ms; load average at the end {r["loadAverage"]}; {N(r["valuesStored"])} values stored. " +
                          $"Records after the small imports: {N(r["recordsAfter"])}, of which filed in {r["latestYear"]} (the incremental scope): {N(r["recordsInLatestYear"])}; granted (the stock indicators' base): {N(r["grantedRecords"])}.");
        }
        md.AppendLine();
        var findings = Path.Combine(Path.GetDirectoryName(Path.GetFullPath(dir))!, "findings-recompute.md");
        if (File.Exists(findings)) md.AppendLine(File.ReadAllText(findings).TrimEnd()).AppendLine();
    }
}

/// <summary>A signed-in client for the POSTs the recompute benchmark needs (antiforgery header from the login answer).</summary>
public sealed class BenchClient : IDisposable
{
    private readonly HttpClient _http;

    private BenchClient(HttpClient http) => _http = http;

    public static async Task<BenchClient> LoginAsync(string baseUrl, string password)
    {
        var http = new HttpClient(new SocketsHttpHandler { CookieContainer = new CookieContainer(), UseCookies = true }) { BaseAddress = new Uri(baseUrl + "/"), Timeout = TimeSpan.FromMinutes(10) };
        using var res = await http.PostAsJsonAsync("api/auth/login", new { username = "bureau", password });
        var body = await res.Content.ReadAsStringAsync();
        if (!res.IsSuccessStatusCode) throw new InvalidOperationException($"login failed: {(int)res.StatusCode} {body}");
        http.DefaultRequestHeaders.Add("X-XSRF-TOKEN", JsonNode.Parse(body)!["csrfToken"]!.GetValue<string>());
        return new BenchClient(http);
    }

    /// <summary>POSTs and returns the jobId of the 202 answer.</summary>
    public async Task<long> PostForJobAsync(string relative)
    {
        using var res = await _http.PostAsync(relative, null);
        var body = await res.Content.ReadAsStringAsync();
        if (res.StatusCode != HttpStatusCode.Accepted) throw new InvalidOperationException($"POST {relative}: {(int)res.StatusCode} {body}");
        return JsonNode.Parse(body)!["jobId"]!.GetValue<long>();
    }

    public void Dispose() => _http.Dispose();
}
