namespace Zhichan.Api.Platform.Jobs;

/// <summary>
/// A job kind to queue every <see cref="Interval"/> (a module registers one as a singleton). A zero or negative interval
/// switches it off (e.g. in tests, which queue the job on demand).
/// </summary>
public sealed record RecurringJob(string Kind, TimeSpan Interval);

/// <summary>
/// Puts recurring jobs on the jobs table. Each kind has a row in <c>job_schedules</c>; every instance looks every
/// ZHICHAN_SCHEDULER_TICK_SECONDS (30 s), and
/// the instance whose UPDATE moves a passed <c>next_run_at</c> on is the one that queues the job, in the same transaction
/// (the row lock makes a second instance's UPDATE see the moved time and do nothing). No job is queued while one of the
/// kind is still queued or running. The job is then claimed like any other (FOR UPDATE SKIP LOCKED) by one runner.
/// A new schedule first runs one interval after it is created, so a fresh database (and a test) is not surprised by it.
/// </summary>
public sealed class RecurringJobScheduler(NpgsqlDataSource db, IEnumerable<RecurringJob> schedules, JobSignal signal, ZhichanOptions options,
    ILogger<RecurringJobScheduler> log) : BackgroundService
{
    private readonly TimeSpan _tick = TimeSpan.FromSeconds(options.SchedulerTickSeconds);

    protected override async Task ExecuteAsync(CancellationToken stop)
    {
        var active = schedules.Where(s => s.Interval > TimeSpan.Zero).GroupBy(s => s.Kind).Select(g => g.First()).ToList();
        if (active.Count == 0) return;
        await Task.Yield();
        while (!stop.IsCancellationRequested)
        {
            foreach (var s in active)
            {
                try
                {
                    if (await QueueIfDueAsync(db, s, stop) is { } id)
                    {
                        log.LogInformation("Recurring job {Kind} queued as job {Id}", s.Kind, id);
                        signal.Poke();
                    }
                }
                catch (OperationCanceledException) when (stop.IsCancellationRequested) { return; }
                catch (Exception e) { log.LogError(e, "Recurring job {Kind} could not be scheduled", s.Kind); }
            }
            try { await Task.Delay(_tick, stop); } catch (OperationCanceledException) { return; }
        }
    }

    /// <summary>Queues the job when its time has come; returns the job id, or null when not due (or already queued/running).</summary>
    public static async Task<long?> QueueIfDueAsync(NpgsqlDataSource db, RecurringJob s, CancellationToken ct)
    {
        var minutes = Math.Max(1, (int)Math.Round(s.Interval.TotalMinutes));
        await using var conn = await db.OpenConnectionAsync(ct);
        await using (var ensure = new NpgsqlCommand("""
            INSERT INTO job_schedules (kind, interval_minutes, next_run_at) VALUES ($1, $2, now() + make_interval(mins => $2))
            ON CONFLICT (kind) DO UPDATE SET interval_minutes = EXCLUDED.interval_minutes WHERE job_schedules.interval_minutes <> EXCLUDED.interval_minutes
            """, conn))
        {
            ensure.Parameters.Add(new() { Value = s.Kind });
            ensure.Parameters.Add(new() { Value = minutes });
            await ensure.ExecuteNonQueryAsync(ct);
        }
        await using var tx = await conn.BeginTransactionAsync(ct);
        await using (var due = new NpgsqlCommand("""
            UPDATE job_schedules SET next_run_at = now() + make_interval(mins => interval_minutes), updated_at = now()
            WHERE kind = $1 AND next_run_at <= now() RETURNING kind
            """, conn, tx))
        {
            due.Parameters.Add(new() { Value = s.Kind });
            if (await due.ExecuteScalarAsync(ct) is null) { await tx.RollbackAsync(ct); return null; }
        }
        await using var insert = new NpgsqlCommand("""
            INSERT INTO jobs (kind, payload) SELECT $1, '{"scheduled": true}'::jsonb
            WHERE NOT EXISTS (SELECT 1 FROM jobs WHERE kind = $1 AND status IN ('queued', 'running'))
            RETURNING id
            """, conn, tx);
        insert.Parameters.Add(new() { Value = s.Kind });
        var id = await insert.ExecuteScalarAsync(ct) as long?;
        if (id is not null)
        {
            await using var last = new NpgsqlCommand("UPDATE job_schedules SET last_job_id = $2 WHERE kind = $1", conn, tx);
            last.Parameters.Add(new() { Value = s.Kind });
            last.Parameters.Add(new() { Value = id.Value });
            await last.ExecuteNonQueryAsync(ct);
        }
        await tx.CommitAsync(ct);
        return id;
    }
}
