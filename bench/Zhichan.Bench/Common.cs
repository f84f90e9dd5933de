using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Npgsql;

namespace Zhichan.Bench;

/// <summary>Command-line options (--key value, --flag) shared by every subcommand.</summary>
public sealed class Options
{
    private readonly Dictionary<string, string> _values = new(StringComparer.Ordinal);

    public Options(IEnumerable<string> args)
    {
        string? key = null;
        foreach (var a in args)
        {
            if (a.StartsWith("--", StringComparison.Ordinal))
            {
                if (key is not null) _values[key] = "true";
                key = a[2..];
            }
            else if (key is not null) { _values[key] = a; key = null; }
        }
        if (key is not null) _values[key] = "true";
    }

    public string? Get(string key) => _values.GetValueOrDefault(key);
    public string Require(string key) => Get(key) ?? throw new ArgumentException($"missing --{key}");
    public int Int(string key, int fallback) => int.TryParse(Get(key), out var v) ? v : fallback;
    public bool Flag(string key) => Get(key) is "true" or "1";

    public string Url => Require("url").TrimEnd('/');
    public string Results => Get("results") ?? "bench/results";
    public string Data => Get("data") ?? "/work/shared/data";
    public string Label => Get("label") ?? "215k";

    /// <summary>Connection string of the app's private cluster (password file under the state folder).</summary>
    public string ConnectionString
    {
        get
        {
            var state = Require("state");
            var pw = File.ReadAllText(Path.Combine(state, "pg-password")).Trim();
            return new NpgsqlConnectionStringBuilder
            {
                Host = "127.0.0.1", Port = int.Parse(Require("pg-port")), Username = "zhichan", Password = pw, Database = "zhichan",
                Timeout = 30, CommandTimeout = 0, Pooling = true, MaxPoolSize = 10,
            }.ConnectionString;
        }
    }
}

/// <summary>A signed-in HTTP client of the API (the bureau demo account: imports allowed, no public rate limit).</summary>
public sealed class ApiClient : IDisposable
{
    private readonly HttpClient _http;
    private string? _csrf;

    public ApiClient(string baseUrl)
    {
        var handler = new SocketsHttpHandler { CookieContainer = new CookieContainer(), UseCookies = true, PooledConnectionLifetime = TimeSpan.FromHours(1), AutomaticDecompression = DecompressionMethods.None };
        _http = new HttpClient(handler) { BaseAddress = new Uri(baseUrl + "/"), Timeout = TimeSpan.FromMinutes(30) };
    }

    public async Task LoginAsync(string user, string password)
    {
        using var res = await _http.PostAsJsonAsync("api/auth/login", new { username = user, password });
        var body = await res.Content.ReadAsStringAsync();
        if (!res.IsSuccessStatusCode) throw new InvalidOperationException($"login failed: {(int)res.StatusCode} {body}");
        _csrf = JsonNode.Parse(body)?["csrfToken"]?.GetValue<string>();
        if (_csrf is not null) _http.DefaultRequestHeaders.Add("X-XSRF-TOKEN", _csrf);
    }

    /// <summary>Uploads a file (CreateImport) and polls GetImport until it ends; returns the final import and the wall time.</summary>
    public async Task<(JsonNode Import, double WallSeconds)> ImportAsync(string path, string format)
    {
        var sw = Stopwatch.StartNew();
        using var form = new MultipartFormDataContent();
        await using var fs = File.OpenRead(path);
        var file = new StreamContent(fs);
        file.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue(path.EndsWith(".gz") ? "application/gzip" : "text/csv");
        form.Add(file, "file", Path.GetFileName(path));
        form.Add(new StringContent(format), "format");
        using var res = await _http.PostAsync("api/imports", form);
        var body = await res.Content.ReadAsStringAsync();
        if (!res.IsSuccessStatusCode) throw new InvalidOperationException($"CreateImport failed: {(int)res.StatusCode} {body}");
        var id = JsonNode.Parse(body)!["id"]!.GetValue<long>();
        while (true)
        {
            await Task.Delay(100);
            var imp = JsonNode.Parse(await _http.GetStringAsync($"api/imports/{id}"))!;
            var status = imp["status"]!.GetValue<string>();
            if (status is "succeeded") return (imp, sw.Elapsed.TotalSeconds);
            if (status is "failed" or "cancelled") throw new InvalidOperationException($"import {id} {status}: {imp["message"]}");
        }
    }

