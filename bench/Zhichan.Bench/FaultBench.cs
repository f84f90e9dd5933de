using System.Diagnostics;
using System.IO.Compression;
using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using Zhichan.Api.Features.Records.Normalisation;
using Zhichan.Api.Platform.Database;

namespace Zhichan.Bench;

/// <summary>
/// Faults of issue 26 §3 against real components on loopback (ADR 0063): a private PostgreSQL cluster of its own, the built
/// app as a process, HTTP load from this process.
/// <list type="number">
/// <item>PostgreSQL restarted (pg_ctl stop -m fast, start) under a mixed load of reads and acknowledged writes (complaints
/// with a unique token each): requests failed and their statuses (503 expected, never 500), the time from the server being
/// back to the first success, acknowledged complaints lost or stored twice;</item>
/// <item>the database turned read-only (ALTER SYSTEM SET default_transaction_read_only, reload) for a while during an import
/// of the 2017 file: the import is resumed by itself afterwards; records lost or duplicated against the file's applications.</item>
/// </list>
/// Usage: Zhichan.Bench faults --data ../shared/data --pg-port 5491 [--workers 8] [--readonly-seconds 10] [--lease 30]
/// </summary>
public static class FaultBench
{
    private sealed record Row(string Fault, long Requests, long Failed, string Statuses, double RecoverySeconds, long Lost, long Duplicated, string Note);

    public static async Task RunAsync(Options o)
    {
        var state = Path.Combine(Path.GetTempPath(), "zhichan-faults");
        if (Directory.Exists(state)) Directory.Delete(state, recursive: true);
        var pg = new PrivatePostgres(state, o.Int("pg-port", 5491), NullLogger.Instance, durable: true);
        var cs = await pg.StartAsync("zhichan");
        var rows = new List<Row>();
        Process? app = null;
        try
        {
            var port = AppProcess.FreePort();
            var url = $"http://127.0.0.1:{port}";
            app = AppProcess.Start(cs, port, o.Data, new Dictionary<string, string> { ["ZHICHAN_JOB_LEASE_SECONDS"] = o.Int("lease", 120).ToString(System.Globalization.CultureInfo.InvariantCulture) });
            await AppProcess.WaitHealthyAsync(url, TimeSpan.FromSeconds(120));
            Console.WriteLine($"app on {url}, PostgreSQL on {pg.Port}");
            rows.Add(await RestartUnderLoadAsync(pg, cs, url, o.Int("workers", 8)));
            rows.Add(await ReadOnlyDuringImportAsync(cs, url, o));
        }
        finally
        {
            AppProcess.Stop(app);
            pg.Stop();
        }
        Console.WriteLine();
        Console.WriteLine("| fault | requests | requests failed | failed with | recovery (s) | records lost | records duplicated | note |");
        Console.WriteLine("|---|---|---|---|---|---|---|---|");
        foreach (var r in rows)
            Console.WriteLine($"| {r.Fault} | {r.Requests:N0} | {r.Failed:N0} | {r.Statuses} | {r.RecoverySeconds:F1} | {r.Lost} | {r.Duplicated} | {r.Note} |");
    }

