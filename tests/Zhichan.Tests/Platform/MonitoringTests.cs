using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json;
using Zhichan.Tests.Infrastructure;

namespace Zhichan.Tests.Platform;

public sealed class MetricsFactory : ZhichanFactory
{
    public const string Token = "prometheus-scrape-token-0123456789";
    protected override IDictionary<string, string> Settings => new Dictionary<string, string> { ["ZHICHAN_METRICS_TOKEN"] = Token };
}

/// <summary>The Prometheus endpoint (issue 26 §6, ADR 0065): what it exposes, and to whom.</summary>
public class MonitoringTests(MetricsFactory app) : IntegrationTest<MetricsFactory>(app)
{
    [Fact]
    public async Task Metrics_AfterAJobRan_ExposeTheHttpDurationAndTheJobRuns()
    {
        var admin = await App.CreateClientAsAsync("admin");
        (await admin.PostAsync("/api/imports/reattribution", null)).StatusCode.ShouldBe(HttpStatusCode.Accepted);

        var deadline = DateTime.UtcNow.AddSeconds(60);
        string text;
        while (true)
        {
            var res = await admin.GetAsync("/metrics");
            res.StatusCode.ShouldBe(HttpStatusCode.OK);
            text = await res.Content.ReadAsStringAsync();
            if (text.Split('\n').Any(l => l.StartsWith("zhichan_jobs_runs_total{", StringComparison.Ordinal) && l.Contains("kind=\"records.reattribute\"") && l.Contains("status=\"succeeded\"")))
                break;
            if (DateTime.UtcNow > deadline) throw new ShouldAssertException("no succeeded records.reattribute run in /metrics within 60 s:\n" + text);
            await Task.Delay(200);
        }
        text.ShouldContain("http_server_request_duration_seconds_bucket{");
        text.ShouldContain("http_route=\"/api/imports/reattribution\"");
        text.ShouldContain("zhichan_jobs_duration_seconds_bucket{");
        text.ShouldContain("zhichan_jobs_queued");
        text.ShouldContain("db_client_operation_duration_seconds_bucket{"); // Npgsql
    }

    [Fact]
    public async Task Metrics_AfterAnImport_CountItsRecordsWritten()
    {
        var bureau = await App.CreateClientAsAsync("bureau");
        var admin = await App.CreateClientAsAsync("admin");
        var before = Sum(await admin.GetStringAsync("/metrics"), "zhichan_imports_records_written_total");
        (await Records.Api.RecordsApi.ImportAsync(bureau, Records.Api.Cn2017.Utf8Csv(Records.Api.Cn2017.First(50)), "metrics.csv")).GetProperty("status").GetString().ShouldBe("succeeded");
        var text = await admin.GetStringAsync("/metrics");
        // other test classes import in the same process at the same time: at least this import's 50 records were added
        (Sum(text, "zhichan_imports_records_written_total") - before).ShouldBeGreaterThanOrEqualTo(50);
        text.ShouldContain("zhichan_imports_duration_seconds_bucket{");
    }

    /// <summary>The sum of a metric's samples over all its label sets (0 when absent).</summary>
    private static double Sum(string text, string metric) =>
        text.Split('\n').Where(l => l.StartsWith(metric + "{", StringComparison.Ordinal) || l.StartsWith(metric + " ", StringComparison.Ordinal))
            .Sum(l => double.Parse(l.Split(' ')[^1], CultureInfo.InvariantCulture));

    [Fact]
    public async Task Metrics_AreRefusedToAnonymousAndNonAdmins_AndServedForTheScrapeToken()
    {
        (await App.CreateAnonymousClient().GetAsync("/metrics")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await (await App.CreateClientAsAsync("bureau")).GetAsync("/metrics")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);

        var wrong = App.CreateAnonymousClient();
        wrong.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", MetricsFactory.Token + "x");
        (await wrong.GetAsync("/metrics")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);

        var scraper = App.CreateAnonymousClient();
        scraper.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", MetricsFactory.Token);
        var res = await scraper.GetAsync("/metrics");
        res.StatusCode.ShouldBe(HttpStatusCode.OK);
        res.Content.Headers.ContentType!.MediaType.ShouldBe("text/plain");
        (await res.Content.ReadAsStringAsync()).ShouldContain("# TYPE ");
    }

