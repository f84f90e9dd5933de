using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Npgsql;

namespace Zhichan.Bench;

/// <summary>
/// `entities` (issue 21 part 1): against a running app holding the 2017 file (run after `import`), (1) the resolution of every
/// record's applicants to entities from nothing (entity_links emptied first), `--runs` times through the API (ResolveEntities,
/// full), with the server's own duration of each run; then the same run again with nothing to change; (2) the entity page
/// (GetEntity) of the 20 entities with most records and 20 others of the register, `--page-runs` rounds round-robin after a
/// warm-up round. Writes results/entities-{label}.json and docs/benchmarks-registries-entities.md (--doc for another path).
/// </summary>
public static class EntitiesBench
{
    public static async Task RunAsync(Options o)
    {
        var runs = o.Int("runs", 3);
        var pageRuns = o.Int("page-runs", 20);
        await using var db = NpgsqlDataSource.Create(o.ConnectionString);
        var records = await Sql.ScalarAsync<long>(db, "SELECT count(*) FROM records");
        if (records == 0) throw new InvalidOperationException("the database holds no records: run `import` first (the 2017 file)");
        var http = await LoginAsync(o.Url, "bureau", o.Require("password"));
        await ImportBench.WaitQuietAsync(db);
        await WaitResolutionAsync(http);

        var full = new List<double>();
        var server = new List<double>();
        JsonNode? last = null;
        for (var i = 0; i < runs; i++)
        {
            await Sql.ExecAsync(db, "TRUNCATE entity_links");
            await Sql.ExecAsync(db, "UPDATE entities SET record_count = 0 WHERE record_count <> 0");
            await Sql.ExecAsync(db, "VACUUM ANALYZE entity_links");
            await Sql.ExecAsync(db, "CHECKPOINT");
            var (wall, run) = await ResolveAsync(http, db);
            full.Add(wall);
            server.Add(run["ms"]!.GetValue<long>() / 1000.0);
            last = run;
            Console.WriteLine($"entities: full resolution {i + 1}: {wall:F2} s wall, {server[^1]:F2} s server, {run["parties"]} parties");
        }
        var (againWall, again) = await ResolveAsync(http, db);
        Console.WriteLine($"entities: again with nothing to change: {againWall:F2} s");

        var master = await Sql.ScalarAsync<long>(db, "SELECT count(*) FROM entities WHERE master AND merged_into IS NULL");
        var entities = await Sql.ScalarAsync<long>(db, "SELECT count(*) FROM entities WHERE merged_into IS NULL");
        var ids = new List<long>();
        await using (var cmd = db.CreateCommand("""
            (SELECT id FROM entities WHERE merged_into IS NULL ORDER BY record_count DESC, id LIMIT 20)
            UNION ALL (SELECT id FROM entities WHERE master AND merged_into IS NULL ORDER BY md5(id::text) LIMIT 20)
            """))
        await using (var r = await cmd.ExecuteReaderAsync())
            while (await r.ReadAsync()) ids.Add(r.GetInt64(0));
        var largest = await Sql.ScalarAsync<int>(db, "SELECT max(record_count) FROM entities");
        var times = new List<double>();
        var took = new List<double>();
        for (var round = -1; round < pageRuns; round++)
            foreach (var id in ids)
            {
                var sw = Stopwatch.StartNew();
                using var res = await http.GetAsync($"api/registries/entities/{id}");
                var body = await res.Content.ReadAsStringAsync();
                sw.Stop();
                if (!res.IsSuccessStatusCode) throw new InvalidOperationException($"GetEntity {id}: {(int)res.StatusCode} {body}");
                if (round < 0) continue;
                times.Add(sw.Elapsed.TotalMilliseconds);
                took.Add(JsonNode.Parse(body)!["tookMs"]!.GetValue<long>());
            }

        var machine = $"{Environment.ProcessorCount} cores, {File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name"))?.Split(':')[1].Trim()}";
        var result = new JsonObject
        {
            ["label"] = o.Label, ["date"] = DateTime.UtcNow.ToString("yyyy-MM-dd HH:mm 'UTC'"), ["records"] = records, ["machine"] = machine,
            ["commit"] = o.Get("commit"), ["fullWall"] = Stats.Summary(full), ["fullServer"] = Stats.Summary(server), ["lastRun"] = last?.DeepClone(),
            ["againWall"] = againWall, ["again"] = again.DeepClone(), ["entities"] = entities, ["master"] = master, ["largestPortfolio"] = largest,
            ["page"] = Stats.Summary(times), ["pageServer"] = Stats.Summary(took), ["pageEntities"] = ids.Count,
        };
        Json.Write(Path.Combine(o.Results, $"entities-{o.Label}.json"), result);

        var md = new StringBuilder();
        md.AppendLine("# Registries · innovation entities: resolution of the 2017 applicants and the entity page (issue 21)").AppendLine();
        md.AppendLine($"Measured {result["date"]} on {machine}, {o.Get("commit") ?? "the working tree"}; {records:N0} records (the real 2017 CNIPA invention file, " +
                      $"`cn-invention-2017.csv.gz`, imported through the API first), {entities:N0} entities of which {master:N0} in the register (the jurisdiction's applicants).");
        md.AppendLine("Targets (issue 21): resolving the applicants of the 214k records to entities ≤ 30 s; the entity page ≤ 200 ms.").AppendLine();
        md.AppendLine("Command: `bench/run.sh --entities` (builds HEAD, starts the app on a fresh database, imports the 2017 file, then runs):").AppendLine();
        md.AppendLine("```bash");
        md.AppendLine("dotnet bench/Zhichan.Bench/bin/Release/net10.0/Zhichan.Bench.dll entities --label 215k --runs 3 --page-runs 20 --url URL --state STATE_DIR \\");
        md.AppendLine("  --pg-port PORT --password DEMO_PASSWORD --results bench/results");
        md.AppendLine("```").AppendLine();
        md.AppendLine("## Resolution of every record's applicants").AppendLine();
        md.AppendLine($"`ResolveEntities` with `full: true` after `entity_links` is emptied ({runs} runs): every applicant gets its entity (a person's decision, " +
                      "else its key's entity or the redirect's target), its rule and confidence; links written, records' entity ids compared and fixed, " +
                      "record counts refreshed, the jurisdiction's entities entered into the register, enterprise accounts linked. Wall: request to finished job as polled every 100 ms.").AppendLine();
        md.AppendLine("| measure | median s | max s |");
        md.AppendLine("|---|---:|---:|");
        md.AppendLine($"| wall (API, job) | {Stats.Median(full):0.00} | {full.Max():0.00} |");
        md.AppendLine($"| server (the run's own duration) | {Stats.Median(server):0.00} | {server.Max():0.00} |");
        md.AppendLine($"| again, nothing to change | {againWall:0.00} | |").AppendLine();
        md.AppendLine($"Last run: {last?["records"]} records, {last?["parties"]} applicants linked, {last?["linksWritten"]} links written, by rule {last?["byRule"]}.");
        md.AppendLine($"Target ≤ 30 s: {(Stats.Median(full) <= 30 ? "met" : "NOT met")}.").AppendLine();
        md.AppendLine("## The entity page").AppendLine();
        md.AppendLine($"`GET /api/registries/entities/{{id}}` (master data, names, labels, contacts, links summary, portfolio counts by type, status and year, history) " +
                      $"for the 20 entities with most records (largest portfolio {largest:N0} records) and 20 other entities of the register, {pageRuns} rounds after a warm-up round.").AppendLine();
        md.AppendLine("| measure | n | median ms | p95 ms | p99 ms | max ms |");
        md.AppendLine("|---|---:|---:|---:|---:|---:|");
        md.AppendLine($"| client wall | {times.Count} | {Stats.Median(times):0.0} | {Stats.Percentile(times, 95):0.0} | {Stats.Percentile(times, 99):0.0} | {times.Max():0.0} |");
        md.AppendLine($"| server (`tookMs`) | {took.Count} | {Stats.Median(took):0.0} | {Stats.Percentile(took, 95):0.0} | {Stats.Percentile(took, 99):0.0} | {took.Max():0.0} |").AppendLine();
        md.AppendLine($"Target p95 ≤ 200 ms: {(Stats.Percentile(times, 95) <= 200 ? "met" : "NOT met")}.");
        var doc = o.Get("doc") ?? "docs/benchmarks-registries-entities.md";
        File.WriteAllText(doc, md.ToString());
        Console.WriteLine(md.ToString());
    }

    private static async Task<(double Wall, JsonNode Run)> ResolveAsync(HttpClient http, NpgsqlDataSource db)
    {
        var sw = Stopwatch.StartNew();
        using var res = await http.PostAsJsonAsync("api/registries/entity-resolution", new { full = true });
        var body = await res.Content.ReadAsStringAsync();
        if (!res.IsSuccessStatusCode) throw new InvalidOperationException($"ResolveEntities: {(int)res.StatusCode} {body}");
        var job = JsonNode.Parse(body)!["jobId"]!.GetValue<long>();
        while (true)
        {
            await Task.Delay(100);
            var s = JsonNode.Parse(await http.GetStringAsync("api/registries/entity-resolution"))!;
            if (s["jobId"]?.GetValue<long>() == job && s["jobStatus"]?.GetValue<string>() is "succeeded" or "failed")
            {
                sw.Stop();
                if (s["jobStatus"]!.GetValue<string>() != "succeeded") throw new InvalidOperationException($"resolution job {job} failed: {s["jobMessage"]}");
                return (sw.Elapsed.TotalSeconds, s["runs"]![0]!);
            }
        }
    }

    /// <summary>Waits for the resolution the app queues after the import.</summary>
    private static async Task WaitResolutionAsync(HttpClient http)
    {
        for (var i = 0; i < 1200; i++)
        {
            var s = JsonNode.Parse(await http.GetStringAsync("api/registries/entity-resolution"))!;
            if (s["jobStatus"]?.GetValue<string>() is not ("queued" or "running") && s["pendingImports"]!.GetValue<int>() == 0 && s["jobId"] is not null) return;
            await Task.Delay(500);
        }
    }

    private static async Task<HttpClient> LoginAsync(string url, string user, string password)
    {
        var http = new HttpClient(new SocketsHttpHandler { CookieContainer = new CookieContainer(), UseCookies = true }) { BaseAddress = new Uri(url + "/"), Timeout = TimeSpan.FromMinutes(10) };
        using var res = await http.PostAsJsonAsync("api/auth/login", new { username = user, password });
        var body = await res.Content.ReadAsStringAsync();
        if (!res.IsSuccessStatusCode) throw new InvalidOperationException($"login of {user} failed: {(int)res.StatusCode} {body}");
        http.DefaultRequestHeaders.Add("X-XSRF-TOKEN", JsonNode.Parse(body)!["csrfToken"]!.GetValue<string>());
        return http;
    }
}
