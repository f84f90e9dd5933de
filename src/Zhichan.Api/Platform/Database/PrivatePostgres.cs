using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;

namespace Zhichan.Api.Platform.Database;

/// <summary>
/// A private PostgreSQL cluster started from the machine's binaries under a project data folder, on loopback.
/// Used when no connection string is configured (development, demo, tests). As root, the server runs as an
/// unprivileged OS user ('postgres' when it exists, else a 'zhichan' system user created for it).
/// </summary>
public sealed class PrivatePostgres
{
    private readonly string _dataDir;
    private readonly int _port;
    private readonly ILogger _log;
    private readonly string _binDir;
    private readonly string? _runAsUser;
    private readonly string _passwordFile;
    private readonly string _sharedBuffers;
    private readonly bool _durable;
    private readonly string? _backupRepo;
    private readonly string _stateDir;
    private readonly bool _hugePages;

    public const string SuperUser = "zhichan";

    /// <summary>The server's max_connections (also an input of its shared memory size).</summary>
    private const int MaxConnections = 200;

    /// <summary>The smallest buffer pool for which huge pages are reserved: below it the page faults cost little (ADR 0073).</summary>
    public const long HugePagesMinPoolMb = 1024;

    /// <param name="searchPath">Folders to look for initdb/pg_ctl in (the app passes ZHICHAN_PG_BIN); by default /usr/lib/postgresql/*/bin, then PATH.</param>
    /// <param name="sharedBuffers">The server's shared_buffers (ZHICHAN_PG_SHARED_BUFFERS, e.g. 2GB); by default <see cref="DefaultSharedBuffers"/>.</param>
    /// <param name="durable">False only for throw-away clusters (the test suite's): the server then runs with fsync and full-page
    /// writes off, so a crash may lose the cluster, which the tests rebuild anyway (ADR 0049).</param>
    /// <param name="backupRepo">The pgBackRest repository folder (ZHICHAN_BACKUP_REPO); when set the server archives its WAL there
    /// (archive_command = pgbackrest archive-push) so that <c>./zhichan.sh backup</c> and <c>restore</c> work (ADR 0064).</param>
    /// <param name="hugePages">Whether, as root, to reserve huge pages for a durable cluster's buffer pool of at least
    /// <see cref="HugePagesMinPoolMb"/> before starting it (ZHICHAN_PG_HUGE_PAGES, on by default; ADR 0073).</param>
    public PrivatePostgres(string stateDir, int port, ILogger log, IReadOnlyList<string>? searchPath = null, string? sharedBuffers = null, bool durable = true,
        string? backupRepo = null, bool hugePages = true)
    {
        _durable = durable;
        _hugePages = hugePages;
        _stateDir = Path.GetFullPath(stateDir);
        _backupRepo = backupRepo is null ? null : Path.GetFullPath(backupRepo);
        _sharedBuffers = string.IsNullOrWhiteSpace(sharedBuffers) ? DefaultSharedBuffers() : sharedBuffers.Trim();
        if (!System.Text.RegularExpressions.Regex.IsMatch(_sharedBuffers, "^[1-9][0-9]{0,8}(kB|MB|GB)$"))
            throw new StartupException($"ZHICHAN_PG_SHARED_BUFFERS=\"{sharedBuffers}\" is not a memory size PostgreSQL accepts: write a whole number with kB, MB or GB, e.g. 2GB or 512MB.");
        _dataDir = Path.Combine(stateDir, "pg");
        _passwordFile = Path.Combine(stateDir, "pg-password");
        _port = port;
        _log = log;
        _binDir = FindBinaries(searchPath);
        _runAsUser = Environment.UserName == "root" || Geteuid() == 0 ? EnsureServiceUser() : null;
        Directory.CreateDirectory(stateDir);
    }

