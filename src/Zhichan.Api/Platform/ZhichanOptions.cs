namespace Zhichan.Api.Platform;

/// <summary>
/// Every setting of the platform, read once at start-up from the configuration (environment variables, appsettings, or
/// the test host's settings) and injected as a singleton. Nothing else reads <c>ZHICHAN_*</c> settings: a new setting is
/// a property here, with its variable and default in <see cref="From"/> and a line in the README's configuration table.
/// </summary>
public sealed record ZhichanOptions
{
    /// <summary>Where the private cluster and its password live (ZHICHAN_STATE_DIR, default .data under the repository).</summary>
    public required string StateDir { get; init; }
    /// <summary>Connection string of an existing server (ZHICHAN_DB or ConnectionStrings:Zhichan); null starts a private cluster.</summary>
    public string? ConnectionString { get; init; }
    /// <summary>Port of the private cluster (ZHICHAN_PG_PORT).</summary>
    public int PgPort { get; init; } = 5433;
    /// <summary>shared_buffers of the private cluster (ZHICHAN_PG_SHARED_BUFFERS); null for a quarter of the memory.</summary>
    public string? PgSharedBuffers { get; init; }
    /// <summary>
    /// Whether, run as root, the app reserves huge pages for the private cluster's buffer pool of 1 GB or more before
    /// starting it and gives them back when it stops it (ZHICHAN_PG_HUGE_PAGES, 0 to leave the kernel's setting alone; ADR 0073).
    /// </summary>
    public bool PgHugePages { get; init; } = true;
    /// <summary>Folder with initdb/pg_ctl (ZHICHAN_PG_BIN); null searches /usr/lib/postgresql/*/bin and PATH.</summary>
    public string? PgBin { get; init; }
    /// <summary>
    /// pgBackRest repository of the private cluster (ZHICHAN_BACKUP_REPO: a folder, or <c>on</c> for .data/backup); null = no
    /// WAL archiving, and <c>./zhichan.sh backup</c> refuses (ADR 0064).
    /// </summary>
    public string? BackupRepo { get; init; }
    /// <summary>Leave the private cluster running when the app stops (ZHICHAN_KEEP_DB=1).</summary>
    public bool KeepDb { get; init; }
    /// <summary>The public data folder (ZHICHAN_DATA, default ../shared/data).</summary>
    public required string DataFolder { get; init; }
    /// <summary>Create the demo org units and accounts on first start (ZHICHAN_DEMO, default on).</summary>
    public bool LoadDemo { get; init; } = true;
    /// <summary>Import the 2017 CNIPA file on first start (ZHICHAN_DEMO_RECORDS, default on).</summary>
    public bool ImportDemoRecords { get; init; } = true;
    /// <summary>Password of the demo accounts (ZHICHAN_DEMO_PASSWORD, at least 8 characters).</summary>
    public string DemoPassword { get; init; } = "Zhichan@2026";

    /// <summary>Searches with more hits than this get an estimated total and sampled facets (ZHICHAN_SEARCH_EXACT_UP_TO).</summary>
    public int SearchExactUpTo { get; init; } = 10_000;
    /// <summary>Facets aggregate at most about this many hits, a uniform subsample beyond (ZHICHAN_SEARCH_FACET_ROWS).</summary>
    public int SearchFacetRows { get; init; } = 2_000;
    /// <summary>Relevance ranks at most this many candidate hits of a broad query (ZHICHAN_SEARCH_RANK_CANDIDATES).</summary>
    public int SearchRankCandidates { get; init; } = 2_000;

    /// <summary>Search answers kept for the same request on the same data (ZHICHAN_SEARCH_CACHE_ENTRIES; 0 = off; ADR 0068).</summary>
    public int SearchCacheEntries { get; init; } = 2_000;

    /// <summary>Anonymous search requests per minute and IP (ZHICHAN_PUBLIC_RATE).</summary>
    public int PublicRatePerMinute { get; init; } = 60;
    /// <summary>Sign-in attempts per minute and IP (ZHICHAN_LOGIN_RATE).</summary>
    public int LoginRatePerMinute { get; init; } = 30;
    /// <summary>Anonymous complaint submissions and status look-ups per 10 minutes and IP (ZHICHAN_COMPLAINT_RATE).</summary>
    public int ComplaintRatePer10Minutes { get; init; } = 20;
    /// <summary>Anonymous objections to programme notices per 10 minutes and IP (ZHICHAN_OBJECTION_RATE).</summary>
    public int ObjectionRatePer10Minutes { get; init; } = 10;

