using System.IO.Compression;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Npgsql;

namespace Zhichan.Bench;

/// <summary>
/// `import`: the full 2017 file through the HTTP API into an emptied database, N runs, interleaved with the two COPY
/// baselines on the same server (plain table; table with pg_trgm GIN indexes on title and applicant). Then attribution
/// coverage and a fixed-seed sample of 50 attributions. Writes results/import-{label}.json.
/// </summary>
public static partial class ImportBench
{
    private const string Columns = "application_no text, application_date text, publication_no text, publication_date text, ipc text, applicant text, inventor text, title text, applicant_address text, applicant_postcode text, source_product text, source_file text";

    [GeneratedRegex(@"done in (\d+) ms: (\d+) rows; writing batches took (\d+) ms \(cumulative lookup/entities/insert/merge (\d+)/(\d+)/(\d+)/(\d+) ms[^)]*\)(?:; rebuilding deferred indexes (\d+) ms)?")]
    private static partial Regex DoneLine();

    public static async Task RunAsync(Options o)
    {
        var runs = o.Int("runs", 3);
        var gz = Path.Combine(o.Data, "patents/cn-invention-2017.csv.gz");
        var appLog = o.Require("app-log");
        await using var db = NpgsqlDataSource.Create(o.ConnectionString);
        using var api = new ApiClient(o.Url);
        await api.LoginAsync("bureau", o.Require("password"));

        // the baselines read the decompressed CSV server-side (the server runs as another OS user: world-readable folder)
        var dir = o.Get("tmp") ?? "/tmp/zhichan-bench";
        Directory.CreateDirectory(dir);
        File.SetUnixFileMode(dir, (UnixFileMode)0b111_101_101);
        var csv = Path.Combine(dir, "cn-invention-2017.csv");
        if (!File.Exists(csv))
        {
            await using var input = new GZipStream(File.OpenRead(gz), CompressionMode.Decompress);
            await using var output = File.Create(csv + ".part");
            await input.CopyToAsync(output);
            output.Close();
            File.Move(csv + ".part", csv);
        }
        File.SetUnixFileMode(csv, (UnixFileMode)0b110_100_100);
        await Sql.ExecAsync(db, "CREATE EXTENSION IF NOT EXISTS pg_trgm");
        await Sql.QuietAsync(db, o.Get("password"));

        var plain = new List<double>();
        var indexed = new List<double>();
        var imports = new JsonArray();
        var wall = new List<double>();
        var server = new List<double>();
        long[] prevSteps = [0, 0, 0, 0];
        var seenLines = 0;
        // --baselines false: the import alone (for profiling it; the report needs the baselines)
        var baselines = o.Get("baselines") != "false";
        for (var run = 1; run <= runs; run++)
        {
            long copied = 0;
            // the previous run's background ANALYZE (and autovacuum, switched back on after a bulk import) must not share
            // the machine with the baselines: it took 2 s of a core at the start of the next run's COPY baseline
            await WaitQuietAsync(db);
            if (!baselines) { plain.Add(0); indexed.Add(0); }
            else
            {
                // baseline 1: COPY into an unindexed table
                await Sql.ExecAsync(db, $"DROP TABLE IF EXISTS bench_copy_plain; CREATE TABLE bench_copy_plain ({Columns}); CHECKPOINT");
                plain.Add(await Sql.TimeAsync(db, $"COPY bench_copy_plain FROM '{csv}' (FORMAT csv, HEADER true)"));
                copied = await Sql.ScalarAsync<long>(db, "SELECT count(*) FROM bench_copy_plain");
                // baseline 2: COPY into a table with pg_trgm GIN indexes on title and applicant
                await Sql.ExecAsync(db, $"""
                    DROP TABLE IF EXISTS bench_copy_trgm; CREATE TABLE bench_copy_trgm ({Columns});
                    CREATE INDEX bench_copy_trgm_title ON bench_copy_trgm USING gin (title gin_trgm_ops);
                    CREATE INDEX bench_copy_trgm_applicant ON bench_copy_trgm USING gin (applicant gin_trgm_ops);
                    CHECKPOINT
                    """);
                indexed.Add(await Sql.TimeAsync(db, $"COPY bench_copy_trgm FROM '{csv}' (FORMAT csv, HEADER true)"));
                await Sql.ExecAsync(db, "DROP TABLE bench_copy_plain; DROP TABLE bench_copy_trgm");
            }

            // the import through the API into emptied records tables
            await ResetAsync(db);
            await WaitQuietAsync(db);
            var (imp, seconds) = await api.ImportAsync(gz, "cnipa-csv");
            wall.Add(seconds);
            server.Add(imp["durationMs"]!.GetValue<long>() / 1000.0);
            var line = await WaitForLogLineAsync(appLog, ++seenLines);
            var steps = new long[4];
            JsonObject? log = null;
            if (line is not null)
            {
                for (var k = 0; k < 4; k++) { steps[k] = long.Parse(line.Groups[4 + k].Value); }
                log = new JsonObject
                {
                    ["durationMs"] = long.Parse(line.Groups[1].Value), ["rows"] = long.Parse(line.Groups[2].Value),
                    ["writingMs"] = long.Parse(line.Groups[3].Value),
                    ["lookupMs"] = steps[0] - prevSteps[0], ["entitiesMs"] = steps[1] - prevSteps[1],
                    ["insertMs"] = steps[2] - prevSteps[2], ["mergeMs"] = steps[3] - prevSteps[3],
                    ["indexMs"] = line.Groups[8].Success ? long.Parse(line.Groups[8].Value) : 0,
                    ["bulk"] = imp["bulk"]?.GetValue<bool>() ?? false,
                };
                prevSteps = steps;
            }
            imports.Add(new JsonObject
            {
                ["run"] = run, ["wallSeconds"] = Math.Round(seconds, 3), ["serverDurationMs"] = imp["durationMs"]!.GetValue<long>(),
                ["rowsRead"] = imp["rowsRead"]!.GetValue<long>(), ["inserted"] = imp["inserted"]!.GetValue<long>(), ["updated"] = imp["updated"]!.GetValue<long>(),
                ["rejected"] = imp["rejected"]!.GetValue<long>(), ["copyPlainSeconds"] = Math.Round(plain[^1], 3), ["copyIndexedSeconds"] = Math.Round(indexed[^1], 3),
                ["copiedRows"] = copied, ["log"] = log,
            });
            Console.WriteLine($"run {run}: import {seconds:F2} s (server {server[^1]:F2} s), COPY plain {plain[^1]:F2} s, COPY+trgm {indexed[^1]:F2} s");
        }

        var result = new JsonObject
        {
            ["label"] = o.Label, ["runs"] = runs, ["file"] = gz, ["csvBytes"] = new FileInfo(csv).Length, ["gzBytes"] = new FileInfo(gz).Length,
            ["importWallMedian"] = Math.Round(Stats.Median(wall), 3), ["importServerMedian"] = Math.Round(Stats.Median(server), 3),
            ["copyPlainMedian"] = Math.Round(Stats.Median(plain), 3), ["copyIndexedMedian"] = Math.Round(Stats.Median(indexed), 3),
            ["runsDetail"] = imports,
        };
        await Sql.ExecAsync(db, "VACUUM ANALYZE records");
        result["records"] = await Sql.ScalarAsync<long>(db, "SELECT count(*) FROM records");
        result["tableBytes"] = await Sql.ScalarAsync<long>(db, "SELECT pg_total_relation_size('records')");
        result["sharedBuffers"] = await Sql.ScalarAsync<string>(db, "SELECT current_setting('shared_buffers')");
        result["attribution"] = await AttributionAsync(db);
        Json.Write(Path.Combine(o.Results, $"import-{o.Label}.json"), result);
        Console.WriteLine($"import median {result["importWallMedian"]} s; COPY {result["copyPlainMedian"]} s; COPY+trgm {result["copyIndexedMedian"]} s");
    }

