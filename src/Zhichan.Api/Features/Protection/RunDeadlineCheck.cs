using Zhichan.Api.Platform.Jobs;

namespace Zhichan.Api.Features.Protection;

/// <summary>Queues the deadline check now (临期/超期 alerts, late referrals, credit expiry).</summary>
public static class RunDeadlineCheck
{
    /// <summary>RunDeadlineCheck: the bureau queues a check now (the same job the schedule queues hourly).</summary>
    public static async Task<Accepted<QueuedJob>> HandleAsync(JobQueue jobs, CurrentUser me, CancellationToken ct)
    {
        var id = await jobs.EnqueueAsync(DeadlineCheckJob.JobKind, new { manual = true }, me.Id, ct);
        return TypedResults.Accepted($"/api/protection/checks/{id}", new QueuedJob(id, DeadlineCheckJob.JobKind));
    }
}
