using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;

namespace Zhichan.Bench;

/// <summary>
/// `navigation` (issue 24 §1, ADR 0050, 0051): the whole real 2017 file imported through the API, then a navigation project whose
/// scope is about 20,000 records (IPC class --ipc, application years --from..--to, region 江苏 vs the nation); measured: the draft
/// report — every analysis computed on the scope (GetNavigationReport, client wall time and the server's own tookMs) — and the
/// DOCX export (ExportNavigationReport, charts drawn on the server), each --runs times after one warm-up. Writes --doc when given.
///   bench/run.sh --navigation
/// </summary>
public static class NavigationBench
{
    public static async Task RunAsync(Options o)
    {
        var runs = o.Int("runs", 5);
        var ipc = o.Get("ipc") ?? "G06";
        var from = o.Int("from", 1990);
        var to = o.Int("to", 2017);
        var password = o.Require("password");
        var at5M = o.Label == "5m";
        double importSeconds = 0;
        string? busy = null;
        await using (var db = Npgsql.NpgsqlDataSource.Create(o.ConnectionString))
            await Sql.QuietAsync(db, at5M ? password : null);
        if (at5M)
        {
            // the 5M synthetic database of `bench/run.sh --only-5m-import` is reused as it is: the scope is the latest run of
            // application years of --ipc whose records come closest to --scope (default 20,000), counted as the project counts
            (from, to) = await ScopeYearsAsync(o, ipc, o.Int("scope", 20000));
            await using var db = Npgsql.NpgsqlDataSource.Create(o.ConnectionString);
            busy = await Sql.ScalarAsync<object>(db, "SELECT string_agg(kind, ', ' ORDER BY id) FROM jobs WHERE status = 'running'") as string;
        }
        else
        {
            using var api = new ApiClient(o.Url);
            await api.LoginAsync("bureau", password);
            var (imp, seconds) = await api.ImportAsync(Path.Combine(o.Data, "patents/cn-invention-2017.csv.gz"), "cnipa-csv");
            importSeconds = seconds;
            Console.WriteLine($"import: {imp["inserted"]} records in {importSeconds:0.0} s");
        }

        using var http = new HttpClient(new SocketsHttpHandler { CookieContainer = new CookieContainer(), UseCookies = true })
            { BaseAddress = new Uri(o.Url + "/"), Timeout = TimeSpan.FromMinutes(10) };
        using (var login = await http.PostAsJsonAsync("api/auth/login", new { username = "bureau", password }))
        {
            login.EnsureSuccessStatusCode();
            http.DefaultRequestHeaders.Add("X-XSRF-TOKEN", JsonNode.Parse(await login.Content.ReadAsStringAsync())!["csrfToken"]!.GetValue<string>());
        }
        using var created = await http.PostAsJsonAsync("api/analysis/navigation",
            new { name = $"基准：IPC {ipc}", kind = "regional", q = "", ipc = new[] { ipc }, yearFrom = from, yearTo = to, regionPrefix = "32", comparison = new[] { "" } });
        var createdBody = await created.Content.ReadAsStringAsync();
        if (!created.IsSuccessStatusCode) throw new InvalidOperationException($"CreateNavigationProject: {(int)created.StatusCode} {createdBody}");
        var id = JsonNode.Parse(createdBody)!["id"]!.GetValue<long>();

        var report = new List<(double Ms, long TookMs, long Total)>();
        var docx = new List<(double Ms, long Bytes)>();
        for (var i = 0; i <= runs; i++)
        {
            var sw = Stopwatch.StartNew();
            var body = JsonNode.Parse(await http.GetStringAsync($"api/analysis/navigation/{id}/report"))!;
            var ms = sw.Elapsed.TotalMilliseconds;
            sw.Restart();
            var bytes = await http.GetByteArrayAsync($"api/analysis/navigation/{id}/export?format=docx");
            var docxMs = sw.Elapsed.TotalMilliseconds;
            var data = body["data"]!;
            Console.WriteLine($"{(i == 0 ? "warm-up" : $"run {i}")}: report {ms:0} ms (server {data["tookMs"]} ms, {data["total"]} records, {data["analyses"]!.AsArray().Count} analyses); docx {docxMs:0} ms, {bytes.Length:N0} bytes");
            if (i == 0) continue;
            report.Add((ms, data["tookMs"]!.GetValue<long>(), data["total"]!.GetValue<long>()));
            docx.Add((docxMs, bytes.Length));
        }
        var reportMedian = Stats.Median(report.Select(r => r.Ms).ToList()) / 1000;
        var serverMedian = Stats.Median(report.Select(r => (double)r.TookMs).ToList()) / 1000;
        var docxMedian = Stats.Median(docx.Select(d => d.Ms).ToList()) / 1000;
        var records = await CountAsync(o);

        if (at5M)
        {
            Write5M(o, records, ipc, from, to, runs, busy, report, docx, reportMedian, serverMedian, docxMedian);
            return;
        }
        var md = new StringBuilder();
        md.AppendLine("# Patent navigation benchmark (专利导航)");
        md.AppendLine();
        md.AppendLine($"Date: {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC · {Environment.ProcessorCount} cores (shared with other jobs) · .NET {Environment.Version}");
        md.AppendLine();
        md.AppendLine($"Data: the whole real `patents/cn-invention-2017.csv.gz` imported through the API ({records:N0} records, import {importSeconds:0} s). " +
                      $"Scope: IPC class {ipc}, application years {from}–{to}, region of interest 江苏 (32), comparison the nation — **{report[0].Total:N0} records**. " +
                      "All 15 analyses (ADR 0050) are computed on every request of the draft report; the DOCX export computes them again and draws every chart.");
        md.AppendLine();
        md.AppendLine($"Command: `bench/run.sh --navigation` (starts the app on a fresh database, runs `Zhichan.Bench.dll navigation --runs {runs} --ipc {ipc} --from {from} --to {to}`; one warm-up run not counted).");
        md.AppendLine();
        md.AppendLine("| run | GetNavigationReport, client (s) | of it on the server (tookMs, s) | ExportNavigationReport docx (s) | docx size |");
        md.AppendLine("|---|---|---|---|---|");
        for (var i = 0; i < report.Count; i++)
            md.AppendLine($"| {i + 1} | {report[i].Ms / 1000:0.00} | {report[i].TookMs / 1000.0:0.00} | {docx[i].Ms / 1000:0.00} | {docx[i].Bytes / 1024.0:N0} KiB |");
        md.AppendLine($"| **median** | **{reportMedian:0.00}** | {serverMedian:0.00} | **{docxMedian:0.00}** | |");
        md.AppendLine();
        md.AppendLine($"- All analyses of a scope of ~20,000 records at 215k: target ≤ 3 s — **{(reportMedian <= 3 ? "met" : "not met")}** ({reportMedian:0.00} s).");
        md.AppendLine($"- DOCX export: target ≤ 10 s — **{(docxMedian <= 10 ? "met" : "not met")}** ({docxMedian:0.00} s).");
        md.AppendLine("- At 5M records (target ≤ 15 s): see the section below (`bench/run.sh --navigation --reuse-5m`).");
        md.AppendLine();
        md.AppendLine(Marker5M);
        if (o.Get("doc") is { } old && File.Exists(old) && File.ReadAllText(old) is var text && text.IndexOf(Marker5M, StringComparison.Ordinal) is var at and >= 0)
            md.Append(text[(at + Marker5M.Length)..].TrimStart('\r', '\n'));
        if (o.Get("doc") is { } doc) File.WriteAllText(doc, md.ToString());
        Console.Write(md.ToString());
    }