    /// <summary>Interval of the protection deadline check (ZHICHAN_PROTECTION_SWEEP_MINUTES); 0 = only on demand.</summary>
    public int ProtectionSweepMinutes { get; init; } = 60;
    /// <summary>Read notifications older than this are deleted (ZHICHAN_NOTIFICATION_RETENTION_DAYS).</summary>
    public int NotificationRetentionDays { get; init; } = 180;
    /// <summary>Finished runs of recurring jobs older than this are deleted (ZHICHAN_JOB_RETENTION_DAYS).</summary>
    public int JobRetentionDays { get; init; } = 30;
    /// <summary>Interval of the clean-up job (ZHICHAN_RETENTION_INTERVAL_MINUTES); 0 = off.</summary>
    public int RetentionIntervalMinutes { get; init; } = 1440;
    /// <summary>Interval of the custody check — renewal reminders, lapses, contract expiry (ZHICHAN_CUSTODY_CHECK_MINUTES); 0 = only on demand.</summary>
    public int CustodyCheckMinutes { get; init; } = 1440;
    /// <summary>Interval of the scheduled evaluation of the watches (ZHICHAN_WATCH_EVALUATION_MINUTES); 0 = only after imports and on demand.</summary>
    public int WatchEvaluationMinutes { get; init; } = 1440;
    /// <summary>Interval of the appraisal deadline check — due-soon and overdue notices to the handler (ZHICHAN_APPRAISAL_CHECK_MINUTES); 0 = only on demand.</summary>
    public int AppraisalCheckMinutes { get; init; } = 1440;
    /// <summary>Working days before a stage's limit at which the handler is told it is due soon (ZHICHAN_APPRAISAL_DUE_SOON_DAYS).</summary>
    public int AppraisalDueSoonDays { get; init; } = 2;
    /// <summary>非正常申请 screening: the fewest near-identical filings of one applicant that form a group (ZHICHAN_SCREENING_MIN_FILINGS).</summary>
    public int ScreeningMinFilings { get; init; } = 5;
    /// <summary>非正常申请 screening: the most days between two filings of a group (ZHICHAN_SCREENING_DAYS).</summary>
    public int ScreeningDays { get; init; } = 30;
    /// <summary>非正常申请 screening: the least character-trigram Jaccard similarity of two titles, in percent (ZHICHAN_SCREENING_SIMILARITY).</summary>
    public int ScreeningSimilarityPct { get; init; } = 80;
    /// <summary>Seconds a job's claim lasts without a heartbeat: a job whose instance died is taken over after this (ZHICHAN_JOB_LEASE_SECONDS; ADR 0061).</summary>
    public int JobLeaseSeconds { get; init; } = 120;
    /// <summary>Seconds between two looks of each instance's scheduler at the recurring jobs' next run times (ZHICHAN_SCHEDULER_TICK_SECONDS).</summary>
    public int SchedulerTickSeconds { get; init; } = 30;
    /// <summary>
    /// Reverse proxies whose <c>X-Forwarded-For</c>/<c>X-Forwarded-Proto</c> are believed (ZHICHAN_TRUSTED_PROXIES: addresses or
    /// CIDR networks, comma-separated, e.g. <c>127.0.0.1,10.0.0.0/8</c>); empty = the headers are ignored and the peer's address is
    /// the client's (ADR 0062).
    /// </summary>
    public IReadOnlyList<string> TrustedProxies { get; init; } = [];
    /// <summary>How often the scheduler looks for briefing periods that have ended (ZHICHAN_BRIEFING_CHECK_MINUTES); 0 = no scheduled briefings.</summary>
    public int BriefingCheckMinutes { get; init; } = 60;

    /// <summary>Chromium used to print PDF reports (ZHICHAN_CHROMIUM).</summary>
    public string ChromiumPath { get; init; } = "/usr/bin/chromium";
    /// <summary>A CJK font file the server draws report charts with (ZHICHAN_CHART_FONT; fonts-wqy-microhei).</summary>
    public string ChartFontPath { get; init; } = "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc";
    /// <summary>Seconds a PDF conversion may take (ZHICHAN_CHROMIUM_TIMEOUT).</summary>
    public int ChromiumTimeoutSeconds { get; init; } = 60;

