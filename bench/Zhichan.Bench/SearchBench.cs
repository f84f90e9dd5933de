using System.Diagnostics;
using System.Text;
using System.Text.Json.Nodes;
using Npgsql;
using Zhichan.Api.Features.Records.Search;

namespace Zhichan.Bench;

/// <summary>
/// `search`: warm latency of the fixed query set through the HTTP API (one warm-up pass, then N measured passes; one client,
/// sequential requests). `sqlite`: the text-only queries side by side with SQLite FTS5 (trigram) on the same records,
/// speed and hit-set correctness against a plain scan. Writes results/search-{label}.json and results/sqlite-{label}.json.
/// </summary>
public static class SearchBench
{
    public static async Task RunAsync(Options o)
    {
        await using var db = NpgsqlDataSource.Create(o.ConnectionString);
        await Sql.QuietAsync(db, o.Get("password"));
        var baseQueries = await Queries.LoadOrGenerateAsync(o, db);
        // issue 19 classes: drawn from the records of this database (at 5M the synthetic ones), measured in the same passes
        var issue19 = await Issue19Queries.GenerateAsync(db, baseQueries.Max(q => q.Id) + 1);
        Json.Write(Path.Combine(o.Results, $"queries-issue19-{o.Label}.json"), new JsonArray(issue19.Select(q => (JsonNode?)q.ToJson()).ToArray()));
        var queries = baseQueries.Concat(issue19).ToList();
        using var api = new ApiClient(o.Url);
        await api.LoginAsync("bureau", o.Require("password"));
        var passes = o.Int("passes", 3);
        var records = await Sql.ScalarAsync<long>(db, "SELECT count(*) FROM records");

        foreach (var q in queries) await api.GetTimedAsync(q.Url); // warm-up
        var samples = queries.ToDictionary(q => q.Id, _ => new List<double>());
        var took = queries.ToDictionary(q => q.Id, _ => new List<double>());
        var totals = new Dictionary<int, long>();
        var errors = new Dictionary<int, string>();
        for (var p = 0; p < passes; p++)
            foreach (var q in queries)
            {
                var (ms, tookMs, total, error) = await api.GetTimedAsync(q.Url);
                samples[q.Id].Add(ms); // a failed request (e.g. the server's 30 s command timeout) counts with the time it took
                if (error is null) { took[q.Id].Add(tookMs); totals[q.Id] = total; }
                else { errors[q.Id] = error; Console.WriteLine($"  query {q.Id} failed after {ms:F0} ms: {error}"); }
            }

        var all = baseQueries.SelectMany(q => samples[q.Id]).ToList(); // the set the targets of issue 5 are measured on
        var perQuery = queries.Select(q => new JsonObject
        {
            ["id"] = q.Id, ["category"] = q.Category, ["url"] = q.Url, ["total"] = totals.TryGetValue(q.Id, out var tt) ? tt : null,
            ["medianMs"] = Math.Round(Stats.Median(samples[q.Id]), 2), ["serverMedianMs"] = took[q.Id].Count > 0 ? Stats.Median(took[q.Id]) : null,
            ["error"] = errors.GetValueOrDefault(q.Id),
            ["facets"] = q.Params.GetValueOrDefault("facets") == "true",
        }).ToList();
        var byCategory = new JsonObject();
        foreach (var g in queries.GroupBy(q => q.Category))
        {
            var s = Stats.Summary(g.SelectMany(q => samples[q.Id]).ToList());
            s["queries"] = g.Count();
            byCategory[g.Key] = s;
        }
        var result = new JsonObject
        {
            ["label"] = o.Label, ["records"] = records, ["queries"] = baseQueries.Count, ["passes"] = passes, ["failedQueries"] = errors.Count,
            ["overall"] = Stats.Summary(all),
            // the set every run before the eighth session measured (the single characters were added to it then)
            ["fixedSet"] = FixedSet(baseQueries, samples),
            ["facetsOn"] = Stats.Summary(baseQueries.Where(q => q.Params["facets"] == "true").SelectMany(q => samples[q.Id]).ToList()),
            ["facetsOff"] = Stats.Summary(baseQueries.Where(q => q.Params["facets"] != "true").SelectMany(q => samples[q.Id]).ToList()),
            ["serverTook"] = Stats.Summary(took.Values.SelectMany(v => v).ToList()),
            ["byCategory"] = byCategory,
            ["slowest"] = new JsonArray(perQuery.Where(x => !Issue19Queries.IsIssue19(x["category"]!.ToString())).OrderByDescending(x => x["medianMs"]!.GetValue<double>()).Take(15).Select(x => (JsonNode?)x.DeepClone()).ToArray()),
            ["perQuery"] = new JsonArray(perQuery.Select(x => (JsonNode?)x).ToArray()),
            ["issue19"] = await Issue19Async(api, issue19, samples, took),
            // whether the server mapped its buffer pool in huge pages (ADR 0073): read from the kernel after the passes; the
            // pages a running server maps are no longer available (free and promised to no mapping)
            ["bufferPool"] = await BufferPoolAsync(db),
        };
        Json.Write(Path.Combine(o.Results, $"search-{o.Label}.json"), result);
        Console.WriteLine($"search {o.Label}: {queries.Count} queries × {passes}: p50 {result["overall"]!["p50"]} p95 {result["overall"]!["p95"]} p99 {result["overall"]!["p99"]} ms");
    }

