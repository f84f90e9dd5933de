using Zhichan.Api.Features.Records.Attribution;
using Zhichan.Api.Platform.Jobs;

namespace Zhichan.Api.Features.Records;

/// <summary>Queues a re-attribution of every stored record with the current region and industry rules (then the indicators recompute).</summary>
public static class ReattributeRecords
{
    public static async Task<Accepted<ReattributionStatus>> HandleAsync(JobQueue jobs, NpgsqlDataSource db, CurrentUser me, CancellationToken ct)
    {
        var id = await jobs.EnqueueAsync(ReattributionJob.JobKind, new { reason = "manual" }, me.Id, ct);
        await AuditLog.WriteAsync(db, me, "enqueue", "jobs", id.ToString(), null, new { kind = ReattributionJob.JobKind }, ct);
        return TypedResults.Accepted("/api/imports/reattribution", await GetReattribution.StatusAsync(db, ct));
    }
}

