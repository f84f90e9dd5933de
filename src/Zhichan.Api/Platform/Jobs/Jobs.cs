using System.Diagnostics;
using System.Text.Json;
using Zhichan.Api.Platform.Observability;
using NpgsqlTypes;

namespace Zhichan.Api.Platform.Jobs;

/// <summary>A kind of background work (an import, a recomputation…). One handler per kind.</summary>
public interface IJobHandler
{
    string Kind { get; }
    Task RunAsync(JobContext job, CancellationToken ct);
}

/// <summary>What a handler sees of its job: the payload, and a way to report progress (which also renews the claim).</summary>
public sealed class JobContext(NpgsqlDataSource db, long id, JsonElement payload, int attempt, long? createdBy, string instance, TimeSpan lease)
{
    public long Id { get; } = id;
    public JsonElement Payload { get; } = payload;
    public int Attempt { get; } = attempt;
    public long? CreatedBy { get; } = createdBy;

    public async Task ReportAsync(long progress, long? total, string? message, CancellationToken ct = default)
    {
        // only while this runner still holds the claim: a runner that lost it (another instance took the job over) changes nothing
        await using var cmd = db.CreateCommand("""
            UPDATE jobs SET progress = $2, total = COALESCE($3, total), message = COALESCE($4, message),
                   locked_until = now() + make_interval(secs => $6) WHERE id = $1 AND locked_by = $5 AND status = 'running'
            """);
        cmd.Parameters.Add(new() { Value = Id });
        cmd.Parameters.Add(new() { Value = progress });
        cmd.Parameters.Add(new() { Value = (object?)total ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Bigint });
        cmd.Parameters.Add(new() { Value = (object?)message ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
        cmd.Parameters.Add(new() { Value = instance });
        cmd.Parameters.Add(new() { Value = lease.TotalSeconds });
        await cmd.ExecuteNonQueryAsync(ct);
    }
}

/// <summary>
/// Puts work on the jobs table; any app instance's <see cref="JobRunner"/> picks it up. Enqueued on its own connection,
/// the job is visible at once and the local runner is woken; enqueued inside the caller's transaction, it becomes visible
/// at commit, so the caller calls <see cref="Poke"/> after committing (other instances find it by polling either way).
/// </summary>
public sealed class JobQueue(NpgsqlDataSource db, JobSignal signal)
{
    /// <summary>Wakes this instance's runner (after committing a transaction that enqueued a job).</summary>
    public void Poke() => signal.Poke();

    public async Task<long> EnqueueAsync(string kind, object payload, long? createdBy, CancellationToken ct = default, NpgsqlConnection? conn = null, NpgsqlTransaction? tx = null)
    {
        const string sql = "INSERT INTO jobs (kind, payload, created_by) VALUES ($1, $2, $3) RETURNING id";
        await using var cmd = conn is null ? db.CreateCommand(sql) : new NpgsqlCommand(sql, conn, tx);
        cmd.Parameters.Add(new() { Value = kind });
        cmd.Parameters.Add(new() { Value = JsonSerializer.Serialize(payload), NpgsqlDbType = NpgsqlDbType.Jsonb });
        cmd.Parameters.Add(new() { Value = (object?)createdBy ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Bigint });
        var id = (long)(await cmd.ExecuteScalarAsync(ct))!;
        if (tx is null) signal.Poke();
        return id;
    }
}

/// <summary>Wakes the runner when work is enqueued in this instance (other instances find it by polling).</summary>
public sealed class JobSignal
{
    private readonly SemaphoreSlim _s = new(0);
    public void Poke() { if (_s.CurrentCount == 0) _s.Release(); }
    public Task WaitAsync(TimeSpan t, CancellationToken ct) => _s.WaitAsync(t, ct);
}

/// <summary>
/// Claims queued jobs with FOR UPDATE SKIP LOCKED, runs them, and records the outcome. A claim is a lease of
/// ZHICHAN_JOB_LEASE_SECONDS that a heartbeat renews every third of it while the handler runs; a job whose lease expired
/// (its instance was killed, or lost the database for longer than the lease) is claimed again by any instance, up to
/// <see cref="MaxAttempts"/> attempts, and handlers are written to be re-runnable (ADR 0061). A runner whose heartbeat
/// finds the job claimed by another runner stops its handler and records nothing: the job is the other's now.
/// </summary>
public sealed class JobRunner(NpgsqlDataSource db, IEnumerable<IJobHandler> handlers, JobSignal signal, ZhichanOptions options, ZhichanMetrics metrics, ILogger<JobRunner> log) : BackgroundService
{
    private readonly Dictionary<string, IJobHandler> _handlers = handlers.ToDictionary(h => h.Kind);
    private readonly string _instance = $"{Environment.MachineName}:{Environment.ProcessId}:{Guid.NewGuid():N}";
    private readonly TimeSpan _lease = TimeSpan.FromSeconds(options.JobLeaseSeconds);
    public const int MaxAttempts = 3;

    protected override async Task ExecuteAsync(CancellationToken stop)
    {
        metrics.JobKinds = _handlers.Keys;
        await Task.Yield();
        while (!stop.IsCancellationRequested)
        {
            try
            {
                if (await ClaimAsync(stop) is { } job) { await RunAsync(job, stop); continue; }
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested) { return; }
            catch (Exception e) when (Errors.DatabaseUnavailable.Is(e)) { log.LogWarning("Job runner waits: the database is unavailable ({Message})", e.GetBaseException().Message); }
            catch (Exception e) { log.LogError(e, "Job runner loop failed"); }
            try { await signal.WaitAsync(TimeSpan.FromSeconds(2), stop); } catch (OperationCanceledException) { return; }
        }
    }

    private async Task<(long Id, string Kind, JsonElement Payload, int Attempt, long? CreatedBy)?> ClaimAsync(CancellationToken ct)
    {
        await using var cmd = db.CreateCommand("""
            UPDATE jobs SET status = 'running', attempts = attempts + 1, locked_by = $1, locked_until = now() + make_interval(secs => $3),
                   started_at = COALESCE(started_at, now()), message = CASE WHEN status = 'running' THEN '上次执行中断，正在恢复' ELSE message END
            WHERE id = (SELECT id FROM jobs
                        WHERE (status = 'queued' OR (status = 'running' AND locked_until < now())) AND kind = ANY($2)
                        ORDER BY created_at FOR UPDATE SKIP LOCKED LIMIT 1)
            RETURNING id, kind, payload, attempts, created_by
            """);
        cmd.Parameters.Add(new() { Value = _instance });
        cmd.Parameters.Add(new() { Value = _handlers.Keys.ToArray() });
        cmd.Parameters.Add(new() { Value = _lease.TotalSeconds });
        await using var r = await cmd.ExecuteReaderAsync(ct);
        if (!await r.ReadAsync(ct)) return null;
        return (r.GetInt64(0), r.GetString(1), JsonDocument.Parse(r.GetString(2)).RootElement.Clone(), r.GetInt32(3), r.IsDBNull(4) ? null : r.GetInt64(4));
    }

    private async Task RunAsync((long Id, string Kind, JsonElement Payload, int Attempt, long? CreatedBy) job, CancellationToken stop)
    {
        var ctx = new JobContext(db, job.Id, job.Payload, job.Attempt, job.CreatedBy, _instance, _lease);
        // each job is the root of its own trace (no request is waiting on it); its log lines carry that trace id
        Activity.Current = null;
        using var activity = ZhichanMetrics.Source.StartActivity($"job {job.Kind}", ActivityKind.Internal);
        activity?.SetTag("zhichan.job.id", job.Id).SetTag("zhichan.job.kind", job.Kind).SetTag("zhichan.job.attempt", job.Attempt);
        var started = Stopwatch.GetTimestamp();
        string status, message;
        if (job.Attempt > MaxAttempts)
        {
            status = "failed"; message = $"已重试 {MaxAttempts} 次仍未完成，任务终止";
        }
        else
        {
            var retryLater = false;
            using var lost = CancellationTokenSource.CreateLinkedTokenSource(stop);
            using var beating = new CancellationTokenSource();
            var heartbeat = HeartbeatAsync(job.Id, lost, beating.Token);
            try
            {
                log.LogInformation("Job {Id} ({Kind}) started, attempt {Attempt}", job.Id, job.Kind, job.Attempt);
                await _handlers[job.Kind].RunAsync(ctx, lost.Token);
                status = "succeeded"; message = "";
            }
            catch (OperationCanceledException) when (lost.IsCancellationRequested)
            {
                // stopping (the claim is released below and another instance, or the next start, resumes the job) or the claim was lost
                status = message = "";
            }
            catch (JobFailedException e)
            {
                status = "failed"; message = e.Message;
            }
            catch (Exception e) when (Errors.DatabaseUnavailable.Is(e) && !lost.IsCancellationRequested)
            {
                // the database restarting or read-only: the job is resumed once it is back (ADR 0063), not failed
                log.LogWarning("Job {Id} ({Kind}) interrupted, the database is unavailable: {Message}", job.Id, job.Kind, e.GetBaseException().Message);
                status = message = "";
                retryLater = true;
            }
            catch (Exception e)
            {
                status = message = "";
                if (!lost.IsCancellationRequested) // else cancelled inside a driver call that wrapped the cancellation
                {
                    log.LogError(e, "Job {Id} ({Kind}) failed", job.Id, job.Kind);
                    status = "failed"; message = "任务执行出错：" + e.Message;
                }
            }
            finally
            {
                await beating.CancelAsync();
                await heartbeat;
            }
            if (status.Length == 0)
            {
                if (retryLater) await RetryLaterAsync(job.Id, stop);
                else if (stop.IsCancellationRequested) await ReleaseAsync(job.Id);
                return;
            }
        }
        await using var cmd = db.CreateCommand("""
            UPDATE jobs SET status = $2, message = CASE WHEN $3 = '' THEN message ELSE $3 END, finished_at = now(), locked_until = NULL
            WHERE id = $1 AND locked_by = $4
            """);
        cmd.Parameters.Add(new() { Value = job.Id });
        cmd.Parameters.Add(new() { Value = status });
        cmd.Parameters.Add(new() { Value = message });
        cmd.Parameters.Add(new() { Value = _instance });
        var recorded = await cmd.ExecuteNonQueryAsync(CancellationToken.None) == 1;
        if (recorded) metrics.JobEnded(job.Kind, status, Stopwatch.GetElapsedTime(started));
        activity?.SetTag("zhichan.job.status", status);
        if (status == "failed") activity?.SetStatus(ActivityStatusCode.Error, message);
        log.LogInformation("Job {Id} ({Kind}) {Status}{Note}", job.Id, job.Kind, status, recorded ? "" : " (not recorded: another runner holds the job)");
    }

    /// <summary>
    /// A stopping instance gives its job back at once (instead of after the lease) so that another instance resumes it; a run
    /// ended by a shutdown does not count as one of the job's attempts.
    /// </summary>
    private async Task ReleaseAsync(long id)
    {
        try
        {
            await using var cmd = db.CreateCommand("UPDATE jobs SET locked_until = now(), attempts = attempts - 1 WHERE id = $1 AND locked_by = $2 AND status = 'running'");
            cmd.Parameters.Add(new() { Value = id });
            cmd.Parameters.Add(new() { Value = _instance });
            cmd.CommandTimeout = 5;
            await cmd.ExecuteNonQueryAsync(CancellationToken.None);
            log.LogInformation("Job {Id} released on shutdown; another instance (or the next start) resumes it", id);
        }
        catch (Exception e) { log.LogWarning(e, "Job {Id} could not be released on shutdown; it is resumed once its lease expires", id); }
    }

    /// <summary>Seconds a job interrupted by an unavailable database waits before any instance resumes it.</summary>
    public const int RetryDelaySeconds = 10;

    /// <summary>
    /// A job interrupted by an unavailable database is resumed after <see cref="RetryDelaySeconds"/> by any instance, without
    /// counting the run as an attempt (an outage says nothing about the job). While the database is still unavailable (or
    /// read-only) that note cannot be written: it is retried every second for as long as the lease lasts, so the job is
    /// resumed seconds after the database is back rather than after the lease; the lease's expiry covers a longer outage.
    /// </summary>
    private async Task RetryLaterAsync(long id, CancellationToken stop)
    {
        var until = DateTime.UtcNow + _lease;
        while (true)
        {
            try
            {
                await using var cmd = db.CreateCommand("""
                    UPDATE jobs SET locked_until = now() + make_interval(secs => $3), attempts = attempts - 1, message = '数据库暂时不可用，稍后自动继续'
                    WHERE id = $1 AND locked_by = $2 AND status = 'running'
                    """);
                cmd.Parameters.Add(new() { Value = id });
                cmd.Parameters.Add(new() { Value = _instance });
                cmd.Parameters.Add(new() { Value = (double)RetryDelaySeconds });
                cmd.CommandTimeout = 5;
                await cmd.ExecuteNonQueryAsync(CancellationToken.None);
                return;
            }
            catch (Exception e) when (DateTime.UtcNow < until && !stop.IsCancellationRequested)
            {
                log.LogDebug("Job {Id}: the database is still unavailable ({Message})", id, e.GetBaseException().Message);
            }
            catch (Exception e)
            {
                log.LogInformation("Job {Id}: the database is still unavailable ({Message}); resumed once its lease expires", id, e.GetBaseException().Message);
                return;
            }
            try { await Task.Delay(TimeSpan.FromSeconds(1), stop); } catch (OperationCanceledException) { return; }
        }
    }

    /// <summary>
    /// Renews the claim every third of the lease while the handler runs. When the row no longer names this runner (the
    /// lease expired, e.g. after a long pause, and another instance claimed the job) the handler is cancelled. A failed
    /// renewal (the database away for a moment) is retried at the next beat; the lease covers two missed beats.
    /// </summary>
    private async Task HeartbeatAsync(long id, CancellationTokenSource lost, CancellationToken done)
    {
        var beat = _lease / 3;
        while (!done.IsCancellationRequested && !lost.IsCancellationRequested)
        {
            try { await Task.Delay(beat, done); } catch (OperationCanceledException) { return; }
            try
            {
                await using var cmd = db.CreateCommand("""
                    UPDATE jobs SET locked_until = now() + make_interval(secs => $3) WHERE id = $1 AND locked_by = $2 AND status = 'running'
                    """);
                cmd.Parameters.Add(new() { Value = id });
                cmd.Parameters.Add(new() { Value = _instance });
                cmd.Parameters.Add(new() { Value = _lease.TotalSeconds });
                if (await cmd.ExecuteNonQueryAsync(done) == 0)
                {
                    log.LogWarning("Job {Id}: the claim passed to another runner; this run stops", id);
                    await lost.CancelAsync();
                    return;
                }
            }
            catch (OperationCanceledException) when (done.IsCancellationRequested) { return; }
            catch (Exception e) { log.LogWarning(e, "Job {Id}: renewing the claim failed; retried at the next beat", id); }
        }
    }
}

/// <summary>A job that cannot succeed (bad file, missing data): fails with a message for the user, without retry.</summary>
public sealed class JobFailedException(string message) : Exception(message);