    /// <summary>A session ends this many minutes after its last request (ZHICHAN_SESSION_IDLE_MINUTES; ASVS L2: 30).</summary>
    public int SessionIdleMinutes { get; init; } = 30;
    /// <summary>A session ends this many hours after sign-in however active (ZHICHAN_SESSION_ABSOLUTE_HOURS; ASVS L2: 12).</summary>
    public int SessionAbsoluteHours { get; init; } = 12;
    /// <summary>
    /// Second factor (TOTP) for government accounts (ZHICHAN_STAFF_TOTP): <c>optional</c> (default: each may enable it) or
    /// <c>required</c> (a government account without it may only enrol after signing in).
    /// </summary>
    public bool StaffTotpRequired { get; init; }
    /// <summary>Per signed-in user: searches per minute (ZHICHAN_USER_SEARCH_RATE).</summary>
    public int UserSearchRatePerMinute { get; init; } = 120;
    /// <summary>Per signed-in user: exports per minute (ZHICHAN_USER_EXPORT_RATE).</summary>
    public int UserExportRatePerMinute { get; init; } = 10;
    /// <summary>Per signed-in user: writes (POST/PUT/DELETE) per minute (ZHICHAN_USER_WRITE_RATE).</summary>
    public int UserWriteRatePerMinute { get; init; } = 120;
    /// <summary>Anonymous exports per hour and IP (ZHICHAN_PUBLIC_EXPORT_RATE); an anonymous export has at most 1,000 rows.</summary>
    public int PublicExportRatePerHour { get; init; } = 10;

    /// <summary>Expensive reads (search, export, cockpit) served at a time per gate (ZHICHAN_HEAVY_CONCURRENCY; default 2 per core; ADR 0068).</summary>
    public int HeavyConcurrency { get; init; } = DefaultHeavyConcurrency;
    /// <summary>Requests waiting per gate of expensive reads; more are shed at once with 503 (ZHICHAN_HEAVY_QUEUE; default twice the concurrency).</summary>
    public int HeavyQueue { get; init; } = 2 * DefaultHeavyConcurrency;
    /// <summary>Longest wait for a gate's turn before the request is shed with 503 (ZHICHAN_HEAVY_WAIT_MS; default 500).</summary>
    public int HeavyWaitMilliseconds { get; init; } = 500;
    /// <summary>Other API requests served at a time (ZHICHAN_MAX_CONCURRENT_REQUESTS; default 8 per core, at most 40: below the connection pool's 50).</summary>
    public int MaxConcurrentRequests { get; init; } = DefaultMaxConcurrentRequests;
    /// <summary>
    /// Deadline of an expensive interactive read (search, statistics, the cockpit) from its arrival, gate wait included: past it the
    /// read's queries are cancelled and it is answered 503 with Retry-After (ZHICHAN_REQUEST_DEADLINE_MS; default 4,000; 0 = none; ADR 0070).
    /// </summary>
    public int RequestDeadlineMilliseconds { get; init; } = 4000;

    private static int DefaultHeavyConcurrency => 2 * Environment.ProcessorCount;
    private static int DefaultMaxConcurrentRequests => Math.Min(8 * Environment.ProcessorCount, 40);

    /// <summary>Console log format (ZHICHAN_LOG_FORMAT): <c>text</c> (default, one line per event) or <c>json</c> (one JSON object per line with the trace id; ADR 0065).</summary>
    public string LogFormat { get; init; } = "text";
    /// <summary>Bearer token Prometheus sends to <c>/metrics</c> (ZHICHAN_METRICS_TOKEN, at least 16 characters); null = the operator's session only.</summary>
    public string? MetricsToken { get; init; }
    /// <summary>OTLP collector receiving traces and metrics (ZHICHAN_OTLP_ENDPOINT, e.g. http://127.0.0.1:4317); null = none.</summary>
    public Uri? OtlpEndpoint { get; init; }

    /// <summary>The import pipeline's batch sizes.</summary>
    public ImportOptions Import { get; init; } = new();

    /// <summary>E-mail over SMTP (ADR 0046); off while no server is configured.</summary>
    public MailOptions Mail { get; init; } = new();