    private const string Marker5M = "<!-- 5M section: written by `bench/run.sh --navigation --reuse-5m` -->";

    private static void Write5M(Options o, long records, string ipc, int from, int to, int runs, string? busy, List<(double Ms, long TookMs, long Total)> report,
        List<(double Ms, long Bytes)> docx, double reportMedian, double serverMedian, double docxMedian)
    {
        var md = new StringBuilder();
        md.AppendLine("## At 5M records");
        md.AppendLine();
        md.AppendLine($"Date: {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC · {Environment.ProcessorCount} cores (shared with other jobs) · .NET {Environment.Version}");
        md.AppendLine();
        md.AppendLine($"Data: the **{records:N0}** synthetic records of `bench/run.sh --only-5m-import` (titles, applicants, addresses and IPC of real 2017 rows mixed across rows, application years " +
                      $"2004–2017, see docs/benchmarks.md), reused as they are. Scope: IPC {ipc}, application years {from}–{to} (the latest run of years whose records " +
                      $"come closest to {o.Int("scope", 20000):N0}), region of interest 江苏 (32), comparison the nation — **{report[0].Total:N0} records**.");
        md.AppendLine();
        if (busy is not null)
            md.AppendLine($"Background: the app's own job(s) `{busy}` over the 5M records were still running on the same 2 cores while this was measured " +
                          "(they start when the app first opens the reused database and outlast the 10-minute wait); the figures are therefore pessimistic.").AppendLine();
        md.AppendLine($"Command: `bench/run.sh --navigation --reuse-5m` (runs `Zhichan.Bench.dll navigation --label 5m --runs {runs} --ipc {ipc}` on the 5M database; one warm-up run not counted).");
        md.AppendLine();
        md.AppendLine("| run | GetNavigationReport, client (s) | of it on the server (tookMs, s) | ExportNavigationReport docx (s) | docx size |");
        md.AppendLine("|---|---|---|---|---|");
        for (var i = 0; i < report.Count; i++)
            md.AppendLine($"| {i + 1} | {report[i].Ms / 1000:0.00} | {report[i].TookMs / 1000.0:0.00} | {docx[i].Ms / 1000:0.00} | {docx[i].Bytes / 1024.0:N0} KiB |");
        md.AppendLine($"| **median** | **{reportMedian:0.00}** | {serverMedian:0.00} | **{docxMedian:0.00}** | |");
        md.AppendLine();
        md.AppendLine($"- All analyses of a scope of ~20,000 records at 5M: target ≤ 15 s — **{(reportMedian <= 15 ? "met" : "not met")}** ({reportMedian:0.00} s).");
        md.AppendLine($"- DOCX export at 5M: {docxMedian:0.00} s.");
        if (o.Get("doc") is { } doc)
        {
            var text = File.Exists(doc) ? File.ReadAllText(doc) : "# Patent navigation benchmark (专利导航)\n\n" + Marker5M + "\n";
            var at = text.IndexOf(Marker5M, StringComparison.Ordinal);
            if (at < 0) { text = text.TrimEnd() + "\n\n" + Marker5M + "\n"; at = text.IndexOf(Marker5M, StringComparison.Ordinal); }
            File.WriteAllText(doc, text[..(at + Marker5M.Length)] + "\n\n" + md);
        }
        Console.Write(md.ToString());
    }