    /// <summary>
    /// A quarter of the memory this process may use (the machine's, or its container's limit), between 256 MB and 8 GB,
    /// the usual sizing of a dedicated server's shared_buffers. A table scanned in full (every index build of a bulk
    /// import, a facet pass) stays in the buffer pool only while it is under a quarter of it — above that PostgreSQL
    /// reads it through a 256 kB ring, a system call per page each time — so with a small pool a records table larger than a
    /// quarter of it is read from the operating system on every index build and every broad query (ADR 0011, appendix).
    /// </summary>
    public static string DefaultSharedBuffers() => DefaultSharedBuffersMb(GC.GetGCMemoryInfo().TotalAvailableMemoryBytes) + "MB";

    /// <summary>The default's rule for <paramref name="memoryBytes"/> of memory, in megabytes.</summary>
    public static long DefaultSharedBuffersMb(long memoryBytes) => Math.Clamp(memoryBytes / 4 >> 20, 256, 8192);

    /// <summary>True when this instance started the server (and so should stop it on shutdown).</summary>
    public bool StartedByUs { get; private set; }

    public int Port => _port;

    /// <summary>The stanza (pgBackRest's name for one cluster in a repository) of the private cluster.</summary>
    public const string BackupStanza = "zhichan";

    /// <summary>pgBackRest's configuration for this cluster, written at each start when backups are on; zhichan.sh reads it.</summary>
    public string BackupConfigFile => Path.Combine(_stateDir, "pgbackrest.conf");

    /// <summary>The folder of the server's Unix socket while backups are on (pgBackRest reaches PostgreSQL only through one).</summary>
    private string SocketDir => Path.Combine(_stateDir, "pg-run");

    /// <summary>Initialises the cluster on first use, starts it (or reuses a running one) and returns a connection string.</summary>
    public async Task<string> StartAsync(string database, CancellationToken ct = default)
    {
        if (!File.Exists(Path.Combine(_dataDir, "PG_VERSION")))
            InitDb();

        var password = (await File.ReadAllTextAsync(_passwordFile, ct)).Trim();
        // a cluster restored by pgBackRest replays WAL up to its target and is then promoted: wait for that before migrating
        var recovering = File.Exists(Path.Combine(_dataDir, "recovery.signal"));
        if (!IsRunning())
        {
            var backupOpts = _backupRepo is null ? "-c unix_socket_directories='' " : PrepareBackups();
            RemoveStaleLock();
            EnsurePortFree();
            ReserveHugePages();
            var logFile = Path.Combine(_dataDir, "server.log");
            var opts = $"-c listen_addresses=127.0.0.1 -p {_port} {backupOpts}-c max_connections={MaxConnections} " +
                       $"-c jit=off -c shared_buffers={_sharedBuffers} -c work_mem=32MB -c maintenance_work_mem=512MB -c synchronous_commit=off " +
                       (_durable ? "-c fsync=on " : "-c fsync=off -c full_page_writes=off ") +
                       "-c max_wal_size=4GB -c checkpoint_timeout=15min";
            var (code, output) = Run(Path.Combine(_binDir, "pg_ctl"), ["-D", _dataDir, "-l", logFile, "-w", "-t", "60", "-o", opts, "start"]);
            if (code != 0)
            {
                GiveBackHugePages();
                var tail = File.Exists(logFile) ? string.Join('\n', File.ReadLines(logFile).TakeLast(15)) : "";
                throw new StartupException($"PostgreSQL did not start (pg_ctl exit {code}) from {_dataDir} on port {_port}.\n{output}\n{tail}");
            }
            StartedByUs = true;
            _log.LogInformation("Started private PostgreSQL on 127.0.0.1:{Port} (shared_buffers {SharedBuffers}), data in {Dir}", _port, _sharedBuffers, _dataDir);
        }
        else
        {
            _log.LogInformation("Reusing the private PostgreSQL already running on 127.0.0.1:{Port} ({Dir})", _port, _dataDir);
        }

        var admin = new NpgsqlConnectionStringBuilder
        {
            Host = "127.0.0.1", Port = _port, Username = SuperUser, Password = password, Database = "postgres",
            Timeout = 30, Pooling = false,
        };
        await WaitForConnectionsAsync(admin.ConnectionString, ct);
        if (recovering) await WaitForPromotionAsync(admin.ConnectionString, ct);
        if (_backupRepo is not null) CreateStanza(password);
        await using (var conn = new NpgsqlConnection(admin.ConnectionString))
        {
            await conn.OpenAsync(ct);
            await using var check = new NpgsqlCommand("SELECT 1 FROM pg_database WHERE datname = $1", conn) { Parameters = { new() { Value = database } } };
            if (await check.ExecuteScalarAsync(ct) is null)
            {
                await using var create = new NpgsqlCommand($"CREATE DATABASE \"{database}\" ENCODING 'UTF8' TEMPLATE template0", conn);
                await create.ExecuteNonQueryAsync(ct);
            }
        }
        admin.Database = database;
        admin.Pooling = true;
        admin.MaxPoolSize = 50;
        return admin.ConnectionString;
    }

