using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Logging.Console;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using Zhichan.Api.Platform.OpenApi;

namespace Zhichan.Api.Platform.Observability;

/// <summary>
/// OpenTelemetry for the platform (ADR 0065): metrics of ASP.NET Core, Kestrel, rate limiting, the runtime, Npgsql and the
/// platform's own <see cref="ZhichanMetrics"/>, scraped by Prometheus at <c>/metrics</c>; traces of requests, database
/// commands, jobs and imports sent to an OTLP collector when one is configured; logs as JSON lines with the trace id.
/// </summary>
public static class Telemetry
{
    /// <summary>The meters whose instruments <c>/metrics</c> exposes.</summary>
    private static readonly string[] Meters =
    [
        ZhichanMetrics.Name, "Microsoft.AspNetCore.Hosting", "Microsoft.AspNetCore.Server.Kestrel", "Microsoft.AspNetCore.RateLimiting",
        "Microsoft.AspNetCore.Diagnostics", "Microsoft.AspNetCore.Authentication", "Microsoft.AspNetCore.Authorization",
    ];

    public static void AddZhichanTelemetry(this WebApplicationBuilder builder, ZhichanOptions options)
    {
        if (options.LogFormat == "json")
        {
            // one JSON object per line with the scopes: the request's TraceId/SpanId (ActivityTrackingOptions) and CorrelationId
            builder.Logging.ClearProviders();
            builder.Logging.AddJsonConsole(o =>
            {
                o.IncludeScopes = true;
                o.UseUtcTimestamp = true;
                o.TimestampFormat = "yyyy-MM-ddTHH:mm:ss.fffZ";
                o.JsonWriterOptions = new System.Text.Json.JsonWriterOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
            });
        }
        builder.Logging.Configure(o => o.ActivityTrackingOptions = ActivityTrackingOptions.TraceId | ActivityTrackingOptions.SpanId);
        builder.Services.AddSingleton<ZhichanMetrics>();

        var otel = builder.Services.AddOpenTelemetry()
            .ConfigureResource(r => r.AddService("zhichan", serviceInstanceId: $"{Environment.MachineName}:{Environment.ProcessId}"))
            .WithMetrics(m => m
                .AddMeter(Meters)
                .AddRuntimeInstrumentation()
                .AddNpgsqlInstrumentation()
                .AddPrometheusExporter());
        // requests always start an activity, so every log line and problem answer carries the W3C trace id; database
        // commands, jobs and imports are traced too only when a collector receives the spans
        otel.WithTracing(t =>
        {
            t.AddAspNetCoreInstrumentation(o => o.Filter = ctx => !ctx.Request.Path.StartsWithSegments("/metrics") && !ctx.Request.Path.StartsWithSegments("/healthz"));
            if (options.OtlpEndpoint is { } endpoint)
                t.AddSource(ZhichanMetrics.Name).AddNpgsql().AddOtlpExporter(o => o.Endpoint = endpoint);
        });
        if (options.OtlpEndpoint is { } metricsEndpoint)
            otel.WithMetrics(m => m.AddOtlpExporter(o => o.Endpoint = metricsEndpoint));
    }

    /// <summary>
    /// <c>GET /metrics</c> on the main port (ADR 0065): the Prometheus text format, for the platform operator's session or
    /// for <c>Authorization: Bearer &lt;ZHICHAN_METRICS_TOKEN&gt;</c> (Prometheus' <c>authorization</c> setting).
    /// </summary>
    public static void MapMetrics(this WebApplication app)
    {
        var scrape = ((IApplicationBuilder)app).New().UseOpenTelemetryPrometheusScrapingEndpoint(_ => true).Build();
        app.MapGet("/metrics", (HttpContext http, CancellationToken _) => scrape(http))
            .WithName("GetMetrics").WithSummary("运行指标（Prometheus 文本格式）").WithTags("Platform")
            .Produces<string>(200, "text/plain")
            .RequireAuthorization(Auth.Policies.Metrics).WithProblemResponses();
    }

    /// <summary>The request carries the configured metrics token as a bearer token (compared in constant time).</summary>
    public static bool HasMetricsToken(HttpContext http)
    {
        var token = http.RequestServices.GetRequiredService<ZhichanOptions>().MetricsToken;
        if (token is null) return false;
        var header = http.Request.Headers.Authorization.ToString();
        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)) return false;
        return CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(header[7..].Trim()), Encoding.UTF8.GetBytes(token));
    }
}

/// <summary>
/// The platform's own instruments (meter and activity source "Zhichan"). Counters count what happened since the start of
/// the process; Prometheus' <c>rate()</c> turns them into rates (records written per second, failures per hour).
/// </summary>
public sealed class ZhichanMetrics
{
    public const string Name = "Zhichan";

    /// <summary>Spans of jobs and imports (exported when ZHICHAN_OTLP_ENDPOINT is set).</summary>
    public static readonly ActivitySource Source = new(Name);

    private readonly Counter<long> _jobRuns, _importRows, _importWritten, _importRejected, _loginFailures, _openApi, _shed;
    private readonly Histogram<double> _jobDuration, _importDuration;

