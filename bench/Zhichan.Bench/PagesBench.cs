using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Npgsql;

namespace Zhichan.Bench;

/// <summary>
/// `pages` (issue 20): the answers behind the pages a bureau chief, a district and a department open first — the cockpit
/// (首页), 考核总览 (the plan, the indicator catalogue, the values of its region and the regions under it), the plan page,
/// 指标数值 of a department (its default scope, and every region a page at a time), the audit log (first page, a filtered
/// page) — through the HTTP API of a running app with the records loaded, each signed in as the role that opens it.
/// Every request is sent `--runs` times (after `--warmup`), interleaved round-robin so that noise hits all alike; the
/// baseline is GET /api/auth/me of the same account in the same rounds (a signed-in request that reads the session and
/// nothing else). The first answer of each request after the app started is reported too (cold caches). Before measuring,
/// the audit log is filled up to `--audit-rows` rows (synthetic `bench` entries spread over a year, as a busy bureau's
/// log would hold) so that its page is measured at a realistic size. Writes results/pages-{label}.json and
/// docs/benchmarks-pages.md (--doc to choose another path).
/// </summary>
public static class PagesBench
{
    private sealed record Probe(string Page, string Role, string Path);

    public static async Task RunAsync(Options o)
    {
        var runs = o.Int("runs", 20);
        var warmup = o.Int("warmup", 2);
        var auditRows = o.Int("audit-rows", 200_000);
        var password = o.Require("password");
        await using var db = NpgsqlDataSource.Create(o.ConnectionString);
        var records = await Sql.ScalarAsync<long>(db, "SELECT count(*) FROM records");
        var planId = await Sql.ScalarAsync<long>(db, "SELECT id FROM plans WHERE seed = '001'");
        var region = await Sql.ScalarAsync<string>(db, "SELECT region_code FROM org_units WHERE kind = 'bureau' AND region_code IS NOT NULL ORDER BY id LIMIT 1");
        var busiest = await Sql.ScalarAsync<long>(db, "SELECT COALESCE((SELECT entity_id FROM entity_links GROUP BY entity_id ORDER BY count(*) DESC LIMIT 1), 1)");
        var existing = await Sql.ScalarAsync<long>(db, "SELECT count(*) FROM audit_log");
        if (existing < auditRows)
            await Sql.ExecAsync(db, $"""
                INSERT INTO audit_log (at, actor_id, actor_name, action, entity, entity_id, after, ip)
                SELECT now() - (g % 365) * interval '1 day' - (g % 86400) * interval '1 second', NULL, 'bench' || (g % 40), (ARRAY['update','create','login','review'])[1 + g % 4],
                       (ARRAY['plan_tasks','progress_reports','complaints','users'])[1 + g % 4], (g % 5000)::text, jsonb_build_object('bench', g), '127.0.0.1'
                FROM generate_series(1, {auditRows - existing}) g
                """);
        var audit = await Sql.ScalarAsync<long>(db, "SELECT count(*) FROM audit_log");
        Console.WriteLine($"pages bench ({o.Label}): {records:N0} records, {audit:N0} audit rows, plan {planId}, region {region}");

        var probes = new List<Probe>
        {
            new("首页 cockpit", "bureau", "api/home/cockpit"),
            new("首页 cockpit", "lianyun", "api/home/cockpit"),
            new("首页 cockpit", "police", "api/home/cockpit"),
            new("考核总览: plans", "bureau", "api/plans"),
            new("考核总览: indicator catalogue", "bureau", "api/indicators"),
            new("考核总览 / plan page: the plan", "bureau", $"api/plans/{planId}"),
            new("考核总览: values of the region", "bureau", $"api/indicators/invention_per_10k/values?region={region}"),
            new("考核总览: values of the regions under it", "bureau", $"api/indicators/invention_per_10k/values?parent={region}"),
            new("plan page: warnings", "bureau", $"api/plans/{planId}/warnings"),
            new("指标数值 (default scope)", "police", "api/indicators/invention_per_10k/values"),
            new("指标数值 (all regions, first page)", "police", "api/indicators/invention_per_10k/values?scope=all"),
            new("指标数值 (default scope)", "lianyun", "api/indicators/invention_per_10k/values"),
            new("case queue counts", "bureau", "api/protection/cases/counts"),
            new("audit log: first page", "admin", "api/admin/audit?page=1&pageSize=50"),
            new("audit log: by actor and action", "admin", "api/admin/audit?actor=bureau&action=update&page=1&pageSize=50"),
            // 服务与人才 (issue 21): every register's first page, the busiest entity's page, the enterprise's own, a module indicator
            new("创新主体: list", "bureau", "api/registries/entities"),
            new("创新主体: the entity with most records", "bureau", $"api/registries/entities/{busiest}"),
            new("我的主体", "hengrui", "api/registries/entities/mine"),
            new("服务机构: list", "bureau", "api/registries/agencies"),
            new("专家库: list", "bureau", "api/registries/experts"),
            new("人才: counts", "bureau", "api/registries/talent/counts"),
            new("培训活动: list", "hengrui", "api/registries/training/events"),
            new("试点示范单位: list", "bureau", "api/registries/pilots"),
            new("地理标志: list", "bureau", "api/registries/gi"),
            new("指标数值: a module indicator", "bureau", $"api/indicators/service_agencies/values?region={region}"),
        };
        var roles = probes.Select(p => p.Role).Distinct().ToList();
        var clients = new Dictionary<string, HttpClient>();
        foreach (var r in roles) clients[r] = await LoginAsync(o.Url, r, password);

        var cold = new Dictionary<Probe, double>();
        foreach (var p in probes) cold[p] = await TimeAsync(clients[p.Role], p.Path);
        var times = probes.ToDictionary(p => p, _ => new List<double>());
        var baseline = roles.ToDictionary(r => r, _ => new List<double>());
        for (var i = -warmup; i < runs; i++)
        {
            foreach (var r in roles)
            {
                var b = await TimeAsync(clients[r], "api/auth/me");
                if (i >= 0) baseline[r].Add(b);
            }
            foreach (var p in probes)
            {
                var t = await TimeAsync(clients[p.Role], p.Path);
                if (i >= 0) times[p].Add(t);
            }
        }

        var machine = $"{Environment.ProcessorCount} cores, {File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name"))?.Split(':')[1].Trim()}";
        var result = new JsonObject
        {
            ["label"] = o.Label, ["date"] = DateTime.UtcNow.ToString("yyyy-MM-dd HH:mm 'UTC'"), ["records"] = records, ["auditRows"] = audit, ["runs"] = runs,
            ["machine"] = machine,
            ["baseline"] = new JsonObject(roles.Select(r => KeyValuePair.Create(r, (JsonNode?)Stats.Summary(baseline[r])))),
            ["pages"] = new JsonArray(probes.Select(p => (JsonNode)new JsonObject
            {
                ["page"] = p.Page, ["role"] = p.Role, ["path"] = "/" + p.Path, ["coldMs"] = Math.Round(cold[p], 1), ["warm"] = Stats.Summary(times[p]),
                ["ratioToBaseline"] = Math.Round(Stats.Median(times[p]) / Stats.Median(baseline[p.Role]), 1),
            }).ToArray()),
        };
        Json.Write(Path.Combine(o.Results, $"pages-{o.Label}.json"), result);

        var md = new StringBuilder();
        md.AppendLine("# Page answers at 215k records: the cockpit, 考核总览, 指标数值, the audit log (issue 20), the registers of 服务与人才 (issue 21)").AppendLine();
        md.AppendLine($"Measured {result["date"]} on {machine}; {records:N0} records (the real 2017 CNIPA file), {audit:N0} audit-log rows " +
                      $"({Math.Max(0, audit - existing):N0} of them synthetic `bench` rows spread over a year, added so the log is measured at a busy bureau's size).");
        md.AppendLine($"Each answer requested {runs} times after {warmup} warm-up rounds, round-robin; the baseline is `GET /api/auth/me` of the same account in the " +
                      "same rounds. \"First\" is the first answer after the app started (cold caches). Target: every page's data in under 1 s (1000 ms).").AppendLine();
        md.AppendLine("Command (against a running app with the 2017 file imported; `bench/run.sh` runs it after the recomputation at 215k):").AppendLine();
        md.AppendLine("```bash");
        md.AppendLine("dotnet bench/Zhichan.Bench/bin/Release/net10.0/Zhichan.Bench.dll pages --label 215k --runs 20 --url URL --state STATE_DIR --pg-port PORT \\");
        md.AppendLine("  --password DEMO_PASSWORD --results bench/results");
        md.AppendLine("```").AppendLine();
        md.AppendLine("| page | as | request | first ms | median ms | p95 ms | max ms | median ÷ baseline |");
        md.AppendLine("|---|---|---|---:|---:|---:|---:|---:|");
        foreach (var p in probes)
            md.AppendLine($"| {p.Page} | {p.Role} | `/{p.Path}` | {cold[p]:0} | {Stats.Median(times[p]):0.0} | {Stats.Percentile(times[p], 95):0.0} | {times[p].Max():0.0} | " +
                          $"{Stats.Median(times[p]) / Stats.Median(baseline[p.Role]):0.0}× |");
        md.AppendLine();
        md.AppendLine("Baseline `GET /api/auth/me` median: " + string.Join(", ", roles.Select(r => $"{r} {Stats.Median(baseline[r]):0.0} ms")) + ".");
        var slow = probes.Where(p => Stats.Percentile(times[p], 95) >= 1000).ToList();
        md.AppendLine().AppendLine(slow.Count == 0
            ? "Every answer's p95 is under 1 s."
            : "Over 1 s at p95: " + string.Join(", ", slow.Select(p => $"{p.Page} ({p.Role})")) + ".");
        var doc = o.Get("doc") ?? "docs/benchmarks-pages.md";
        File.WriteAllText(doc, md.ToString());
        Console.WriteLine(md.ToString());
        foreach (var c in clients.Values) c.Dispose();
    }

    private static async Task<HttpClient> LoginAsync(string url, string user, string password)
    {
        var http = new HttpClient(new SocketsHttpHandler { CookieContainer = new CookieContainer(), UseCookies = true }) { BaseAddress = new Uri(url + "/"), Timeout = TimeSpan.FromMinutes(2) };
        using var res = await http.PostAsJsonAsync("api/auth/login", new { username = user, password });
        var body = await res.Content.ReadAsStringAsync();
        if (!res.IsSuccessStatusCode) throw new InvalidOperationException($"login of {user} failed: {(int)res.StatusCode} {body}");
        http.DefaultRequestHeaders.Add("X-XSRF-TOKEN", JsonNode.Parse(body)!["csrfToken"]!.GetValue<string>());
        return http;
    }

    private static async Task<double> TimeAsync(HttpClient http, string path)
    {
        var sw = Stopwatch.StartNew();
        using var res = await http.GetAsync(path);
        await res.Content.ReadAsByteArrayAsync();
        sw.Stop();
        if (!res.IsSuccessStatusCode) throw new InvalidOperationException($"GET /{path}: {(int)res.StatusCode} {await res.Content.ReadAsStringAsync()}");
        return sw.Elapsed.TotalMilliseconds;
    }
}
