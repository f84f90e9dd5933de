using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using Zhichan.Api.Platform.Database;

namespace Zhichan.Bench;

/// <summary>
/// Load of issue 26 §4 (ADR 0068): the built app as a process (one or two instances on one database) with the 2017 file
/// imported, HTTP load from this process on loopback.
/// <list type="number">
/// <item>saturation: each kind of request alone, closed loop at rising concurrency: throughput of answered requests, p50/p99, statuses;</item>
/// <item>the mix of a day (shares in <see cref="Mix"/>) as an open loop at a constant arrival rate for a fixed time: latency
/// measured from the moment a request was due (no coordinated omission) and from the moment it was sent, time-outs (no
/// answer 5 s after sending) and every status counted; a request sent more than 50 ms after it was due is "late" (the
/// generator shares the machine's 2 cores with the app);</item>
/// <item>the same mix against two instances, the client sending requests round robin in place of nginx.</item>
/// </list>
/// Anonymous requests carry <c>X-Forwarded-For</c> from a pool of simulated visitors with the app trusting loopback as its
/// proxy (ZHICHAN_TRUSTED_PROXIES), so the production per-IP limits apply per visitor as behind nginx; the per-account search
/// limit is lifted (the run signs in few accounts standing for a bureau's many).
/// <c>--app</c> runs another build of the app (e.g. the previous commit's, built in a second worktree) for a before/after.
/// Usage: Zhichan.Bench load --data ../shared/data --pg-port 5493 [--state DIR] [--fresh] [--app DLL] [--phases saturation,mix,mix2]
///   [--kinds anon-search,…] [--levels 1,4,16,64] [--level-seconds 10] [--rates 100,200,300] [--seconds 60] [--env K=V,K=V] [--label TEXT]
///   [--zipf 1.0] (queries by popularity rank instead of uniformly)
/// </summary>
public static class LoadBench
{
    private const double TimeoutSeconds = 5;

    /// <summary>The kinds of request and their shares of a day's requests (ADR 0068).</summary>
    public static readonly (string Kind, double Share, string What)[] Mix =
    [
        ("portal-home", 0.15, "GetPortalHome, anonymous"),
        ("anon-search", 0.30, "SearchRecords with facets, anonymous (public search page; 10 % of them page 2)"),
        ("record", 0.40, "GetRecord, anonymous (record pages, also reached from search engines)"),
        ("user-search", 0.08, "SearchRecords with facets, signed in (bureau)"),
        ("cockpit", 0.02, "GetCockpit, bureau"),
        ("complaint-status", 0.045, "GetComplaintStatus with receipt number and code, anonymous"),
        ("complaint-intake", 0.005, "SubmitComplaint, anonymous (a write)"),
    ];

    /// <param name="Ms">From the moment the request was due (what a user waits, the generator's own delay included).</param>
    /// <param name="ServerMs">From the moment it was sent (what the app took).</param>
    private sealed record Sample(string Kind, double Ms, double ServerMs, int Status);

    private sealed class Workload
    {
        public required List<string> Queries { get; init; }
        public required List<long> RecordIds { get; init; }
        public required List<(string Receipt, string Code)> Receipts { get; init; }
        public required string[] Urls { get; init; }
        public required HttpClient Anonymous { get; init; }
        public required HttpClient SignedIn { get; init; }
        /// <summary>Exponent of the queries' popularity (Zipf); 0 = every query of the pool equally likely.</summary>
        public double Zipf { get; init; }
        private double[]? _cumulative;
        private int _next;

        /// <summary>A query of the pool: uniformly, or by rank with weight 1/rank^Zipf (the shape of real search logs).</summary>
        private string Query(Random rnd)
        {
            if (Zipf <= 0) return Queries[rnd.Next(Queries.Count)];
            _cumulative ??= Queries.Select((_, i) => 1 / Math.Pow(i + 1, Zipf)).Aggregate(new List<double>(), (acc, w) => { acc.Add((acc.Count == 0 ? 0 : acc[^1]) + w); return acc; }).ToArray();
            var x = rnd.NextDouble() * _cumulative[^1];
            var k = Array.BinarySearch(_cumulative, x);
            return Queries[k < 0 ? Math.Min(~k, Queries.Count - 1) : k];
        }

        public string Url(int i) => Urls[(i & int.MaxValue) % Urls.Length];