    /// <summary>
    /// Issue 19 classes: latency per class and per kind (number-*, field-*), and the checks of every query, made after the
    /// timed passes: a number query's first hit is its record; a list reports the numbers found and not found as built; a
    /// field expression finds its source record (<c>(q) AND AN=…</c> gives exactly 1 hit) and at least one hit.
    /// </summary>
    private static async Task<JsonObject> Issue19Async(ApiClient api, List<BenchQuery> queries, Dictionary<int, List<double>> samples, Dictionary<int, List<double>> took)
    {
        var failures = new JsonArray();
        var okById = new Dictionary<int, bool>();
        foreach (var q in queries)
        {
            var e = q.Expect!;
            var (body, error) = await api.GetJsonAsync(q.Url);
            string? problem = error;
            if (body is not null)
            {
                var items = body["items"]!.AsArray();
                if (e["first"] is { } first && (items.Count == 0 || items[0]!["id"]!.GetValue<long>() != first.GetValue<long>()))
                    problem = $"first hit {(items.Count == 0 ? "none" : items[0]!["id"] + " " + items[0]!["applicationNumber"])}, expected record {first} ({e["an"]})";
                else if (e["requested"] is not null)
                {
                    var n = body["numbers"];
                    var notFound = n?["notFound"]?.AsArray().Select(x => x!["number"]!.ToString()).ToList() ?? [];
                    var expectedNotFound = e["notFound"]!.AsArray().Select(x => x!.ToString()).ToList();
                    if (n is null || n["requested"]!.GetValue<int>() != e["requested"]!.GetValue<int>() || n["found"]!.GetValue<int>() != e["found"]!.GetValue<int>()
                        || !notFound.SequenceEqual(expectedNotFound))
                        problem = $"numbers report {n?.ToJsonString() ?? "missing"}, expected requested {e["requested"]} found {e["found"]} notFound [{string.Join(", ", expectedNotFound)}]";
                }
                else if (e["first"] is null)
                {
                    if (body["total"]!.GetValue<long>() < 1) problem = "no hit";
                    else
                    {
                        var probe = new SortedDictionary<string, string>(StringComparer.Ordinal) { ["q"] = $"({q.Params["q"]}) AND AN={e["an"]}", ["facets"] = "false" };
                        var (pb, perr) = await api.GetJsonAsync((q with { Params = probe }).Url);
                        if (pb is null) problem = "probe failed: " + perr;
                        else if (pb["total"]!.GetValue<long>() != 1) problem = $"the source record {e["an"]} is not among the {body["total"]} hits";
                    }
                }
            }
            okById[q.Id] = problem is null;
            if (problem is not null)
            {
                failures.Add(new JsonObject { ["id"] = q.Id, ["category"] = q.Category, ["q"] = q.Params["q"], ["problem"] = problem });
                Console.WriteLine($"  issue 19 check failed, query {q.Id} ({q.Category}) {q.Params["q"].ReplaceLineEndings(" | ")}: {problem}");
            }
        }
        JsonObject Sum(IEnumerable<BenchQuery> g)
        {
            var list = g.ToList();
            var s = Stats.Summary(list.SelectMany(q => samples[q.Id]).ToList());
            s["queries"] = list.Count;
            s["checked"] = list.Count(q => okById[q.Id]);
            s["serverP95"] = Stats.Summary(list.SelectMany(q => took[q.Id]).ToList())["p95"]!.DeepClone();
            s["facetsOnP95"] = Stats.Summary(list.Where(q => q.Params["facets"] == "true").SelectMany(q => samples[q.Id]).ToList())["p95"]!.DeepClone();
            s["facetsOffP95"] = Stats.Summary(list.Where(q => q.Params["facets"] != "true").SelectMany(q => samples[q.Id]).ToList())["p95"]!.DeepClone();
            return s;
        }
        var byClass = new JsonObject();
        foreach (var g in queries.GroupBy(q => q.Category)) byClass[g.Key] = Sum(g);
        var slowest = queries.OrderByDescending(q => Stats.Median(samples[q.Id])).Take(10)
            .Select(q => (JsonNode?)new JsonObject { ["id"] = q.Id, ["category"] = q.Category, ["q"] = q.Params["q"], ["facets"] = q.Params["facets"] == "true", ["medianMs"] = Math.Round(Stats.Median(samples[q.Id]), 2) }).ToArray();
        return new JsonObject
        {
            ["number"] = Sum(queries.Where(q => q.Category.StartsWith(Issue19Queries.NumberPrefix, StringComparison.Ordinal))),
            ["field"] = Sum(queries.Where(q => q.Category.StartsWith(Issue19Queries.FieldPrefix, StringComparison.Ordinal))),
            ["byClass"] = byClass, ["failures"] = failures, ["slowest"] = new JsonArray(slowest),
            ["examples"] = new JsonArray(queries.GroupBy(q => q.Category).Select(g => (JsonNode?)new JsonObject { ["category"] = g.Key, ["q"] = g.First().Params["q"] }).ToArray()),
        };
    }