    [Fact]
    public async Task FailedSignIns_AreCountedByReason()
    {
        var anon = App.CreateAnonymousClient();
        (await anon.PostAsJsonAsync("/api/auth/login", new { username = "bureau", password = "wrong-password-1" })).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        var admin = await App.CreateClientAsAsync("admin");
        var deadline = DateTime.UtcNow.AddSeconds(10);
        string text;
        while (!(text = await admin.GetStringAsync("/metrics")).Split('\n').Any(l => l.StartsWith("zhichan_logins_failed_total{", StringComparison.Ordinal) && l.Contains("reason=\"wrong_password\"")))
        {
            if (DateTime.UtcNow > deadline)
                throw new ShouldAssertException("zhichan_logins_failed_total{reason=\"wrong_password\"} missing from /metrics:\n" + string.Join('\n', text.Split('\n').Where(l => l.StartsWith("zhichan", StringComparison.Ordinal))));
            await Task.Delay(200);
        }
    }
}

/// <summary>
/// ZHICHAN_LOG_FORMAT=json (ADR 0065), through a real app process: its log lines are JSON objects, and the line a request
/// logs carries the trace id the response names in X-Correlation-Id (and in its problem details).
/// </summary>
public sealed class JsonLogTests : IAsyncLifetime
{
    private string _db = "";
    private Process? _app;
    private readonly List<string> _lines = [];

    public async Task InitializeAsync() => _db = await TestCluster.CreateDatabaseAsync("log");

    public async Task DisposeAsync()
    {
        if (_app is { HasExited: false }) { _app.Kill(entireProcessTree: true); await _app.WaitForExitAsync(); }
        _app?.Dispose();
        await TestCluster.DropDatabaseAsync(_db);
    }

    [Fact]
    public async Task JsonLogLine_OfARequest_CarriesTheTraceIdOfItsResponse()
    {
        int port;
        using (var l = new TcpListener(IPAddress.Loopback, 0)) { l.Start(); port = ((IPEndPoint)l.LocalEndpoint).Port; }
        var psi = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = AppContext.BaseDirectory };
        psi.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Zhichan.Api.dll"));
        psi.ArgumentList.Add("--urls");
        psi.ArgumentList.Add($"http://127.0.0.1:{port}");
        psi.Environment["ZHICHAN_DB"] = _db;
        psi.Environment["ZHICHAN_LOG_FORMAT"] = "json";
        psi.Environment["ZHICHAN_DEMO_RECORDS"] = "0";
        psi.Environment["ZHICHAN_DEMO_PASSWORD"] = ZhichanFactory.Password;
        psi.Environment["ZHICHAN_DATA"] = TestData.Folder;
        psi.Environment["ASPNETCORE_ENVIRONMENT"] = "Testing";
        _app = Process.Start(psi)!;
        _app.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (_lines) _lines.Add(e.Data); };
        _app.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (_lines) _lines.Add(e.Data); };
        _app.BeginOutputReadLine();
        _app.BeginErrorReadLine();

        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            try { if ((await http.GetAsync("/healthz")).IsSuccessStatusCode) break; }
            catch (HttpRequestException) { }
            if (_app.HasExited || DateTime.UtcNow > deadline) throw new ShouldAssertException("the app did not start:\n" + Output());
            await Task.Delay(200);
        }

        var res = await http.PostAsJsonAsync("/api/auth/login", new { username = "bureau", password = "wrong-password-1" });
        res.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        var traceId = res.Headers.GetValues("X-Correlation-Id").Single();
        traceId.ShouldMatch("^[0-9a-f]{32}$"); // a W3C trace id
        (await res.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("correlationId").GetString().ShouldBe(traceId);

        JsonElement? line = null;
        deadline = DateTime.UtcNow.AddSeconds(10);
        while (line is null)
        {
            string[] lines;
            lock (_lines) lines = [.. _lines];
            line = lines.Where(l => l.StartsWith('{')).Select(l => JsonDocument.Parse(l).RootElement)
                .Cast<JsonElement?>().FirstOrDefault(e => e!.Value.GetProperty("Category").GetString() == "Zhichan.Accounts.Login"
                    && e.Value.GetProperty("Scopes").EnumerateArray().Any(s => s.TryGetProperty("TraceId", out var t) && t.GetString() == traceId));
            if (line is null && DateTime.UtcNow > deadline) throw new ShouldAssertException($"no JSON log line of Zhichan.Accounts.Login with TraceId {traceId}:\n" + Output());
            if (line is null) await Task.Delay(100);
        }
        line.Value.GetProperty("LogLevel").GetString().ShouldBe("Warning");
        line.Value.GetProperty("Scopes").EnumerateArray().Any(s => s.TryGetProperty("CorrelationId", out var c) && c.GetString() == traceId)
            .ShouldBeTrue("the correlation id scope names the trace id too");
        // every line the process wrote is one JSON object (no plain-text lines mixed in for a log shipper to trip on)
        lock (_lines) _lines.Where(l => l.Length > 0).ShouldAllBe(l => l.StartsWith('{'));
    }

    private string Output()
    {
        lock (_lines) return string.Join('\n', _lines.TakeLast(40));
    }
}