        /// <summary>A request of the kind, its parameters drawn from the 2017 data with the request's own random source.</summary>
        public HttpRequestMessage Build(string kind, Random rnd)
        {
            var url = Url(Interlocked.Increment(ref _next));
            string Page() => rnd.NextDouble() < 0.1 ? "&page=2" : "";
            var req = kind switch
            {
                "portal-home" => new HttpRequestMessage(HttpMethod.Get, $"{url}/api/public/portal/home"),
                "anon-search" or "user-search" => new HttpRequestMessage(HttpMethod.Get, $"{url}/api/records?{SearchQuery(Query(rnd))}{Page()}"),
                "record" => new HttpRequestMessage(HttpMethod.Get, $"{url}/api/records/{RecordIds[rnd.Next(RecordIds.Count)]}"),
                "cockpit" => new HttpRequestMessage(HttpMethod.Get, $"{url}/api/home/cockpit"),
                "complaint-status" => Status(url, Receipts[rnd.Next(Receipts.Count)]),
                "complaint-intake" => new HttpRequestMessage(HttpMethod.Post, $"{url}/api/protection/public/complaints") { Content = JsonContent.Create(Complaint(rnd)) },
                _ => throw new ArgumentException($"unknown kind {kind}"),
            };
            if (kind is not ("user-search" or "cockpit"))
                req.Headers.Add("X-Forwarded-For", $"10.{rnd.Next(1, 8)}.{rnd.Next(256)}.{rnd.Next(1, 255)}");
            return req;
        }

        public HttpClient Client(string kind) => kind is "user-search" or "cockpit" ? SignedIn : Anonymous;

        private static HttpRequestMessage Status(string url, (string Receipt, string Code) r) =>
            new(HttpMethod.Get, $"{url}/api/protection/public/complaints/{Uri.EscapeDataString(r.Receipt)}?code={Uri.EscapeDataString(r.Code)}");
    }

    /// <summary>A query of the pool: "q=…" or a filter (IPC) as the search page's facet links send it.</summary>
    private static string SearchQuery(string entry) =>
        entry.StartsWith("ipc:", StringComparison.Ordinal) ? $"ipc={Uri.EscapeDataString(entry[4..])}" : $"q={Uri.EscapeDataString(entry)}";

