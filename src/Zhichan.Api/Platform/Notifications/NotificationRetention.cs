using NpgsqlTypes;
using Zhichan.Api.Platform.Jobs;

namespace Zhichan.Api.Platform.Notifications;

/// <summary>What one clean-up run removed.</summary>
public sealed record RetentionResult(int Notifications, int Jobs);

/// <summary>
/// The daily clean-up (ADR 0211), a recurring job of the jobs table: deletes notifications that were read and are older than
/// <c>ZHICHAN_NOTIFICATION_RETENTION_DAYS</c> (default 180; a unit notification counts as read once a member of the unit read it),
/// and finished runs (succeeded, failed, cancelled) of the recurring jobs — the periodic checks, this clean-up itself — that
/// finished more than <c>ZHICHAN_JOB_RETENTION_DAYS</c> ago (default 30). Unread notifications and other jobs (imports,
/// recomputations …) are kept. One transaction; each run writes one audit row per table it deleted from, with the count.
/// </summary>
public sealed class NotificationRetentionJob(NpgsqlDataSource db, IEnumerable<RecurringJob> recurring, ZhichanOptions options) : IJobHandler
{
    public const string JobKind = "platform.retention";
    public string Kind => JobKind;

    public int NotificationDays => options.NotificationRetentionDays;
    public int JobDays => options.JobRetentionDays;

    public async Task RunAsync(JobContext job, CancellationToken ct)
    {
        var r = await PurgeAsync(ct);
        await job.ReportAsync(1, 1, $"删除已读通知 {r.Notifications} 条（{NotificationDays} 天前），已完成的定期任务记录 {r.Jobs} 条（{JobDays} 天前）", ct);
    }

    public async Task<RetentionResult> PurgeAsync(CancellationToken ct)
    {
        var kinds = recurring.Select(s => s.Kind).Distinct().ToArray();
        await using var conn = await db.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        int notifications, jobs;
        await using (var cmd = new NpgsqlCommand("""
            DELETE FROM notifications n
            WHERE n.created_at < now() - make_interval(days => $1)
              AND EXISTS (SELECT 1 FROM notification_reads r WHERE r.notification_id = n.id)
            """, conn, tx))
        {
            cmd.Parameters.Add(new() { Value = NotificationDays });
            notifications = await cmd.ExecuteNonQueryAsync(ct);
        }
        // the kinds registered in this instance, and any other kind on the schedule table (another instance's, or a retired one)
        await using (var cmd = new NpgsqlCommand("""
            DELETE FROM jobs
            WHERE status IN ('succeeded', 'failed', 'cancelled') AND finished_at < now() - make_interval(days => $1)
              AND (kind = ANY($2) OR kind IN (SELECT kind FROM job_schedules))
            """, conn, tx))
        {
            cmd.Parameters.Add(new() { Value = JobDays });
            cmd.Parameters.Add(new() { Value = kinds, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });
            jobs = await cmd.ExecuteNonQueryAsync(ct);
        }
        if (notifications > 0)
            await AuditLog.WriteAsync(conn, tx, CurrentUser.System, "purge", "notifications", null, null,
                new { deleted = notifications, rule = $"已读且早于 {NotificationDays} 天" }, ct);
        if (jobs > 0)
            await AuditLog.WriteAsync(conn, tx, CurrentUser.System, "purge", "jobs", null, null,
                new { deleted = jobs, rule = $"定期任务，已完成且早于 {JobDays} 天", kinds }, ct);
        await tx.CommitAsync(ct);
        return new RetentionResult(notifications, jobs);
    }
}