    public ZhichanMetrics(IMeterFactory meters, NpgsqlDataSource db)
    {
        var m = meters.Create(Name);
        _jobRuns = m.CreateCounter<long>("zhichan.jobs.runs", "{run}", "Background job runs that ended, by kind and status (succeeded, failed).");
        _jobDuration = m.CreateHistogram<double>("zhichan.jobs.duration", "s", "Duration of background job runs, by kind and status.",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.01, 0.05, 0.1, 0.5, 1, 5, 10, 30, 60, 300, 900, 3600] });
        _importRows = m.CreateCounter<long>("zhichan.imports.rows", "{row}", "Source rows the imports have committed (records prepared plus rows rejected).");
        _importWritten = m.CreateCounter<long>("zhichan.imports.records.written", "{record}", "Records the imports inserted or changed.");
        _importRejected = m.CreateCounter<long>("zhichan.imports.rows.rejected", "{row}", "Source rows the imports rejected.");
        _importDuration = m.CreateHistogram<double>("zhichan.imports.duration", "s", "Duration of finished imports, by status.",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [1, 5, 15, 60, 300, 900, 1800, 3600, 7200] });
        _loginFailures = m.CreateCounter<long>("zhichan.logins.failed", "{attempt}", "Refused sign-ins, by reason.");
        _openApi = m.CreateCounter<long>("zhichan.open_api.requests", "{request}", "Open API calls with a key, by outcome (ok, rate_limited, quota_spent).");
        _shed = m.CreateCounter<long>("zhichan.requests.shed", "{request}", "Requests answered 503 because the server was busy, by gate class and reason: queue (no turn in the gate in time, ADR 0068) or deadline (an expensive read past its deadline, ADR 0070).");
        m.CreateObservableGauge("zhichan.jobs.queued", () => QueueState(db).Select(q => new Measurement<long>(q.Count, new KeyValuePair<string, object?>("kind", q.Kind))),
            "{job}", "Jobs waiting to run, by kind.");
        m.CreateObservableGauge("zhichan.jobs.oldest_queued_age", () => QueueState(db).Select(q => new Measurement<double>(q.OldestSeconds, new KeyValuePair<string, object?>("kind", q.Kind))),
            "s", "Age of the oldest job waiting to run, by kind.");
    }

    /// <summary>The job kinds this instance runs (set by the runner): the queue gauges report 0 for those with nothing waiting.</summary>
    public IReadOnlyCollection<string> JobKinds { get; set; } = [];

    public void JobEnded(string kind, string status, TimeSpan duration)
    {
        var tags = new TagList { { "kind", kind }, { "status", status } };
        _jobRuns.Add(1, tags);
        _jobDuration.Record(duration.TotalSeconds, tags);
    }

    public void ImportBatch(long rows, long written, long rejected)
    {
        _importRows.Add(rows);
        _importWritten.Add(written);
        _importRejected.Add(rejected);
    }

    public void ImportEnded(string status, TimeSpan duration) => _importDuration.Record(duration.TotalSeconds, new KeyValuePair<string, object?>("status", status));

    public void LoginFailed(string reason) => _loginFailures.Add(1, new KeyValuePair<string, object?>("reason", reason));

    public void RequestShed(string cls, string reason) =>
        _shed.Add(1, new KeyValuePair<string, object?>("class", cls), new KeyValuePair<string, object?>("reason", reason));

    public void OpenApiRequest(string outcome) => _openApi.Add(1, new KeyValuePair<string, object?>("outcome", outcome));

    /// <summary>
    /// The queue per kind, read when Prometheus scrapes (one small query per scrape; the queued jobs are few). One read
    /// serves both gauges of a scrape: they are observed one after the other within the same collection.
    /// </summary>
    private (string Kind, long Count, double OldestSeconds)[] QueueState(NpgsqlDataSource db)
    {
        lock (_queueLock)
        {
            if (Stopwatch.GetElapsedTime(_queueReadAt) < TimeSpan.FromSeconds(1)) return _queue;
            try
            {
                using var cmd = db.CreateCommand("""
                    SELECT kind, count(*), COALESCE(extract(epoch FROM now() - min(created_at)), 0)::float8
                    FROM jobs WHERE status = 'queued' GROUP BY kind
                    """);
                cmd.CommandTimeout = 2;
                using var r = cmd.ExecuteReader();
                var rows = new Dictionary<string, (string, long, double)>();
                foreach (var kind in JobKinds) rows[kind] = (kind, 0, 0);
                while (r.Read()) rows[r.GetString(0)] = (r.GetString(0), r.GetInt64(1), r.GetDouble(2));
                _queue = [.. rows.Values];
            }
            catch (Exception e) when (e is NpgsqlException or InvalidOperationException or ObjectDisposedException or TimeoutException)
            {
                // the database is away: the gauges are absent from this scrape (alert on up/healthz, not on a stale number)
                _queue = [];
            }
            _queueReadAt = Stopwatch.GetTimestamp();
            return _queue;
        }
    }

    private readonly Lock _queueLock = new();
    private long _queueReadAt;
    private (string Kind, long Count, double OldestSeconds)[] _queue = [];
}