    /// <summary>One GET; returns client wall ms, the server's tookMs and total, or the error (HTTP status, timeout) with the time it took.</summary>
    public async Task<(double Ms, long TookMs, long Total, string? Error)> GetTimedAsync(string relative)
    {
        var sw = Stopwatch.StartNew();
        try
        {
            using var res = await _http.GetAsync(relative, HttpCompletionOption.ResponseContentRead);
            var bytes = await res.Content.ReadAsByteArrayAsync();
            var ms = sw.Elapsed.TotalMilliseconds;
            if (!res.IsSuccessStatusCode)
            {
                var body = System.Text.Encoding.UTF8.GetString(bytes);
                return (ms, -1, -1, $"HTTP {(int)res.StatusCode}: {(body.Length > 300 ? body[..300] : body)}");
            }
            using var doc = JsonDocument.Parse(bytes);
            return (ms, doc.RootElement.GetProperty("tookMs").GetInt64(), doc.RootElement.GetProperty("total").GetInt64(), null);
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            return (sw.Elapsed.TotalMilliseconds, -1, -1, e.GetType().Name + ": " + e.Message);
        }
    }

    /// <summary>One GET, the answer as JSON (null with the error when it failed); for checks outside the timed passes.</summary>
    public async Task<(JsonNode? Body, string? Error)> GetJsonAsync(string relative)
    {
        using var res = await _http.GetAsync(relative);
        var body = await res.Content.ReadAsStringAsync();
        return res.IsSuccessStatusCode ? (JsonNode.Parse(body), null) : (null, $"HTTP {(int)res.StatusCode}: {(body.Length > 300 ? body[..300] : body)}");
    }

    public void Dispose() => _http.Dispose();
}

public static class Stats
{
    public static double Percentile(IReadOnlyList<double> values, double p)
    {
        if (values.Count == 0) return double.NaN;
        var s = values.OrderBy(v => v).ToArray();
        var rank = p / 100.0 * (s.Length - 1);
        var lo = (int)Math.Floor(rank);
        var hi = (int)Math.Ceiling(rank);
        return s[lo] + (s[hi] - s[lo]) * (rank - lo);
    }

    public static double Median(IReadOnlyList<double> values) => Percentile(values, 50);

    public static JsonObject Summary(IReadOnlyList<double> values) => new()
    {
        ["n"] = values.Count,
        ["p50"] = Math.Round(Percentile(values, 50), 2),
        ["p95"] = Math.Round(Percentile(values, 95), 2),
        ["p99"] = Math.Round(Percentile(values, 99), 2),
        ["max"] = values.Count == 0 ? double.NaN : Math.Round(values.Max(), 2),
    };
}

public static class Json
{
    public static readonly JsonSerializerOptions Indented = new() { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static void Write(string path, JsonNode node)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        File.WriteAllText(path, node.ToJsonString(Indented));
    }

    public static JsonNode? Read(string path) => File.Exists(path) ? JsonNode.Parse(File.ReadAllText(path)) : null;
}

public static class Sql
{
    public static async Task ExecAsync(NpgsqlDataSource db, string sql)
    {
        await using var cmd = db.CreateCommand(sql);
        await cmd.ExecuteNonQueryAsync();
    }

    public static async Task<T> ScalarAsync<T>(NpgsqlDataSource db, string sql)
    {
        await using var cmd = db.CreateCommand(sql);
        return (T)(await cmd.ExecuteScalarAsync())!;
    }

    /// <summary>
    /// Keeps the app's own background work out of the measurements: the indicators feature recomputes every indicator after
    /// each import (a job of minutes at 215k); a sentinel computation "as of infinity" stops it from being queued, and any
    /// job still running is waited for (up to 10 minutes).
    /// </summary>
    public static async Task QuietAsync(NpgsqlDataSource db, string? benchPassword)
    {
        // a reused database keeps the demo password of the run that created it: give the bureau account this run's password
        if (benchPassword is not null)
        {
            await using var cmd = db.CreateCommand("UPDATE users SET password_hash = $1 WHERE username = 'bureau'");
            cmd.Parameters.Add(new NpgsqlParameter { Value = new Microsoft.AspNetCore.Identity.PasswordHasher<object>().HashPassword(new object(), benchPassword) });
            await cmd.ExecuteNonQueryAsync();
        }
        await ExecAsync(db, """
            DO $$ BEGIN
              IF to_regclass('indicator_computations') IS NOT NULL
                 AND NOT EXISTS (SELECT 1 FROM indicator_computations WHERE records_as_of = 'infinity') THEN
                INSERT INTO indicator_computations (records_as_of, finished_at) VALUES ('infinity', now());
              END IF;
            END $$
            """);
        for (var i = 0; i < 600; i++)
        {
            if (await ScalarAsync<long>(db, "SELECT count(*) FROM jobs WHERE status IN ('queued', 'running')") == 0) return;
            if (i == 0) Console.WriteLine("waiting for the app's background jobs to finish");
            await Task.Delay(1000);
        }
    }

    public static async Task<double> TimeAsync(NpgsqlDataSource db, string sql)
    {
        var sw = Stopwatch.StartNew();
        await ExecAsync(db, sql);
        return sw.Elapsed.TotalSeconds;
    }
}