    public static async Task ResetAsync(NpgsqlDataSource db)
    {
        await Sql.ExecAsync(db, "TRUNCATE records, entities, import_rejections, imports, stored_files RESTART IDENTITY CASCADE");
        await Sql.ExecAsync(db, "CHECKPOINT");
    }

    /// <summary>Waits (up to two minutes) until no maintenance runs in the database: ANALYZE, VACUUM, index builds, autovacuum.</summary>
    public static async Task WaitQuietAsync(NpgsqlDataSource db)
    {
        for (var i = 0; i < 1200; i++)
        {
            var busy = await Sql.ScalarAsync<long>(db, """
                SELECT count(*) FROM pg_stat_activity WHERE pid <> pg_backend_pid() AND state = 'active'
                  AND (backend_type = 'autovacuum worker' OR query ~* '^\s*(ANALYZE|VACUUM|CREATE INDEX)')
                """);
            if (busy == 0) return;
            await Task.Delay(100);
        }
        Console.Error.WriteLine("warning: maintenance still running in the database after two minutes");
    }

    private static async Task<Match?> WaitForLogLineAsync(string path, int nth)
    {
        for (var i = 0; i < 100; i++)
        {
            if (File.Exists(path))
            {
                string text;
                using (var fs = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite))
                using (var sr = new StreamReader(fs)) text = await sr.ReadToEndAsync();
                var matches = DoneLine().Matches(text);
                if (matches.Count >= nth) return matches[nth - 1];
            }
            await Task.Delay(100);
        }
        Console.Error.WriteLine("warning: the import's 'done in' log line was not found in " + path);
        return null;
    }

    /// <summary>Coverage by level and rule, and a fixed-seed sample of 50 attributions.</summary>
    public static async Task<JsonObject> AttributionAsync(NpgsqlDataSource db)
    {
        var names = new Dictionary<string, string>();
        await using (var cmd = db.CreateCommand("SELECT code, name FROM ref_regions"))
        await using (var r = await cmd.ExecuteReaderAsync())
            while (await r.ReadAsync()) names[r.GetString(0)] = r.GetString(1);

        var totals = new JsonObject();
        await using (var cmd = db.CreateCommand("""
            SELECT count(*), count(province_code), count(city_code), count(county_code),
                   count(*) FILTER (WHERE region_rule = 'foreign'),
                   count(province_code) FILTER (WHERE region_rule IS DISTINCT FROM 'foreign'),
                   count(city_code) FILTER (WHERE region_rule IS DISTINCT FROM 'foreign'),
                   count(county_code) FILTER (WHERE region_rule IS DISTINCT FROM 'foreign')
            FROM records
            """))
        await using (var r = await cmd.ExecuteReaderAsync())
        {
            await r.ReadAsync();
            string[] keys = ["all", "province", "city", "county", "foreign", "domesticProvince", "domesticCity", "domesticCounty"];
            for (var i = 0; i < keys.Length; i++) totals[keys[i]] = r.GetInt64(i);
        }
        var byRule = new JsonArray();
        await using (var cmd = db.CreateCommand("""
            SELECT COALESCE(region_rule, '(null)'), count(*), count(province_code), count(city_code), count(county_code), avg(region_confidence)
            FROM records GROUP BY 1 ORDER BY 2 DESC
            """))
        await using (var r = await cmd.ExecuteReaderAsync())
            while (await r.ReadAsync())
                byRule.Add(new JsonObject
                {
                    ["rule"] = r.GetString(0), ["records"] = r.GetInt64(1), ["province"] = r.GetInt64(2), ["city"] = r.GetInt64(3),
                    ["county"] = r.GetInt64(4), ["avgConfidence"] = r.IsDBNull(5) ? null : Math.Round(r.GetDouble(5), 3),
                });
        var sample = new JsonArray();
        await using (var cmd = db.CreateCommand("""
            SELECT application_number, address, postcode, province_code, city_code, county_code, region_rule, region_confidence, region_explanation
            FROM records ORDER BY md5(record_key || ':zhichan-bench-2026') LIMIT 50
            """))
        await using (var r = await cmd.ExecuteReaderAsync())
            while (await r.ReadAsync())
            {
                string? S(int i) => r.IsDBNull(i) ? null : r.GetString(i);
                var path = string.Join(" ", new[] { S(3), S(4), S(5) }.Where(c => c is not null).Select(c => names.GetValueOrDefault(c!, c!))
                    .Where(n => n is not ("市辖区" or "县" or "省直辖县级行政区划" or "自治区直辖县级行政区划")));
                sample.Add(new JsonObject
                {
                    ["applicationNumber"] = S(0), ["address"] = S(1), ["postcode"] = S(2), ["code"] = S(5) ?? S(4) ?? S(3), ["path"] = path,
                    ["rule"] = S(6), ["confidence"] = r.IsDBNull(7) ? null : Math.Round(r.GetFloat(7), 2), ["explanation"] = S(8),
                });
            }
        return new JsonObject { ["totals"] = totals, ["byRule"] = byRule, ["sample"] = sample };
    }
}
