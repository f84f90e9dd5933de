using Zhichan.Api.Platform.Jobs;

namespace Zhichan.Api.Features.Indicators;

/// <summary>Queues a recomputation of every indicator computed from the records.</summary>
public static class RecomputeIndicators
{
    /// <summary>incremental=true: only the years touched by records changed since the last computation.</summary>
    public static async Task<Accepted<JobStartedDto>> HandleAsync(bool? incremental, JobQueue jobs, NpgsqlDataSource db, CurrentUser me, CancellationToken ct)
    {
        var jobId = await jobs.EnqueueAsync(RecomputeIndicatorsJob.JobKind, new { reason = "manual", incremental = incremental == true }, me.Id, ct);
        await AuditLog.WriteAsync(db, me, "enqueue", "jobs", jobId.ToString(), null, new { kind = RecomputeIndicatorsJob.JobKind }, ct);
        return TypedResults.Accepted("/api/indicators/computations", new JobStartedDto(jobId, "已开始重新计算，可在计算记录中查看进度"));
    }
}
