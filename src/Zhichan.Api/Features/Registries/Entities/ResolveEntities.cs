using Zhichan.Api.Platform.Jobs;

namespace Zhichan.Api.Features.Registries.Entities;

/// <param name="Full">every record (true), or only the records of imports no run has resolved yet (false)</param>
public sealed record ResolveRequest(bool? Full);

public sealed record ResolveAccepted(long JobId);

/// <summary>
/// ResolveEntities: queues a resolution of record applicants to entities (a job; GetEntityResolution follows it). Runs after every
/// import by itself; by hand after changing the rules, or to rebuild every link.
/// </summary>
public static class ResolveEntities
{
    public static async Task<Accepted<ResolveAccepted>> HandleAsync(ResolveRequest req, NpgsqlDataSource db, JobQueue jobs, CurrentUser me, CancellationToken ct)
    {
        var id = await EntityResolutionJob.QueueAsync(db, jobs, req.Full == true, me.Id, ct);
        await AuditLog.WriteAsync(db, me, "resolve", "entities", null, null, new { full = req.Full == true, job = id }, ct);
        return TypedResults.Accepted("/api/registries/entity-resolution", new ResolveAccepted(id));
    }
}