    /// <summary>The server's shared_buffers and the kernel's huge pages (on the benchmark machine, where the server runs).</summary>
    private static async Task<JsonObject> BufferPoolAsync(NpgsqlDataSource db)
    {
        var (total, free, reserved) = Zhichan.Api.Platform.Database.HugePages.Read();
        return new JsonObject
        {
            ["sharedBuffers"] = await Sql.ScalarAsync<string>(db, "SELECT current_setting('shared_buffers')"),
            ["hugePagesTotal"] = total, ["hugePagesInUse"] = total - (free - reserved),
        };
    }

    /// <summary>The summary over the queries of the set as it was fixed before the single characters were added (categories other than word-1char).</summary>
    private static JsonObject FixedSet(List<BenchQuery> queries, Dictionary<int, List<double>> samples)
    {
        var fixedSet = queries.Where(q => q.Category != "word-1char").ToList();
        var s = Stats.Summary(fixedSet.SelectMany(q => samples[q.Id]).ToList());
        s["queries"] = fixedSet.Count;
        s["facetsOnP95"] = Stats.Summary(fixedSet.Where(q => q.Params["facets"] == "true").SelectMany(q => samples[q.Id]).ToList())["p95"]!.DeepClone();
        s["facetsOffP95"] = Stats.Summary(fixedSet.Where(q => q.Params["facets"] != "true").SelectMany(q => samples[q.Id]).ToList())["p95"]!.DeepClone();
        return s;
    }

