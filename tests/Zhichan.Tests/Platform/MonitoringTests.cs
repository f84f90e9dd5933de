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

/// <summary>The Prometheus endpoint (issue 26 §6, ADR 0065): to whom it answers.</summary>
public class MonitoringTests(MetricsFactory app) : IntegrationTest<MetricsFactory>(app)
{
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
}

/// <summary>
/// What /metrics exposes and what the JSON log holds, read from an app in its own process as in production. (In the test process dozens of hosts share
/// the process-wide meters by name, and each host's OpenTelemetry provider would stop adding metric streams at its limit.)
/// </summary>
public class MetricsProcessTests(MetricsProcessTests.Instance app) : IClassFixture<MetricsProcessTests.Instance>
{
    public sealed class Instance : IAsyncLifetime
    {
        private string _db = "";
        public AppProcess App { get; private set; } = null!;
        public HttpClient Scraper { get; } = new() { Timeout = TimeSpan.FromSeconds(30) };

        public async Task InitializeAsync()
        {
            _db = await TestCluster.CreateDatabaseAsync("metrics");
            App = await AppProcess.StartAsync(new Dictionary<string, string>
            {
                ["ZHICHAN_DB"] = _db, ["ZHICHAN_DEMO_RECORDS"] = "0", ["ZHICHAN_DEMO_PASSWORD"] = ZhichanFactory.Password, ["ZHICHAN_DATA"] = TestData.Folder,
                ["ZHICHAN_STATE_DIR"] = Path.Combine(Path.GetTempPath(), "zhichan-metrics"), ["ZHICHAN_METRICS_TOKEN"] = MetricsFactory.Token,
                ["ZHICHAN_LOGIN_RATE"] = "100000", ["ZHICHAN_USER_WRITE_RATE"] = "100000",
                // JSON logs, as a log shipper reads them (the JSON log test reads them from this process)
                ["ZHICHAN_LOG_FORMAT"] = "json",
            });
            Scraper.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", MetricsFactory.Token);
        }

        public async Task DisposeAsync()
        {
            await App.DisposeAsync();
            await TestCluster.DropDatabaseAsync(_db);
        }

        public Task<string> MetricsAsync() => Scraper.GetStringAsync(App.BaseUrl + "/metrics");

        /// <summary>Scrapes until <paramref name="done"/> holds (60 s at most), as Prometheus would.</summary>
        public async Task<string> WaitForAsync(Func<string, bool> done, string what)
        {
            var deadline = DateTime.UtcNow.AddSeconds(60);
            while (true)
            {
                var text = await MetricsAsync();
                if (done(text)) return text;
                if (DateTime.UtcNow > deadline)
                    throw new ShouldAssertException($"{what} not in /metrics within 60 s:\n" + string.Join('\n', text.Split('\n').Where(l => l.StartsWith("zhichan", StringComparison.Ordinal))));
                await Task.Delay(200);
            }
        }
    }

    private static bool Has(string text, string prefix, params string[] parts) =>
        text.Split('\n').Any(l => l.StartsWith(prefix, StringComparison.Ordinal) && parts.All(p => l.Contains(p, StringComparison.Ordinal)));

    /// <summary>The sum of a metric's samples over all its label sets (0 when absent).</summary>
    private static double Sum(string text, string metric) =>
        text.Split('\n').Where(l => l.StartsWith(metric + "{", StringComparison.Ordinal) || l.StartsWith(metric + " ", StringComparison.Ordinal))
            .Sum(l => double.Parse(l.Split(' ')[^1], CultureInfo.InvariantCulture));