    private static async Task<Row> RestartUnderLoadAsync(PrivatePostgres pg, string cs, string url, int workers)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
        var acknowledged = new System.Collections.Concurrent.ConcurrentBag<string>();
        var log = new System.Collections.Concurrent.ConcurrentQueue<(double At, int Status)>();
        var clock = Stopwatch.StartNew();
        using var stop = new CancellationTokenSource();
        var token = 0;
        async Task WorkerAsync(int w)
        {
            while (!stop.IsCancellationRequested)
            {
                int status;
                try
                {
                    if (w % 2 == 0)
                    {
                        var mark = $"bench-{Interlocked.Increment(ref token)}";
                        var res = await http.PostAsJsonAsync($"{url}/api/protection/public/complaints", Complaint(mark));
                        status = (int)res.StatusCode;
                        if (res.StatusCode == HttpStatusCode.Created) acknowledged.Add(mark);
                    }
                    else
                    {
                        var res = await http.GetAsync($"{url}/api/records?q=%E7%94%B5%E6%B1%A0&facets=false");
                        status = (int)res.StatusCode;
                    }
                }
                catch (Exception e) when (e is HttpRequestException or TaskCanceledException) { status = 0; }
                log.Enqueue((clock.Elapsed.TotalSeconds, status));
            }
        }
        var load = Enumerable.Range(0, workers).Select(WorkerAsync).ToArray();
        await Task.Delay(TimeSpan.FromSeconds(8));
        var restartAt = clock.Elapsed.TotalSeconds;
        pg.Stop();
        await pg.StartAsync("zhichan");
        var upAt = clock.Elapsed.TotalSeconds;
        Console.WriteLine($"PostgreSQL restarted: stopped at {restartAt:F1} s, accepting again at {upAt:F1} s");
        await Task.Delay(TimeSpan.FromSeconds(15));
        await stop.CancelAsync();
        await Task.WhenAll(load);
        var all = log.ToList();
        var failed = all.Where(x => x.Status is < 200 or >= 300).ToList();
        var lastFailure = failed.Count == 0 ? upAt : failed.Max(f => f.At);
        var firstFailure = failed.Count == 0 ? restartAt : failed.Min(f => f.At);
        var served500 = all.Count(x => x.Status >= 500 && x.Status != 503);
        var firstOkAfterUp = all.Where(x => x.At >= upAt && x.Status is >= 200 and < 300).Select(x => x.At).DefaultIfEmpty(double.NaN).Min();
        // every acknowledged complaint is stored, once
        await using var db = NpgsqlDataSource.Create(cs);
        var stored = new Dictionary<string, long>();
        await using (var cmd = db.CreateCommand("SELECT substring(facts from 'bench-[0-9]+'), count(*) FROM complaints WHERE facts LIKE '%bench-%' GROUP BY 1"))
        await using (var r = await cmd.ExecuteReaderAsync())
            while (await r.ReadAsync()) stored[r.GetString(0)] = r.GetInt64(1);
        var lost = acknowledged.Count(m => !stored.ContainsKey(m));
        var duplicated = stored.Values.Sum(c => c - 1);
        var statuses = string.Join(", ", failed.GroupBy(f => f.Status).OrderBy(g => g.Key).Select(g => $"{(g.Key == 0 ? "no answer" : g.Key.ToString())} ×{g.Count()}"));
        return new Row("PostgreSQL restarted (pg_ctl stop -m fast + start) under load", all.Count, failed.Count, failed.Count == 0 ? "—" : statuses,
            firstOkAfterUp - upAt, lost, duplicated,
            $"{workers} workers (half complaints, half anonymous searches) for 23 s; server down {upAt - restartAt:F1} s (stop to accepting); requests failed from {firstFailure - restartAt:F1} s to {lastFailure - restartAt:F1} s after the stop; 500s: {served500}; {acknowledged.Count:N0} complaints acknowledged, all stored once");
    }

    private static async Task<Row> ReadOnlyDuringImportAsync(string cs, string url, Options o)
    {
        var file = Path.Combine(o.Data, "patents", "cn-invention-2017.csv.gz");
        var expected = ApplicationsIn(file);
        using var http = new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer() }) { Timeout = TimeSpan.FromSeconds(60) };
        var login = await http.PostAsJsonAsync($"{url}/api/auth/login", new { username = "bureau", password = AppProcess.Password });
        login.EnsureSuccessStatusCode();
        http.DefaultRequestHeaders.Add("X-XSRF-TOKEN", (await login.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("csrfToken").GetString());
        var form = new MultipartFormDataContent { { new ByteArrayContent(await File.ReadAllBytesAsync(file)), "file", "cn-invention-2017.csv.gz" }, { new StringContent("auto"), "format" } };
        var created = await http.PostAsync($"{url}/api/imports", form);
        created.EnsureSuccessStatusCode();
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt64();
        await using var db = NpgsqlDataSource.Create(cs);
        while (await Scalar<int>(db, $"SELECT batches_done FROM imports WHERE id = {id}") < 2) await Task.Delay(100);
        var seconds = o.Int("readonly-seconds", 10);
        var clock = Stopwatch.StartNew();
        await Sql.ExecAsync(db, "ALTER SYSTEM SET default_transaction_read_only = on");
        await Sql.ExecAsync(db, "SELECT pg_reload_conf()");
        var atReadOnly = await Scalar<long>(db, "SELECT count(*) FROM records");
        var batchesAtReadOnly = await Scalar<int>(db, $"SELECT batches_done FROM imports WHERE id = {id}");
        Console.WriteLine($"read-only after batch 2 ({atReadOnly:N0} records) for {seconds} s");
        long requests = 0, failedReads = 0;
        var statuses = new Dictionary<int, int>();
        string status = "";
        double writableAt = 0, resumedAt = 0;
        var batchesAtWritable = 0;
        while (true)
        {
            if (writableAt == 0 && clock.Elapsed.TotalSeconds >= seconds)
            {
                await Sql.ExecAsync(db, "ALTER SYSTEM RESET default_transaction_read_only");
                await Sql.ExecAsync(db, "SELECT pg_reload_conf()");
                writableAt = clock.Elapsed.TotalSeconds;
                batchesAtWritable = await Scalar<int>(db, $"SELECT batches_done FROM imports WHERE id = {id}");
            }
            // the import's page is read throughout (a signed-in read: it must go on while the database is read-only)
            if (writableAt > 0 && resumedAt == 0 && await Scalar<int>(db, $"SELECT batches_done FROM imports WHERE id = {id}") > batchesAtWritable)
                resumedAt = clock.Elapsed.TotalSeconds;
            var res = await http.GetAsync($"{url}/api/imports/{id}");
            requests++;
            if (!res.IsSuccessStatusCode) { failedReads++; statuses[(int)res.StatusCode] = statuses.GetValueOrDefault((int)res.StatusCode) + 1; }
            else status = (await res.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("status").GetString()!;
            if (writableAt > 0 && status is "succeeded" or "failed" or "completed_with_errors") break;
            if (clock.Elapsed.TotalSeconds > 600) throw new TimeoutException("import not finished 10 minutes after the fault");
            await Task.Delay(250);
        }
        var finishedAt = clock.Elapsed.TotalSeconds;
        var count = await Scalar<long>(db, "SELECT count(*) FROM records");
        var distinct = await Scalar<long>(db, "SELECT count(DISTINCT application_number) FROM records");
        var attempts = await Scalar<int>(db, $"SELECT j.attempts FROM jobs j JOIN imports i ON i.job_id = j.id WHERE i.id = {id}");
        return new Row($"database read-only for {seconds} s during an import of the 2017 file", requests, failedReads,
            failedReads == 0 ? "—" : string.Join(", ", statuses.Select(s => $"{s.Key} ×{s.Value}")), resumedAt - writableAt,
            Math.Max(0, expected - count), count - distinct,
            $"requests: the import's progress read by the signed-in user every 250 ms; read-only from batch {batchesAtReadOnly} on; recovery = writable again → the next batch committed; import {status} {finishedAt - writableAt:F0} s after writable, job attempts {attempts}; {count:N0} records for {expected:N0} applications in the file");
    }

        private static object Complaint(string mark) => new
    {
        type = "trademark", complainantKind = "person", complainantName = "张三", complainantIdNumber = "320703199001011234",
        complainantPhone = "13812345678", complainantEmail = "zhangsan@example.com", complainantAddress = "江苏省连云港市连云区中山路88号3栋502室",
        respondentName = $"连云港{mark}商贸有限公司", respondentAddress = "连云港市海州区朝阳东路1号",
        facts = $"被投诉人在其门店销售假冒我方注册商标的商品，时间为2026年10月，地点为海州区某商场。【{mark}】", regionCode = "320703",
    };

    private static long ApplicationsIn(string file)
    {
        using var reader = new StreamReader(new GZipStream(File.OpenRead(file), CompressionMode.Decompress));
        using var csv = new CsvHelper.CsvReader(reader, System.Globalization.CultureInfo.InvariantCulture);
        csv.Read();
        csv.ReadHeader();
        var set = new HashSet<string>();
        while (csv.Read())
        {
            var raw = csv.GetField("application_no");
            set.Add(ApplicationNumber.TryParse(raw, out _)?.Canonical ?? raw ?? "");
        }
        return set.Count;
    }

    private static async Task<T> Scalar<T>(NpgsqlDataSource db, string sql)
    {
        await using var cmd = db.CreateCommand(sql);
        return (T)Convert.ChangeType((await cmd.ExecuteScalarAsync())!, typeof(T), System.Globalization.CultureInfo.InvariantCulture);
    }
}