    /// <summary>The latest run of application years of the IPC key whose record count comes closest to the target.</summary>
    private static async Task<(int From, int To)> ScopeYearsAsync(Options o, string ipc, int target)
    {
        await using var db = Npgsql.NpgsqlDataSource.Create(o.ConnectionString);
        await using var cmd = db.CreateCommand("""
            SELECT extract(year FROM application_date)::int AS y, count(*) FROM records
            WHERE ipc_classes && ARRAY[$1]::text[] AND application_date IS NOT NULL GROUP BY 1 ORDER BY 1 DESC
            """);
        cmd.Parameters.Add(new Npgsql.NpgsqlParameter { Value = ipc });
        var years = new List<(int Y, long N)>();
        await using (var r = await cmd.ExecuteReaderAsync())
            while (await r.ReadAsync()) years.Add((r.GetInt32(0), r.GetInt64(1)));
        if (years.Count == 0) throw new InvalidOperationException($"no records with IPC {ipc}");
        Console.WriteLine("records per application year of " + ipc + ": " + string.Join(", ", years.Select(x => $"{x.Y} {x.N:N0}")));
        var best = (From: years[0].Y, To: years[0].Y, N: years[0].N);
        long sum = 0;
        foreach (var (y, n) in years)
        {
            sum += n;
            if (Math.Abs(sum - target) < Math.Abs(best.N - target)) best = (y, years[0].Y, sum);
            if (sum > target) break;
        }
        Console.WriteLine($"scope: {ipc} {best.From}–{best.To}, {best.N:N0} records");
        return (best.From, best.To);
    }

    private static async Task<long> CountAsync(Options o)
    {
        await using var db = Npgsql.NpgsqlDataSource.Create(o.ConnectionString);
        return await Sql.ScalarAsync<long>(db, "SELECT count(*) FROM records");
    }
}