    public static ZhichanOptions From(IConfiguration c, IHostEnvironment env)
    {
        var root = FindRepoRoot(env.ContentRootPath) ?? env.ContentRootPath;
        return new ZhichanOptions
        {
            StateDir = Path.GetFullPath(c["ZHICHAN_STATE_DIR"] ?? Path.Combine(root, ".data")),
            ConnectionString = c["ZHICHAN_DB"] is { Length: > 0 } db ? db : c.GetConnectionString("Zhichan") is { Length: > 0 } cs ? cs : null,
            PgPort = Int(c, "ZHICHAN_PG_PORT", 5433, min: 1),
            PgSharedBuffers = c["ZHICHAN_PG_SHARED_BUFFERS"],
            PgHugePages = c["ZHICHAN_PG_HUGE_PAGES"] != "0",
            PgBin = c["ZHICHAN_PG_BIN"] is { Length: > 0 } bin ? bin : null,
            KeepDb = c["ZHICHAN_KEEP_DB"] == "1",
            BackupRepo = c["ZHICHAN_BACKUP_REPO"] is not { Length: > 0 } repo ? null
                : repo is "on" or "1" ? Path.Combine(Path.GetFullPath(c["ZHICHAN_STATE_DIR"] ?? Path.Combine(root, ".data")), "backup")
                : Path.GetFullPath(repo, root),
            DataFolder = Path.GetFullPath(c["ZHICHAN_DATA"] ?? Path.Combine(root, "..", "shared", "data")),
            LoadDemo = c["ZHICHAN_DEMO"] != "0",
            ImportDemoRecords = c["ZHICHAN_DEMO_RECORDS"] != "0",
            DemoPassword = c["ZHICHAN_DEMO_PASSWORD"] is { Length: >= 8 } pw ? pw : "Zhichan@2026",
            SearchExactUpTo = Int(c, "ZHICHAN_SEARCH_EXACT_UP_TO", 10_000, min: 1),
            SearchFacetRows = Int(c, "ZHICHAN_SEARCH_FACET_ROWS", 2_000, min: 1),
            SearchRankCandidates = Int(c, "ZHICHAN_SEARCH_RANK_CANDIDATES", 2_000, min: 1),
            SearchCacheEntries = Int(c, "ZHICHAN_SEARCH_CACHE_ENTRIES", 2_000, min: 0),
            PublicRatePerMinute = Int(c, "ZHICHAN_PUBLIC_RATE", 60, min: 1),
            LoginRatePerMinute = Int(c, "ZHICHAN_LOGIN_RATE", 30, min: 1),
            ComplaintRatePer10Minutes = Int(c, "ZHICHAN_COMPLAINT_RATE", 20, min: 1),
            ObjectionRatePer10Minutes = Int(c, "ZHICHAN_OBJECTION_RATE", 10, min: 1),
            ProtectionSweepMinutes = Int(c, "ZHICHAN_PROTECTION_SWEEP_MINUTES", 60, min: 0),
            NotificationRetentionDays = Int(c, "ZHICHAN_NOTIFICATION_RETENTION_DAYS", 180, min: 1),
            JobRetentionDays = Int(c, "ZHICHAN_JOB_RETENTION_DAYS", 30, min: 1),
            RetentionIntervalMinutes = Int(c, "ZHICHAN_RETENTION_INTERVAL_MINUTES", 1440, min: 0),
            CustodyCheckMinutes = Int(c, "ZHICHAN_CUSTODY_CHECK_MINUTES", 1440, min: 0),
            WatchEvaluationMinutes = Int(c, "ZHICHAN_WATCH_EVALUATION_MINUTES", 1440, min: 0),
            AppraisalCheckMinutes = Int(c, "ZHICHAN_APPRAISAL_CHECK_MINUTES", 1440, min: 0),
            AppraisalDueSoonDays = Int(c, "ZHICHAN_APPRAISAL_DUE_SOON_DAYS", 2, min: 0),
            ScreeningMinFilings = Int(c, "ZHICHAN_SCREENING_MIN_FILINGS", 5, min: 2),
            ScreeningDays = Int(c, "ZHICHAN_SCREENING_DAYS", 30, min: 1),
            ScreeningSimilarityPct = Int(c, "ZHICHAN_SCREENING_SIMILARITY", 80, min: 1),
            BriefingCheckMinutes = Int(c, "ZHICHAN_BRIEFING_CHECK_MINUTES", 60, min: 0),
            JobLeaseSeconds = Int(c, "ZHICHAN_JOB_LEASE_SECONDS", 120, min: 3),
            SchedulerTickSeconds = Int(c, "ZHICHAN_SCHEDULER_TICK_SECONDS", 30, min: 1),
            TrustedProxies = (c["ZHICHAN_TRUSTED_PROXIES"] ?? "").Split([',', ' ', ';'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries),
            ChromiumPath = c["ZHICHAN_CHROMIUM"] is { Length: > 0 } chromium ? chromium : "/usr/bin/chromium",
            ChartFontPath = c["ZHICHAN_CHART_FONT"] is { Length: > 0 } chartFont ? chartFont : "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc",
            ChromiumTimeoutSeconds = Int(c, "ZHICHAN_CHROMIUM_TIMEOUT", 60, min: 1),
            SessionIdleMinutes = Int(c, "ZHICHAN_SESSION_IDLE_MINUTES", 30, min: 1),
            SessionAbsoluteHours = Int(c, "ZHICHAN_SESSION_ABSOLUTE_HOURS", 12, min: 1),
            StaffTotpRequired = string.Equals(c["ZHICHAN_STAFF_TOTP"], "required", StringComparison.OrdinalIgnoreCase),
            UserSearchRatePerMinute = Int(c, "ZHICHAN_USER_SEARCH_RATE", 120, min: 1),
            UserExportRatePerMinute = Int(c, "ZHICHAN_USER_EXPORT_RATE", 10, min: 1),
            UserWriteRatePerMinute = Int(c, "ZHICHAN_USER_WRITE_RATE", 120, min: 1),
            HeavyConcurrency = Int(c, "ZHICHAN_HEAVY_CONCURRENCY", DefaultHeavyConcurrency, min: 1),
            HeavyQueue = Int(c, "ZHICHAN_HEAVY_QUEUE", 2 * DefaultHeavyConcurrency, min: 0),
            HeavyWaitMilliseconds = Int(c, "ZHICHAN_HEAVY_WAIT_MS", 500, min: 0),
            MaxConcurrentRequests = Int(c, "ZHICHAN_MAX_CONCURRENT_REQUESTS", DefaultMaxConcurrentRequests, min: 1),
            RequestDeadlineMilliseconds = Int(c, "ZHICHAN_REQUEST_DEADLINE_MS", 4000, min: 0),
            PublicExportRatePerHour = Int(c, "ZHICHAN_PUBLIC_EXPORT_RATE", 10, min: 1),
            LogFormat = string.Equals(c["ZHICHAN_LOG_FORMAT"], "json", StringComparison.OrdinalIgnoreCase) ? "json" : "text",
            MetricsToken = c["ZHICHAN_METRICS_TOKEN"] is { Length: >= 16 } metricsToken ? metricsToken : null,
            OtlpEndpoint = Uri.TryCreate(c["ZHICHAN_OTLP_ENDPOINT"], UriKind.Absolute, out var otlp) ? otlp : null,
            Import = new ImportOptions
            {
                BatchRows = Int(c, "ZHICHAN_IMPORT_BATCH_ROWS", ImportOptions.DefaultBatchRows, min: 1),
                BulkMinRows = Int(c, "ZHICHAN_IMPORT_BULK_MIN_ROWS", ImportOptions.DefaultBulkMinRows, min: 1),
                ZipMaxEntries = Int(c, "ZHICHAN_IMPORT_ZIP_MAX_ENTRIES", ImportOptions.DefaultZipMaxEntries, min: 1),
                ZipMaxMegabytes = Int(c, "ZHICHAN_IMPORT_ZIP_MAX_MB", ImportOptions.DefaultZipMaxMegabytes, min: 1),
                ZipMaxRatio = Int(c, "ZHICHAN_IMPORT_ZIP_MAX_RATIO", ImportOptions.DefaultZipMaxRatio, min: 2),
            },
            Mail = new MailOptions
            {
                Host = c["ZHICHAN_SMTP_HOST"] is { Length: > 0 } host ? host : null,
                Port = Int(c, "ZHICHAN_SMTP_PORT", 25, min: 1),
                Security = c["ZHICHAN_SMTP_SECURITY"] is { Length: > 0 } sec ? sec.ToLowerInvariant() : "auto",
                User = c["ZHICHAN_SMTP_USER"] is { Length: > 0 } user ? user : null,
                Password = c["ZHICHAN_SMTP_PASSWORD"] is { Length: > 0 } pass ? pass : null,
                From = c["ZHICHAN_MAIL_FROM"] is { Length: > 0 } from ? from : "知产平台 <noreply@localhost>",
                PublicUrl = c["ZHICHAN_PUBLIC_URL"] is { Length: > 0 } url ? url.TrimEnd('/') : null,
                IntervalMinutes = Int(c, "ZHICHAN_MAIL_INTERVAL_MINUTES", 1, min: 0),
                MaxAttempts = Int(c, "ZHICHAN_MAIL_MAX_ATTEMPTS", 6, min: 1),
            },
        };
    }

    /// <summary>An integer setting; a missing, malformed or too small value gives the default.</summary>
    private static int Int(IConfiguration c, string key, int fallback, int min) =>
        int.TryParse(c[key], out var v) && v >= min ? v : fallback;

    private static string? FindRepoRoot(string start)
    {
        for (var d = new DirectoryInfo(start); d is not null; d = d.Parent)
            if (File.Exists(Path.Combine(d.FullName, "Zhichan.slnx"))) return d.FullName;
        return null;
    }
}

/// <summary>SMTP settings (ADR 0046): with no <see cref="Host"/> nothing is mailed (the outbox is not filled either).</summary>
public sealed record MailOptions
{
    /// <summary>SMTP server (ZHICHAN_SMTP_HOST); null = e-mail off.</summary>
    public string? Host { get; init; }
    /// <summary>ZHICHAN_SMTP_PORT (25; 587 for submission with STARTTLS, 465 for SSL).</summary>
    public int Port { get; init; } = 25;
    /// <summary>ZHICHAN_SMTP_SECURITY: auto (STARTTLS when offered), none, starttls (required), ssl.</summary>
    public string Security { get; init; } = "auto";
    /// <summary>ZHICHAN_SMTP_USER and ZHICHAN_SMTP_PASSWORD; no authentication when the user is empty.</summary>
    public string? User { get; init; }
    public string? Password { get; init; }
    /// <summary>Sender (ZHICHAN_MAIL_FROM), e.g. <c>知产平台 &lt;noreply@ip.example.gov.cn&gt;</c>.</summary>
    public string From { get; init; } = "知产平台 <noreply@localhost>";
    /// <summary>The platform's address for links in messages (ZHICHAN_PUBLIC_URL, e.g. https://ip.example.gov.cn); null leaves paths only.</summary>
    public string? PublicUrl { get; init; }
    /// <summary>Minutes between send passes of the mail job (ZHICHAN_MAIL_INTERVAL_MINUTES); 0 = only on demand.</summary>
    public int IntervalMinutes { get; init; } = 1;
    /// <summary>Attempts before a message is marked failed (ZHICHAN_MAIL_MAX_ATTEMPTS).</summary>
    public int MaxAttempts { get; init; } = 6;

