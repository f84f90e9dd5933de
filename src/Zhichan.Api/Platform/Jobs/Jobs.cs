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
public sealed class JobContext(NpgsqlDataSource db, long id, JsonElement payload, int attempt, long? createdBy)
{
    public long Id { get; } = id;
    public JsonElement Payload { get; } = payload;
    public int Attempt { get; } = attempt;
    public long? CreatedBy { get; } = createdBy;

    public async Task ReportAsync(long progress, long? total, string? message, CancellationToken ct = default)
    {
        await using var cmd = db.CreateCommand("""
            UPDATE jobs SET progress = $2, total = COALESCE($3, total), message = COALESCE($4, message),
                   locked_until = now() + interval '2 minutes' WHERE id = $1
            """);
        cmd.Parameters.Add(new() { Value = Id });
        cmd.Parameters.Add(new() { Value = progress });
        cmd.Parameters.Add(new() { Value = (object?)total ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Bigint });
        cmd.Parameters.Add(new() { Value = (object?)message ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
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
/// Claims queued jobs with FOR UPDATE SKIP LOCKED, runs them, and records the outcome. A job whose claim expired
/// (its instance was killed) is claimed again, up to 3 attempts; handlers are written to be re-runnable.
/// </summary>
public sealed class JobRunner(NpgsqlDataSource db, IEnumerable<IJobHandler> handlers, JobSignal signal, ZhichanMetrics metrics, ILogger<JobRunner> log) : BackgroundService
{
    private readonly Dictionary<string, IJobHandler> _handlers = handlers.ToDictionary(h => h.Kind);
    private readonly string _instance = $"{Environment.MachineName}:{Environment.ProcessId}:{Guid.NewGuid():N}";
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
            catch (Exception e) { log.LogError(e, "Job runner loop failed"); }
            try { await signal.WaitAsync(TimeSpan.FromSeconds(2), stop); } catch (OperationCanceledException) { return; }
        }
    }

    private async Task<(long Id, string Kind, JsonElement Payload, int Attempt, long? CreatedBy)?> ClaimAsync(CancellationToken ct)
    {
        await using var cmd = db.CreateCommand("""
            UPDATE jobs SET status = 'running', attempts = attempts + 1, locked_by = $1, locked_until = now() + interval '2 minutes',
                   started_at = COALESCE(started_at, now()), message = CASE WHEN status = 'running' THEN '上次执行中断，正在恢复' ELSE message END
            WHERE id = (SELECT id FROM jobs
                        WHERE (status = 'queued' OR (status = 'running' AND locked_until < now())) AND kind = ANY($2)
                        ORDER BY created_at FOR UPDATE SKIP LOCKED LIMIT 1)
            RETURNING id, kind, payload, attempts, created_by
            """);
        cmd.Parameters.Add(new() { Value = _instance });
        cmd.Parameters.Add(new() { Value = _handlers.Keys.ToArray() });
        await using var r = await cmd.ExecuteReaderAsync(ct);
        if (!await r.ReadAsync(ct)) return null;
        return (r.GetInt64(0), r.GetString(1), JsonDocument.Parse(r.GetString(2)).RootElement.Clone(), r.GetInt32(3), r.IsDBNull(4) ? null : r.GetInt64(4));
    }

    private async Task RunAsync((long Id, string Kind, JsonElement Payload, int Attempt, long? CreatedBy) job, CancellationToken stop)
    {
        var ctx = new JobContext(db, job.Id, job.Payload, job.Attempt, job.CreatedBy);
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
            try
            {
                log.LogInformation("Job {Id} ({Kind}) started, attempt {Attempt}", job.Id, job.Kind, job.Attempt);
                await _handlers[job.Kind].RunAsync(ctx, stop);
                status = "succeeded"; message = "";
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                return; // the claim expires and another instance (or the next start) resumes it
            }
            catch (JobFailedException e)
            {
                status = "failed"; message = e.Message;
            }
            catch (Exception e)
            {
                log.LogError(e, "Job {Id} ({Kind}) failed", job.Id, job.Kind);
                status = "failed"; message = "任务执行出错：" + e.Message;
            }
        }
        await using var cmd = db.CreateCommand("""
            UPDATE jobs SET status = $2, message = CASE WHEN $3 = '' THEN message ELSE $3 END, finished_at = now(), locked_until = NULL
            WHERE id = $1
            """);
        cmd.Parameters.Add(new() { Value = job.Id });
        cmd.Parameters.Add(new() { Value = status });
        cmd.Parameters.Add(new() { Value = message });
        await cmd.ExecuteNonQueryAsync(CancellationToken.None);
        metrics.JobEnded(job.Kind, status, Stopwatch.GetElapsedTime(started));
        activity?.SetTag("zhichan.job.status", status);
        if (status == "failed") activity?.SetStatus(ActivityStatusCode.Error, message);
        log.LogInformation("Job {Id} ({Kind}) {Status}", job.Id, job.Kind, status);
    }
}

/// <summary>A job that cannot succeed (bad file, missing data): fails with a message for the user, without retry.</summary>
public sealed class JobFailedException(string message) : Exception(message);