    /// <summary>
    /// A streaming standby of this (running) cluster under <paramref name="stateDir"/> on <paramref name="port"/>: copied with
    /// <c>pg_basebackup -R</c> (which writes standby.signal and the primary's connection), not yet started — call
    /// <see cref="StartAsync"/> on the result. For trying read replicas on one machine and for the replica test (ADR 0069);
    /// a production standby is set up the same way on its own machine.
    /// </summary>
    public PrivatePostgres CreateStandby(string stateDir, int port, string? sharedBuffers = null)
    {
        var standby = new PrivatePostgres(stateDir, port, _log, [_binDir], sharedBuffers ?? _sharedBuffers, _durable);
        if (File.Exists(Path.Combine(standby._dataDir, "PG_VERSION"))) return standby;
        var password = File.ReadAllText(_passwordFile).Trim();
        File.WriteAllText(standby._passwordFile, password);
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(standby._passwordFile, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        Directory.CreateDirectory(standby._dataDir);
        if (_runAsUser is not null) Run("chown", ["-R", _runAsUser, standby._dataDir]);
        File.SetUnixFileMode(standby._dataDir, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        var conninfo = $"host=127.0.0.1 port={_port} user={SuperUser} password={password} application_name=standby_{port}";
        var (code, output) = Run(Path.Combine(_binDir, "pg_basebackup"), ["-D", standby._dataDir, "-R", "-X", "stream", "-c", "fast", "--no-sync", "-d", conninfo]);
        if (code != 0) throw new StartupException($"pg_basebackup of 127.0.0.1:{_port} into {standby._dataDir} failed (exit {code}):\n{output}");
        _log.LogInformation("Copied a standby of 127.0.0.1:{Port} into {Dir}", _port, standby._dataDir);
        return standby;
    }

    public void Stop()
    {
        if (!IsRunning()) return;
        Run(Path.Combine(_binDir, "pg_ctl"), ["-D", _dataDir, "-m", "fast", "-w", "stop"]);
        _log.LogInformation("Stopped private PostgreSQL ({Dir})", _dataDir);
        GiveBackHugePages();
    }

    /// <summary>Huge pages this instance added to the kernel's pool for its running server (0 when none); <see cref="Stop"/> gives them back.</summary>
    public long ReservedHugePages { get; private set; }

    /// <summary>What the last start did about huge pages (<see cref="ReserveHugePages"/>).</summary>
    public HugePagesOutcome HugePagesAtStart { get; private set; } = HugePagesOutcome.NotAttempted;

    /// <summary>
    /// Before the server starts: as root, for a durable cluster with a buffer pool of at least <see cref="HugePagesMinPoolMb"/>,
    /// makes sure the kernel's huge-page pool has the pages the server's shared memory needs free — PostgreSQL's own figure
    /// (<c>postgres -C shared_memory_size_in_huge_pages</c> with the same settings) — by adding the shortfall, so that the
    /// server (<c>huge_pages=try</c>) maps its buffer pool in 2 MB pages instead of faulting it in 4 kB at a time in every
    /// process (ADR 0073). When the kernel cannot supply them all, the pages added are given back at once and the server
    /// uses ordinary pages, as it would without this step. Test clusters (not durable) and small pools are left alone.
    /// </summary>
    private void ReserveHugePages()
    {
        if (!_hugePages || !_durable || _runAsUser is null || PoolMb(_sharedBuffers) < HugePagesMinPoolMb) return;
        var (code, output) = Run(Path.Combine(_binDir, "postgres"),
            ["-D", _dataDir, "-C", "shared_memory_size_in_huge_pages", "-c", $"shared_buffers={_sharedBuffers}", "-c", $"max_connections={MaxConnections}"]);
        if (code != 0 || !long.TryParse(output.Trim(), out var needed) || needed <= 0)
        {
            HugePagesAtStart = HugePagesOutcome.SizeUnknown;
            _log.LogWarning("Could not read the huge pages the server needs (postgres -C exit {Code}: {Output}); it maps its buffer pool in ordinary pages", code, output.Trim());
            return;
        }
        var (total, free, reserved) = HugePages.Read();
        var shortfall = HugePages.Shortfall(free, reserved, needed);
        if (shortfall == 0)
        {
            HugePagesAtStart = HugePagesOutcome.AlreadyFree;
            _log.LogInformation("The server's shared memory takes {Needed} of the {Free} free huge pages", needed, free - reserved);
            return;
        }
        var reached = HugePages.Resize(total + shortfall, _log);
        if (reached is null)
        {
            HugePagesAtStart = HugePagesOutcome.NotWritable;
            _log.LogWarning("Could not reserve {Pages} huge pages (vm.nr_hugepages is not writable here); the buffer pool is mapped in ordinary pages", shortfall);
            return;
        }
        ReservedHugePages = reached.Value - total;
        if (ReservedHugePages < shortfall)
        {
            HugePagesAtStart = HugePagesOutcome.KernelShort;
            _log.LogWarning("The kernel found memory for only {Got} of {Pages} more huge pages; they are given back and the buffer pool is mapped in ordinary pages",
                ReservedHugePages, shortfall);
            GiveBackHugePages();
            return;
        }
        HugePagesAtStart = HugePagesOutcome.Reserved;
        _log.LogInformation("Reserved {Pages} huge pages (vm.nr_hugepages {From} → {To}) for the server's {Needed}-page shared memory", shortfall, total, reached, needed);
    }

    /// <summary>Returns the huge pages this instance added to the kernel's pool (after its server stopped, or failed to start).</summary>
    private void GiveBackHugePages()
    {
        if (ReservedHugePages <= 0) return;
        var (total, _, _) = HugePages.Read();
        HugePages.Resize(Math.Max(0, total - ReservedHugePages));
        _log.LogInformation("Gave back {Pages} huge pages", ReservedHugePages);
        ReservedHugePages = 0;
    }

    /// <summary>A shared_buffers value (validated by the constructor: a whole number of kB, MB or GB) in megabytes.</summary>
    public static long PoolMb(string sharedBuffers)
    {
        var unit = sharedBuffers[^2..];
        var n = long.Parse(sharedBuffers[..^2], System.Globalization.CultureInfo.InvariantCulture);
        return unit switch { "GB" => n * 1024, "MB" => n, _ => n / 1024 };
    }

    /// <summary>
    /// Writes pgBackRest's configuration for this cluster and returns the server options that archive every finished WAL
    /// segment into the repository (ADR 0064). The configuration is rewritten at every start, so a changed port or
    /// repository takes effect with the next start.
    /// </summary>
    private string PrepareBackups()
    {
        if (!(Environment.GetEnvironmentVariable("PATH") ?? "").Split(':').Any(d => File.Exists(Path.Combine(d, "pgbackrest"))))
            throw new StartupException("ZHICHAN_BACKUP_REPO is set but pgBackRest is not installed. Install it with:\n    sudo apt-get install -y pgbackrest\n" +
                                       "(./zhichan.sh backup installs it when run as root), or unset ZHICHAN_BACKUP_REPO.");
        foreach (var c in new[] { _stateDir, _backupRepo!, _dataDir })
            if (c.Any(ch => char.IsWhiteSpace(ch) || ch is '\'' or '"' or '\\'))
                throw new StartupException($"The folder \"{c}\" contains a space or a quote; pgBackRest's archive command cannot take it. Choose another ZHICHAN_STATE_DIR / ZHICHAN_BACKUP_REPO.");
        var log = Path.Combine(_stateDir, "pgbackrest-log");
        var lockDir = Path.Combine(_stateDir, "pgbackrest-lock");
        foreach (var d in new[] { _backupRepo!, log, lockDir, SocketDir }) Directory.CreateDirectory(d);
        File.WriteAllText(BackupConfigFile, $"""
            # written by Zhichan at each start of the private cluster (ZHICHAN_BACKUP_REPO); ./zhichan.sh backup|restore use it
            [global]
            repo1-path={_backupRepo}
            repo1-retention-full=2
            compress-type=zst
            start-fast=y
            log-path={log}
            lock-path={lockDir}
            log-level-console=info
            log-level-file=info

            [{BackupStanza}]
            pg1-path={_dataDir}
            pg1-port={_port}
            pg1-socket-path={SocketDir}
            pg1-user={SuperUser}

            """);
        if (_runAsUser is not null)
        {
            Run("chown", [_runAsUser, BackupConfigFile]);
            Run("chown", ["-R", $"{_runAsUser}:", _backupRepo!, log, lockDir, SocketDir]);
            for (var d = Directory.GetParent(_backupRepo!); d is not null; d = d.Parent)
            {
                var mode = File.GetUnixFileMode(d.FullName);
                if (!mode.HasFlag(UnixFileMode.OtherExecute)) File.SetUnixFileMode(d.FullName, mode | UnixFileMode.OtherExecute);
            }
        }
        // only the server's own OS user (and root) may reach the socket
        File.SetUnixFileMode(SocketDir, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        return $"-c unix_socket_directories='{SocketDir}' -c wal_level=replica -c archive_mode=on " +
               $"-c archive_command='pgbackrest --config={BackupConfigFile} --stanza={BackupStanza} archive-push %p' ";
    }

    /// <summary>
    /// Creates the stanza in the repository (idempotent: pgBackRest checks an existing one against the cluster), so that
    /// archive-push succeeds from the first WAL segment on — before it exists every segment waits in pg_wal.
    /// </summary>
    private void CreateStanza(string password)
    {
        var psi = new ProcessStartInfo { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        if (_runAsUser is not null)
        {
            psi.FileName = "runuser";
            foreach (var a in new[] { "-u", _runAsUser, "--", "pgbackrest" }) psi.ArgumentList.Add(a);
        }
        else psi.FileName = "pgbackrest";
        foreach (var a in new[] { $"--config={BackupConfigFile}", $"--stanza={BackupStanza}", "--log-level-console=warn", "stanza-create" }) psi.ArgumentList.Add(a);
        psi.Environment["PGPASSWORD"] = password;
        using var p = Process.Start(psi) ?? throw new StartupException("Could not run pgbackrest");
        var output = p.StandardOutput.ReadToEndAsync();
        var error = p.StandardError.ReadToEndAsync();
        if (!p.WaitForExit(120_000)) { p.Kill(true); throw new StartupException("pgbackrest stanza-create did not finish within 2 minutes"); }
        if (p.ExitCode != 0)
            throw new StartupException($"pgbackrest stanza-create failed (exit {p.ExitCode}) for the repository {_backupRepo}:\n{output.Result}{error.Result}");
        _log.LogInformation("WAL archiving into the pgBackRest repository {Repo} (stanza {Stanza})", _backupRepo, BackupStanza);
    }

    private static async Task WaitForPromotionAsync(string cs, CancellationToken ct)
    {
        var deadline = DateTime.UtcNow.AddMinutes(30);
        while (true)
        {
            await using var c = new NpgsqlConnection(cs);
            await c.OpenAsync(ct);
            await using var cmd = new NpgsqlCommand("SELECT pg_is_in_recovery()", c);
            if (!(bool)(await cmd.ExecuteScalarAsync(ct))!) return;
            if (DateTime.UtcNow > deadline)
                throw new StartupException("The restored PostgreSQL cluster is still replaying WAL after 30 minutes; see .data/pg/server.log.");
            await Task.Delay(200, ct);
        }
    }

    private bool IsRunning() =>
        File.Exists(Path.Combine(_dataDir, "PG_VERSION")) && Run(Path.Combine(_binDir, "pg_ctl"), ["-D", _dataDir, "status"]).Code == 0;

    private void InitDb()
    {
        Directory.CreateDirectory(_dataDir);
        var password = Convert.ToHexString(RandomNumberGenerator.GetBytes(16)).ToLowerInvariant();
        File.WriteAllText(_passwordFile, password);
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(_passwordFile, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        var pwTemp = Path.Combine(Path.GetTempPath(), $"zhichan-pw-{Guid.NewGuid():N}");
        File.WriteAllText(pwTemp, password);
        try
        {
            if (_runAsUser is not null)
            {
                Run("chown", [$"{_runAsUser}", pwTemp]);
                Run("chown", ["-R", $"{_runAsUser}:", _dataDir]); // with its group: pgBackRest maps an unknown group (root) with a warning
                // every ancestor must be traversable by the service user
                for (var d = Directory.GetParent(_dataDir); d is not null; d = d.Parent)
                {
                    var mode = File.GetUnixFileMode(d.FullName);
                    if (!mode.HasFlag(UnixFileMode.OtherExecute)) File.SetUnixFileMode(d.FullName, mode | UnixFileMode.OtherExecute);
                }
            }
            File.SetUnixFileMode(_dataDir, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            var (code, output) = Run(Path.Combine(_binDir, "initdb"),
                ["-D", _dataDir, "-U", SuperUser, "--pwfile", pwTemp, "-A", "scram-sha-256", "-E", "UTF8", "--locale=C.UTF-8", "--no-sync"]);
            if (code != 0) throw new StartupException($"initdb failed for {_dataDir} (exit {code}):\n{output}");
            _log.LogInformation("Initialised a private PostgreSQL cluster in {Dir}", _dataDir);
        }
        finally
        {
            File.Delete(pwTemp);
        }
    }

    private void RemoveStaleLock()
    {
        var pidFile = Path.Combine(_dataDir, "postmaster.pid");
        if (!File.Exists(pidFile)) return;
        var first = File.ReadLines(pidFile).FirstOrDefault();
        if (int.TryParse(first, out var pid))
        {
            var alive = Directory.Exists($"/proc/{pid}");
            var isPostgres = alive && File.Exists($"/proc/{pid}/comm") && File.ReadAllText($"/proc/{pid}/comm").Trim().StartsWith("postgres", StringComparison.Ordinal);
            if (isPostgres)
                throw new StartupException($"A PostgreSQL process (pid {pid}) holds {pidFile} but does not answer. Stop it (kill {pid}) and start again.");
        }
        _log.LogWarning("Removed a stale PostgreSQL lock file {File} left by a process that no longer runs", pidFile);
        File.Delete(pidFile);
    }

    private void EnsurePortFree()
    {
        try
        {
            using var l = new TcpListener(IPAddress.Loopback, _port);
            l.Start();
            l.Stop();
        }
        catch (SocketException)
        {
            throw new StartupException($"Port {_port} on 127.0.0.1 is already in use by another program, so the private PostgreSQL cannot start. " +
                                       $"Free the port or choose another with ZHICHAN_PG_PORT=<port>.");
        }
    }

    private static async Task WaitForConnectionsAsync(string cs, CancellationToken ct)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            try
            {
                await using var c = new NpgsqlConnection(cs);
                await c.OpenAsync(ct);
                return;
            }
            catch (Exception e) when (e is NpgsqlException or SocketException && DateTime.UtcNow < deadline)
            {
                await Task.Delay(250, ct);
            }
        }
    }

    private (int Code, string Output) Run(string file, string[] args)
    {
        var psi = new ProcessStartInfo { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        var isPg = file.StartsWith(_binDir, StringComparison.Ordinal);
        if (isPg && _runAsUser is not null)
        {
            psi.FileName = "runuser";
            psi.ArgumentList.Add("-u");
            psi.ArgumentList.Add(_runAsUser);
            psi.ArgumentList.Add("--");
            psi.ArgumentList.Add(file);
        }
        else psi.FileName = file;
        foreach (var a in args) psi.ArgumentList.Add(a);
        using var p = Process.Start(psi) ?? throw new StartupException($"Could not run {file}");
        // pg_ctl start leaves the server holding inherited pipes: read with a timeout instead of to the end
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        if (!p.WaitForExit(120_000)) { p.Kill(true); return (-1, "timed out"); }
        Task.WaitAll([stdout, stderr], 2000);
        return (p.ExitCode, (stdout.IsCompletedSuccessfully ? stdout.Result : "") + (stderr.IsCompletedSuccessfully ? stderr.Result : ""));
    }

    private static string FindBinaries(IReadOnlyList<string>? searchPath)
    {
        if (searchPath is not null)
            return searchPath.FirstOrDefault(d => File.Exists(Path.Combine(d, "initdb")) && File.Exists(Path.Combine(d, "pg_ctl"))) ?? throw MissingBinaries();
        if (Directory.Exists("/usr/lib/postgresql"))
        {
            var best = Directory.GetDirectories("/usr/lib/postgresql")
                .Select(d => (Dir: Path.Combine(d, "bin"), Version: int.TryParse(Path.GetFileName(d), out var v) ? v : 0))
                .Where(x => x.Version >= 15 && File.Exists(Path.Combine(x.Dir, "initdb")))
                .OrderByDescending(x => x.Version).FirstOrDefault();
            if (best.Dir is not null) return best.Dir;
        }
        foreach (var dir in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries))
            if (File.Exists(Path.Combine(dir, "initdb")) && File.Exists(Path.Combine(dir, "pg_ctl"))) return dir;
        throw MissingBinaries();
    }

    private static StartupException MissingBinaries() =>
        new(
            "PostgreSQL server binaries (initdb, pg_ctl, version 15 or later) were not found. Install them with:\n" +
            "    sudo apt-get install -y postgresql\n" +
            "or run ./zhichan.sh run, which installs them; or set ZHICHAN_DB to the connection string of an existing server.");

    private static string EnsureServiceUser()
    {
        if (File.ReadLines("/etc/passwd").Any(l => l.StartsWith("postgres:", StringComparison.Ordinal))) return "postgres";
        if (!File.ReadLines("/etc/passwd").Any(l => l.StartsWith("zhichan:", StringComparison.Ordinal)))
        {
            using var p = Process.Start("useradd", ["--system", "--no-create-home", "--shell", "/usr/sbin/nologin", "zhichan"]);
            p.WaitForExit();
        }
        return "zhichan";
    }

    [System.Runtime.InteropServices.DllImport("libc", EntryPoint = "geteuid")]
    private static extern uint Geteuid();
}

/// <summary>What a start of the private cluster did about huge pages (ADR 0073).</summary>
public enum HugePagesOutcome
{
    /// <summary>Not tried: turned off, not root, a test cluster, a pool under 1 GB, or the server was already running.</summary>
    NotAttempted,
    /// <summary>PostgreSQL did not tell the size of its shared memory.</summary>
    SizeUnknown,
    /// <summary>Enough free huge pages were there already.</summary>
    AlreadyFree,
    /// <summary>The missing pages were added to the kernel's pool.</summary>
    Reserved,
    /// <summary>The kernel's setting cannot be written here (a container without that right).</summary>
    NotWritable,
    /// <summary>The kernel could not find the memory; what it gave was given back.</summary>
    KernelShort,
}

/// <summary>A start-up problem with one clear message for the operator (no stack trace needed).</summary>
public sealed class StartupException(string message) : Exception(message);