    public static async Task RunAsync(Options o)
    {
        var state = o.Get("state") ?? Path.Combine(Path.GetTempPath(), "zhichan-load");
        if (o.Flag("fresh") && Directory.Exists(state)) Directory.Delete(state, recursive: true);
        var pg = new PrivatePostgres(state, o.Int("pg-port", 5493), NullLogger.Instance, durable: true);
        var cs = await pg.StartAsync("zhichan");
        var phases = (o.Get("phases") ?? "saturation,mix,mix2").Split(',');
        var env = new Dictionary<string, string>
        {
            ["ZHICHAN_TRUSTED_PROXIES"] = "127.0.0.1",
            ["ZHICHAN_USER_SEARCH_RATE"] = "1000000",
            ["ZHICHAN_PUBLIC_RATE"] = o.Get("public-rate") ?? "60",
            ["ZHICHAN_COMPLAINT_RATE"] = o.Get("complaint-rate") ?? "20",
            ["ZHICHAN_METRICS_TOKEN"] = MetricsToken,
        };
        foreach (var kv in (o.Get("env") ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries))
            env[kv[..kv.IndexOf('=')]] = kv[(kv.IndexOf('=') + 1)..];
        var apps = new List<Process>();
        try
        {
            var instances = phases.Contains("mix2") ? 2 : 1;
            var urls = new List<string>();
            for (var i = 0; i < instances; i++)
            {
                var port = AppProcess.FreePort();
                apps.Add(AppProcess.Start(cs, port, o.Data, env, dll: o.Get("app")));
                urls.Add($"http://127.0.0.1:{port}");
                await AppProcess.WaitHealthyAsync(urls[^1], TimeSpan.FromSeconds(180));
            }
            await using var db = NpgsqlDataSource.Create(cs);
            await PrepareAsync(db, urls[0], o.Data);
            var w = await WorkloadAsync(db, urls, double.Parse(o.Get("zipf") ?? "0", CultureInfo.InvariantCulture));
            Console.WriteLine($"{await Sql.ScalarAsync<long>(db, "SELECT count(*) FROM records"):N0} records; {w.Queries.Count:N0} queries, {w.RecordIds.Count:N0} record ids, {w.Receipts.Count} complaints to look up; instances: {string.Join(", ", urls)}");
            Console.WriteLine($"settings: {string.Join(", ", env.Select(kv => kv.Key + "=" + kv.Value))}; queries drawn {(w.Zipf > 0 ? $"by Zipf, exponent {w.Zipf}" : "uniformly")}; app {o.Get("app") ?? "this tree's build"}");
            // warm up: every kind a few times on every instance, then the mix at 50 req/s for 30 s (the JIT's tiers and dynamic
            // PGO, the caches of reference data, the connection pools, the GC's heap sizes: a site runs warm; the first minute
            // of a cold process measured several times slower)
            foreach (var (kind, _, _) in Mix)
                await ClosedLoopAsync(w, kind, 2 * urls.Count, TimeSpan.FromSeconds(2));
            await OpenLoopAsync(w, 50, TimeSpan.FromSeconds(o.Int("warm-seconds", 30)));

            var label = o.Get("label") ?? "";
            if (phases.Contains("saturation"))
            {
                var one = new Workload { Queries = w.Queries, RecordIds = w.RecordIds, Receipts = w.Receipts, Urls = [urls[0]], Anonymous = w.Anonymous, SignedIn = w.SignedIn, Zipf = w.Zipf };
                var levels = (o.Get("levels") ?? "1,4,16,64").Split(',').Select(int.Parse).ToArray();
                var kinds = (o.Get("kinds") ?? string.Join(',', Mix.Select(m => m.Kind))).Split(',');
                var seconds = o.Int("level-seconds", 10);
                Console.WriteLine();
                Console.WriteLine($"### Saturation per kind {label}(one instance, closed loop, {seconds} s per level)");
                Console.WriteLine();
                Console.WriteLine("| kind | concurrency | answered/s | 2xx/s | p50 ms | p99 ms | statuses |");
                Console.WriteLine("|---|---|---|---|---|---|---|");
                foreach (var kind in kinds)
                    foreach (var c in levels)
                    {
                        var s = await ClosedLoopAsync(one, kind, c, TimeSpan.FromSeconds(seconds));
                        Console.WriteLine($"| {kind} | {c} | {s.Count / (double)seconds:F0} | {s.Count(x => x.Status is >= 200 and < 300) / (double)seconds:F0} | {P(s, 50):F0} | {P(s, 99):F0} | {Statuses(s)} |");
                    }
            }
            var rates = (o.Get("rates") ?? "100,200,300").Split(',').Select(int.Parse).ToArray();
            var duration = TimeSpan.FromSeconds(o.Int("seconds", 60));
            foreach (var phase in phases.Where(p => p.StartsWith("mix", StringComparison.Ordinal)))
            {
                var n = phase == "mix2" ? 2 : 1;
                var target = new Workload { Queries = w.Queries, RecordIds = w.RecordIds, Receipts = w.Receipts, Urls = urls.Take(n).ToArray(), Anonymous = w.Anonymous, SignedIn = w.SignedIn, Zipf = w.Zipf };
                Console.WriteLine();
                Console.WriteLine($"### The mix {label}on {(n == 1 ? "one instance" : "two instances (client round robin)")}, open loop, {duration.TotalSeconds:F0} s per rate");
                Console.WriteLine();
                Console.WriteLine("| offered req/s | sent | late | 2xx | 429 | 503 | other 4xx | 5xx | time-outs | p50 ms | p95 ms | p99 ms | p99 from send ms | p99 by kind (ms) |");
                Console.WriteLine("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|");
                var served = await ServerDurationsAsync(target.Urls);
                foreach (var rate in rates)
                {
                    var (s, late) = await OpenLoopAsync(target, rate, duration);
                    var servedAfter = await ServerDurationsAsync(target.Urls);
                    var byKind = string.Join(", ", s.GroupBy(x => x.Kind).OrderBy(g => Array.FindIndex(Mix, m => m.Kind == g.Key))
                        .Select(g => $"{g.Key} {P(g.ToList(), 99):F0}"));
                    Console.WriteLine($"| {rate} | {s.Count:N0} | {late:N0} | {s.Count(x => x.Status is >= 200 and < 300):N0} | {s.Count(x => x.Status == 429):N0} | {s.Count(x => x.Status == 503):N0} | " +
                                      $"{s.Count(x => x.Status is >= 400 and < 500 and not 429):N0} | {s.Count(x => x.Status >= 500 && x.Status != 503):N0} | {s.Count(x => x.Status <= 0):N0} | " +
                                      $"{P(s, 50):F0} | {P(s, 95):F0} | {P(s, 99):F0} | {Stats.Percentile(s.Select(x => x.ServerMs).ToList(), 99):F0} | {byKind} |");
                    var odd = s.Where(x => x.Status is (>= 400 and not 429 and not 503) or <= 0).GroupBy(x => (x.Kind, x.Status)).Select(g => $"{g.Key.Kind} {g.Key.Status} ×{g.Count()}");
                    if (odd.Any()) Console.WriteLine($"  (unexpected: {string.Join(", ", odd)})");
                    // the app's own account (its request-duration histogram): how long the slow requests took inside the server
                    var slow = servedAfter.Where(kv => kv.Value.Over2s - served.GetValueOrDefault(kv.Key).Over2s > 0)
                        .Select(kv => $"{kv.Key} {kv.Value.Over2s - served.GetValueOrDefault(kv.Key).Over2s} over 2.5 s, {kv.Value.Over5s - served.GetValueOrDefault(kv.Key).Over5s} over 5 s");
                    Console.WriteLine($"  (in the app: {(slow.Any() ? string.Join("; ", slow) : "no request over 2.5 s")})");
                    served = servedAfter;
                    await Task.Delay(TimeSpan.FromSeconds(5));
                }
            }
        }
        finally
        {
            foreach (var app in apps) AppProcess.Stop(app);
            if (!o.Flag("keep")) pg.Stop();
        }
    }

    private const string MetricsToken = "load-bench-metrics-token";

    /// <summary>
    /// Per route, the requests the instances served in more than 2.5 s and more than 5 s so far, from their request-duration
    /// histograms on /metrics (buckets 2.5, 5, +Inf, summed over statuses and instances).
    /// </summary>
    private static async Task<Dictionary<string, (long Over2s, long Over5s)>> ServerDurationsAsync(IEnumerable<string> urls)
    {
        var buckets = new Dictionary<(string Route, string Le), long>();
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
        foreach (var url in urls)
        {
            using var req = new HttpRequestMessage(HttpMethod.Get, $"{url}/metrics");
            req.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", MetricsToken);
            using var res = await http.SendAsync(req);
            res.EnsureSuccessStatusCode();
            foreach (var line in (await res.Content.ReadAsStringAsync()).Split('\n'))
            {
                if (!line.StartsWith("http_server_request_duration_seconds_bucket{", StringComparison.Ordinal)) continue;
                var route = Label(line, "http_route") ?? "(none)";
                var le = Label(line, "le");
                if (le is not ("2.5" or "5" or "+Inf")) continue;
                var value = (long)double.Parse(line[(line.LastIndexOf(' ') + 1)..], CultureInfo.InvariantCulture);
                buckets[(route, le)] = buckets.GetValueOrDefault((route, le)) + value;
            }
        }
        return buckets.Keys.Select(k => k.Route).Distinct().ToDictionary(r => r, r =>
        {
            var all = buckets.GetValueOrDefault((r, "+Inf"));
            return (all - buckets.GetValueOrDefault((r, "2.5")), all - buckets.GetValueOrDefault((r, "5")));
        });

        static string? Label(string line, string name)
        {
            var at = line.IndexOf(name + "=\"", StringComparison.Ordinal);
            if (at < 0) return null;
            var start = at + name.Length + 2;
            return line[start..line.IndexOf('"', start)];
        }
    }

    /// <summary>Imports the 2017 file once (a reused state folder keeps it) and waits for the app's background work to end.</summary>
    private static async Task PrepareAsync(NpgsqlDataSource db, string url, string data)
    {
        if (await Sql.ScalarAsync<long>(db, "SELECT count(*) FROM records") == 0)
        {
            Console.WriteLine("importing the 2017 file (once; the state folder keeps it for later runs)");
            using var api = new ApiClient(url);
            await api.LoginAsync("bureau", AppProcess.Password);
            var (_, wall) = await api.ImportAsync(Path.Combine(data, "patents", "cn-invention-2017.csv.gz"), "auto");
            Console.WriteLine($"imported in {wall:F0} s");
        }
        for (var i = 0; i < 1200; i++)
        {
            if (await Sql.ScalarAsync<long>(db, "SELECT count(*) FROM jobs WHERE status IN ('queued', 'running')") == 0) break;
            if (i % 30 == 0) Console.WriteLine("waiting for the app's background jobs (attribution, indicators) to finish");
            await Task.Delay(1000);
        }
        // the steady state of a site: the import's and attribution's dead row versions vacuumed, statistics current (else
        // autovacuum works through them during the first minutes of the measurement)
        var sw = Stopwatch.StartNew();
        await Sql.ExecAsync(db, "VACUUM (ANALYZE) records");
        await Sql.ExecAsync(db, "VACUUM (ANALYZE) complaints");
        Console.WriteLine($"VACUUM (ANALYZE) records, complaints: {sw.Elapsed.TotalSeconds:F0} s");
    }

    /// <summary>Queries drawn from the stored 2017 records (title words, applicants, IPC subclasses), record ids, complaints to look up.</summary>
    private static async Task<Workload> WorkloadAsync(NpgsqlDataSource db, List<string> urls, double zipf)
    {
        var rnd = new Random(2017);
        var queries = new HashSet<string>();
        await using (var cmd = db.CreateCommand("SELECT title, first_applicant, ipc_main FROM records TABLESAMPLE SYSTEM (3) REPEATABLE (2017) WHERE title IS NOT NULL"))
        await using (var r = await cmd.ExecuteReaderAsync())
        {
            while (await r.ReadAsync())
            {
                var title = r.GetString(0);
                var pick = rnd.NextDouble();
                if (pick < 0.55 && Word(title, rnd) is { } word) queries.Add(word);
                else if (pick < 0.70 && Word(title, rnd) is { } a && Word(title, rnd) is { } b && a != b) queries.Add($"{a} {b}");
                else if (pick < 0.85 && !r.IsDBNull(1) && r.GetString(1).Length is > 3 and < 40 && !r.GetString(1).Contains('"')) queries.Add($"AP=\"{r.GetString(1)}\"");
                else if (!r.IsDBNull(2) && r.GetString(2).Length >= 4) queries.Add("ipc:" + r.GetString(2)[..4]);
            }
        }
        var ids = new List<long>();
        await using (var cmd = db.CreateCommand("SELECT id FROM records TABLESAMPLE SYSTEM (5) REPEATABLE (2017)"))
        await using (var r = await cmd.ExecuteReaderAsync())
            while (await r.ReadAsync()) ids.Add(r.GetInt64(0));

        var anonymous = new HttpClient(new SocketsHttpHandler { UseCookies = false, MaxConnectionsPerServer = 1024, PooledConnectionIdleTimeout = TimeSpan.FromMinutes(5) })
            { Timeout = Timeout.InfiniteTimeSpan };
        var signedIn = new HttpClient(new SocketsHttpHandler { CookieContainer = new CookieContainer(), MaxConnectionsPerServer = 1024, PooledConnectionIdleTimeout = TimeSpan.FromMinutes(5) })
            { Timeout = Timeout.InfiniteTimeSpan };
        var login = await signedIn.PostAsJsonAsync($"{urls[0]}/api/auth/login", new { username = "bureau", password = AppProcess.Password });
        if (!login.IsSuccessStatusCode) throw new InvalidOperationException($"login failed: {(int)login.StatusCode} {await login.Content.ReadAsStringAsync()}");

        // complaints to look up: submitted now by as many visitors
        var receipts = new List<(string, string)>();
        for (var i = 0; i < 200; i++)
        {
            using var req = new HttpRequestMessage(HttpMethod.Post, $"{urls[0]}/api/protection/public/complaints") { Content = JsonContent.Create(Complaint(rnd)) };
            req.Headers.Add("X-Forwarded-For", $"10.9.{i / 250}.{i % 250 + 1}");
            using var res = await anonymous.SendAsync(req);
            var body = await res.Content.ReadAsStringAsync();
            if (!res.IsSuccessStatusCode) throw new InvalidOperationException($"SubmitComplaint failed: {(int)res.StatusCode} {body}");
            var j = JsonNode.Parse(body)!;
            receipts.Add((j["receiptNumber"]!.GetValue<string>(), j["code"]!.GetValue<string>()));
        }
        return new Workload
        {
            Queries = queries.OrderBy(_ => rnd.Next()).ToList(), RecordIds = ids, Receipts = receipts, Urls = urls.ToArray(),
            Anonymous = anonymous, SignedIn = signedIn, Zipf = zipf,
        };
    }

    /// <summary>A run of 2–4 consecutive Chinese characters of the title (a word as users type it), or null.</summary>
    private static string? Word(string title, Random rnd)
    {
        var runs = System.Text.RegularExpressions.Regex.Matches(title, @"\p{IsCJKUnifiedIdeographs}{2,}").Select(m => m.Value).ToList();
        if (runs.Count == 0) return null;
        var run = runs[rnd.Next(runs.Count)];
        var len = Math.Min(run.Length, rnd.Next(2, 5));
        return run.Substring(rnd.Next(run.Length - len + 1), len);
    }

    private static object Complaint(Random rnd) => new
    {
        type = "trademark", complainantKind = "person", complainantName = "张三", complainantIdNumber = "320703199001011234",
        complainantPhone = "13812345678", complainantEmail = "zhangsan@example.com", complainantAddress = "江苏省连云港市连云区中山路88号3栋502室",
        respondentName = $"连云港压测{Guid.NewGuid().ToString("N")[..10]}商贸有限公司", respondentAddress = "连云港市海州区朝阳东路1号",
        facts = "【压测样例】被投诉人在其门店销售假冒我方注册商标的商品，时间为2026年10月，地点为海州区某商场。", regionCode = "320703",
    };

    private static async Task<Sample> SendAsync(Workload w, string kind, Random rnd, long dueTimestamp)
    {
        using var req = w.Build(kind, rnd);
        var sent = Stopwatch.GetTimestamp();
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(TimeoutSeconds));
        int status;
        try
        {
            using var res = await w.Client(kind).SendAsync(req, HttpCompletionOption.ResponseContentRead, cts.Token);
            status = (int)res.StatusCode;
        }
        catch (OperationCanceledException) { status = 0; }
        catch (HttpRequestException) { status = -1; }
        return new Sample(kind, Stopwatch.GetElapsedTime(dueTimestamp).TotalMilliseconds, Stopwatch.GetElapsedTime(sent).TotalMilliseconds, status);
    }