    public static async Task CompareSqliteAsync(Options o)
    {
        await using var db = NpgsqlDataSource.Create(o.ConnectionString);
        await Sql.QuietAsync(db, o.Get("password"));
        var queries = (await Queries.LoadOrGenerateAsync(o, db)).Where(q => q.Match is not null).ToList();
        var passes = o.Int("passes", 3);
        var correctness = !o.Flag("speed-only");
        var dir = o.Get("tmp") ?? "/tmp/zhichan-bench";
        Directory.CreateDirectory(dir);
        var dbPath = Path.Combine(dir, $"fts-{o.Label}.db");
        var docsPath = Path.Combine(dir, $"docs-{o.Label}.txt");

        // the same records, title/applicant/address, exported from PostgreSQL (rowid = records.id)
        var docs = correctness ? new List<(long Id, string Three, string SearchText)>() : null;
        var sw = Stopwatch.StartNew();
        await using (var w = new StreamWriter(docsPath, false, new UTF8Encoding(false), 1 << 20))
        await using (var cmd = db.CreateCommand("SELECT id, COALESCE(title, ''), COALESCE(first_applicant, ''), COALESCE(address, ''), search_text FROM records ORDER BY id"))
        await using (var r = await cmd.ExecuteReaderAsync())
            while (await r.ReadAsync())
            {
                static string Clean(string s) => s.Replace('\x1f', ' ').Replace('\x1e', ' ');
                var id = r.GetInt64(0);
                var (t, a, ad) = (Clean(r.GetString(1)), Clean(r.GetString(2)), Clean(r.GetString(3)));
                w.Write(id); w.Write('\x1f'); w.Write(t); w.Write('\x1f'); w.Write(a); w.Write('\x1f'); w.Write(ad); w.Write('\x1e');
                docs?.Add((id, SearchTokens.Fold(t + "\n" + a + "\n" + ad), r.GetString(4)));
            }
        var exportSeconds = sw.Elapsed.TotalSeconds;
        if (File.Exists(dbPath)) File.Delete(dbPath);
        sw.Restart();
        RunSqlite(dbPath, $"""
            PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF;
            CREATE TABLE docs(id INTEGER PRIMARY KEY, title TEXT, applicant TEXT, address TEXT);
            .mode ascii
            .import {docsPath} docs
            CREATE VIRTUAL TABLE fts USING fts5(title, applicant, address, tokenize='trigram');
            INSERT INTO fts(rowid, title, applicant, address) SELECT id, title, applicant, address FROM docs;
            INSERT INTO fts(fts) VALUES('optimize');
            DROP TABLE docs;
            VACUUM;
            """);
        var buildSeconds = sw.Elapsed.TotalSeconds;
        File.Delete(docsPath);

        // speed: ours through the API (facets off: FTS5 has none), then SQLite in one warm process (page + count per query)
        using var api = new ApiClient(o.Url);
        await api.LoginAsync("bureau", o.Require("password"));
        string OurUrl(BenchQuery q) { var p = new SortedDictionary<string, string>(q.Params, StringComparer.Ordinal) { ["facets"] = "false" }; return (q with { Params = p }).Url; }
        foreach (var q in queries) await api.GetTimedAsync(OurUrl(q));
        var ours = queries.ToDictionary(q => q.Id, _ => new List<double>());
        for (var p = 0; p < passes; p++)
            foreach (var q in queries) { var (ms, _, _, _) = await api.GetTimedAsync(OurUrl(q)); ours[q.Id].Add(ms); }

        var lite = queries.ToDictionary(q => q.Id, _ => new List<double>());
        // SQLite timed by bench/fts5_time.py (python3's sqlite3 module = the same Debian libsqlite3; µs resolution, the CLI's .timer has 1 ms)
        var qfile = Path.Combine(dir, $"fts-queries-{o.Label}.json");
        Json.Write(qfile, new JsonArray(queries.Select(q => (JsonNode?)new JsonObject { ["id"] = q.Id, ["match"] = q.Match }).ToArray()));
        var script = o.Get("fts5-timer") ?? Path.Combine(AppContext.BaseDirectory, "fts5_time.py");
        var psi = new ProcessStartInfo("python3", [script, dbPath, qfile, passes.ToString()]) { RedirectStandardOutput = true, UseShellExecute = false };
        using (var py = Process.Start(psi)!)
        {
            var outText = await py.StandardOutput.ReadToEndAsync();
            await py.WaitForExitAsync();
            if (py.ExitCode != 0) throw new InvalidOperationException("fts5_time.py failed");
            var timing = JsonNode.Parse(outText)!;
            foreach (var q in queries) lite[q.Id] = timing["ms"]![q.Id.ToString()]!.AsArray().Select(x => x!.GetValue<double>()).ToList();
        }
        var result = new JsonObject
        {
            ["label"] = o.Label, ["queries"] = queries.Count, ["passes"] = passes, ["sqliteVersion"] = RunSqlite(dbPath, "SELECT sqlite_version();").Trim(),
            ["exportSeconds"] = Math.Round(exportSeconds, 2), ["buildSeconds"] = Math.Round(buildSeconds, 2), ["dbBytes"] = new FileInfo(dbPath).Length,
            ["ours"] = Stats.Summary(ours.Values.SelectMany(v => v).ToList()),
            ["sqlite"] = Stats.Summary(lite.Values.SelectMany(v => v).ToList()),
        };
        var byCat = new JsonObject();
        foreach (var g in queries.GroupBy(q => q.Category))
            byCat[g.Key] = new JsonObject
            {
                ["queries"] = g.Count(),
                ["ours"] = Stats.Summary(g.SelectMany(q => ours[q.Id]).ToList()),
                ["sqlite"] = Stats.Summary(g.SelectMany(q => lite[q.Id]).ToList()),
            };
        result["speedByCategory"] = byCat;

        if (correctness && docs is not null)
        {
            // hit sets: SQLite (all matching rowids), ours (the API's own WHERE clause, run directly), truth by a plain scan
            var cs = new StringBuilder(".mode list\n");
            foreach (var q in queries) cs.Append($".print @@{q.Id}\nSELECT count(*) || ':' || COALESCE(group_concat(rowid, ' '), '') FROM fts WHERE fts MATCH '{q.Match!.Replace("'", "''")}';\n");
            var liteHits = new Dictionary<int, HashSet<long>>();
            var cur = -1;
            foreach (var line in RunSqlite(dbPath, cs.ToString()).Split('\n'))
            {
                if (line.StartsWith("@@")) { cur = int.Parse(line[2..]); continue; }
                var colon = line.IndexOf(':');
                if (cur >= 0 && colon > 0 && !liteHits.ContainsKey(cur))
                    liteHits[cur] = line[(colon + 1)..].Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(long.Parse).ToHashSet();
            }
            var rows = new JsonArray();
            foreach (var q in queries)
            {
                var f = await RecordFilter.CreateAsync(q.Filter(), db, CancellationToken.None);
                var ourHits = new HashSet<long>();
                await using (var cmd = f.Command(db, $"SELECT r.id FROM records r WHERE {f.Where}"))
                await using (var r = await cmd.ExecuteReaderAsync())
                    while (await r.ReadAsync()) ourHits.Add(r.GetInt64(0));
                var terms = q.Terms!.Select(SearchTokens.Fold).ToArray();
                var truth3 = docs.Where(d => terms.All(t => d.Three.Contains(t, StringComparison.Ordinal))).Select(d => d.Id).ToHashSet();
                var truthOurs = docs.Where(d => terms.All(t => d.SearchText.Contains(t, StringComparison.Ordinal))).Select(d => d.Id).ToHashSet();
                var lh = liteHits.GetValueOrDefault(q.Id) ?? [];
                rows.Add(new JsonObject
                {
                    ["id"] = q.Id, ["category"] = q.Category, ["q"] = q.Params.GetValueOrDefault("q"),
                    ["truth"] = truthOurs.Count, ["ours"] = ourHits.Count, ["oursFound"] = ourHits.Count(truthOurs.Contains), ["oursExtra"] = ourHits.Count(h => !truthOurs.Contains(h)),
                    ["truth3"] = truth3.Count, ["sqlite"] = lh.Count, ["sqliteFound"] = lh.Count(truth3.Contains), ["sqliteExtra"] = lh.Count(h => !truth3.Contains(h)),
                    ["oursExact"] = ourHits.SetEquals(truthOurs), ["sqliteExact"] = lh.SetEquals(truth3),
                    ["oursMs"] = Math.Round(Stats.Median(ours[q.Id]), 2), ["sqliteMs"] = Math.Round(Stats.Median(lite[q.Id]), 2),
                });
            }
            result["correctness"] = rows;
        }
        Json.Write(Path.Combine(o.Results, $"sqlite-{o.Label}.json"), result);
        Console.WriteLine($"sqlite {o.Label}: ours p50 {result["ours"]!["p50"]} p95 {result["ours"]!["p95"]} ms; fts5 p50 {result["sqlite"]!["p50"]} p95 {result["sqlite"]!["p95"]} ms; build {buildSeconds:F1} s");
    }

    private static string RunSqlite(string dbPath, string script)
    {
        var psi = new ProcessStartInfo("sqlite3", [dbPath]) { RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        psi.StandardOutputEncoding = Encoding.UTF8;
        psi.StandardInputEncoding = new UTF8Encoding(false);
        using var p = Process.Start(psi)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        p.StandardInput.Write(script);
        p.StandardInput.Close();
        p.WaitForExit();
        var err = stderr.Result;
        if (err.Length > 0) Console.Error.WriteLine("sqlite3: " + (err.Length > 2000 ? err[..2000] : err));
        return stdout.Result;
    }
}