    [Fact]
    public async Task Metrics_AfterAJobRan_ExposeTheHttpDurationAndTheJobRuns()
    {
        var admin = new ProcessBrowser();
        await admin.SignInAsync(app.App, "admin");
        (await admin.SendAsync(app.App, HttpMethod.Post, "/api/imports/reattribution")).StatusCode.ShouldBe(HttpStatusCode.Accepted);
        var text = await app.WaitForAsync(t => Has(t, "zhichan_jobs_runs_total{", "kind=\"records.reattribute\"", "status=\"succeeded\""),
            "a succeeded records.reattribute run");
        text.ShouldContain("http_server_request_duration_seconds_bucket{");
        text.ShouldContain("http_route=\"/api/imports/reattribution\"");
        text.ShouldContain("zhichan_jobs_duration_seconds_bucket{");
        text.ShouldContain("zhichan_jobs_queued");
        text.ShouldContain("db_client_operation_duration_seconds_bucket{"); // Npgsql
        // only an admin session or the scrape token: the same process refuses a signed-in bureau user
        var bureau = new ProcessBrowser();
        await bureau.SignInAsync(app.App, "bureau");
        (await bureau.SendAsync(app.App, HttpMethod.Get, "/metrics")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Metrics_AfterAnImport_CountItsRecordsWritten()
    {
        var bureau = new ProcessBrowser();
        await bureau.SignInAsync(app.App, "bureau");
        var before = Sum(await app.MetricsAsync(), "zhichan_imports_records_written_total");
        var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(Records.Api.Cn2017.Utf8Csv(Records.Api.Cn2017.First(50)));
        file.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        form.Add(file, "file", "metrics.csv");
        form.Add(new StringContent("auto"), "format");
        var res = await bureau.SendAsync(app.App, HttpMethod.Post, "/api/imports", content: form);
        res.IsSuccessStatusCode.ShouldBeTrue(await res.Content.ReadAsStringAsync());
        // the records are counted per committed batch, the duration when the import ends
        await app.WaitForAsync(t => Sum(t, "zhichan_imports_records_written_total") - before >= 50 && t.Contains("zhichan_imports_duration_seconds_bucket{", StringComparison.Ordinal),
            "50 more records written and the import's duration");
    }

    [Fact]
    public async Task FailedSignIns_AreCountedByReason()
    {
        var res = await new ProcessBrowser().SendAsync(app.App, HttpMethod.Post, "/api/auth/login", new { username = "bureau", password = "wrong-password-1" });
        res.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        await app.WaitForAsync(t => Has(t, "zhichan_logins_failed_total{", "reason=\"wrong_password\""), "zhichan_logins_failed_total{reason=\"wrong_password\"}");
    }

    /// <summary>
    /// ZHICHAN_LOG_FORMAT=json (ADR 0065), the same process: its log lines are JSON objects, and the line a request logs carries
    /// the trace id the response names in X-Correlation-Id (and in its problem details).
    /// </summary>
    [Fact]
    public async Task JsonLogLine_OfARequest_CarriesTheTraceIdOfItsResponse()
    {
        var res = await new ProcessBrowser().SendAsync(app.App, HttpMethod.Post, "/api/auth/login", new { username = "bureau", password = "wrong-password-1" });
        res.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        var traceId = res.Headers.GetValues("X-Correlation-Id").Single();
        traceId.ShouldMatch("^[0-9a-f]{32}$"); // a W3C trace id
        (await res.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("correlationId").GetString().ShouldBe(traceId);

        JsonElement? line = null;
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (line is null)
        {
            line = app.App.Lines.Where(l => l.StartsWith('{')).Select(l => JsonDocument.Parse(l).RootElement)
                .Cast<JsonElement?>().FirstOrDefault(e => e!.Value.GetProperty("Category").GetString() == "Zhichan.Accounts.Login"
                    && e.Value.GetProperty("Scopes").EnumerateArray().Any(s => s.TryGetProperty("TraceId", out var t) && t.GetString() == traceId));
            if (line is null && DateTime.UtcNow > deadline) throw new ShouldAssertException($"no JSON log line of Zhichan.Accounts.Login with TraceId {traceId}:\n" + app.App.Output);
            if (line is null) await Task.Delay(100);
        }
        line.Value.GetProperty("LogLevel").GetString().ShouldBe("Warning");
        line.Value.GetProperty("Scopes").EnumerateArray().Any(s => s.TryGetProperty("CorrelationId", out var c) && c.GetString() == traceId)
            .ShouldBeTrue("the correlation id scope names the trace id too");
        // every line the process wrote is one JSON object (no plain-text lines mixed in for a log shipper to trip on)
        app.App.Lines.Where(l => l.Length > 0).ShouldAllBe(l => l.StartsWith('{'));
    }
}