    private static async Task<List<Sample>> ClosedLoopAsync(Workload w, string kind, int concurrency, TimeSpan duration)
    {
        var samples = new ConcurrentBag<Sample>();
        var end = Stopwatch.GetTimestamp() + (long)(duration.TotalSeconds * Stopwatch.Frequency);
        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(async i =>
        {
            var rnd = new Random(i * 7919 + kind.GetHashCode(StringComparison.Ordinal));
            while (Stopwatch.GetTimestamp() < end)
                samples.Add(await SendAsync(w, kind, rnd, Stopwatch.GetTimestamp()));
        }));
        return samples.ToList();
    }

    /// <summary>The mix at <paramref name="rate"/> requests a second: request i is due at i/rate; a request sent more than 50 ms after it was due is late.</summary>
    private static async Task<(List<Sample> Samples, int Late)> OpenLoopAsync(Workload w, int rate, TimeSpan duration)
    {
        var n = (int)(rate * duration.TotalSeconds);
        var rnd = new Random(rate);
        var cumulative = Mix.Select((m, i) => Mix.Take(i + 1).Sum(x => x.Share)).ToArray();
        var tasks = new List<Task<Sample>>(n);
        var start = Stopwatch.GetTimestamp();
        var late = 0;
        for (var i = 0; i < n; i++)
        {
            var due = start + (long)(i * (double)Stopwatch.Frequency / rate);
            var wait = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), due);
            if (wait > TimeSpan.FromMilliseconds(1)) await Task.Delay(wait);
            if (Stopwatch.GetElapsedTime(due).TotalMilliseconds > 50) late++;
            var x = rnd.NextDouble() * cumulative[^1];
            var kind = Mix[Array.FindIndex(cumulative, c => x < c) is var k and >= 0 ? k : Mix.Length - 1].Kind;
            var own = new Random(rnd.Next());
            tasks.Add(Task.Run(() => SendAsync(w, kind, own, due)));
        }
        return ((await Task.WhenAll(tasks)).ToList(), late);
    }

    private static double P(IReadOnlyCollection<Sample> s, double p) => s.Count == 0 ? double.NaN : Stats.Percentile(s.Select(x => x.Ms).ToList(), p);

    private static string Statuses(IEnumerable<Sample> s) => string.Join(", ", s.GroupBy(x => x.Status).OrderBy(g => g.Key)
        .Select(g => $"{(g.Key switch { 0 => "time-out", -1 => "no answer", _ => g.Key.ToString(CultureInfo.InvariantCulture) })} ×{g.Count():N0}"));
}