    public bool Enabled => Host is not null;
}

/// <summary>Batch sizes of the record import (ADR 0010, 0011) and the limits of a ZIP package (ADR 0018).</summary>
public sealed record ImportOptions
{
    public const int DefaultBatchRows = 20_000, DefaultBulkMinRows = 100_000;
    public const int DefaultZipMaxEntries = 10_000, DefaultZipMaxMegabytes = 4_096, DefaultZipMaxRatio = 200;

    /// <summary>Source rows per batch once the first batches have ramped up (ZHICHAN_IMPORT_BATCH_ROWS).</summary>
    public int BatchRows { get; init; } = DefaultBatchRows;
    /// <summary>A file estimated to hold at least this many rows is imported in bulk mode (ZHICHAN_IMPORT_BULK_MIN_ROWS).</summary>
    public long BulkMinRows { get; init; } = DefaultBulkMinRows;
    /// <summary>A ZIP package may hold at most this many files (ZHICHAN_IMPORT_ZIP_MAX_ENTRIES).</summary>
    public int ZipMaxEntries { get; init; } = DefaultZipMaxEntries;
    /// <summary>The files of a ZIP package may unpack to at most this many megabytes together, none above 1,024 (ZHICHAN_IMPORT_ZIP_MAX_MB).</summary>
    public int ZipMaxMegabytes { get; init; } = DefaultZipMaxMegabytes;
    /// <summary>No file of a ZIP package may unpack to more than this many times its packed size (ZHICHAN_IMPORT_ZIP_MAX_RATIO).</summary>
    public int ZipMaxRatio { get; init; } = DefaultZipMaxRatio;
}
