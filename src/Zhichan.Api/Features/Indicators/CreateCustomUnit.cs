using Zhichan.Api.Platform.Jobs;
using static Zhichan.Api.Features.Indicators.CustomUnits;

namespace Zhichan.Api.Features.Indicators;

/// <summary>Creates a custom unit with the next code (U00001 …) and queues the recomputation that gives it values.</summary>
public static class CreateCustomUnit
{
    public static async Task<Created<CustomUnitSavedDto>> HandleAsync(CustomUnitRequest req, NpgsqlDataSource db, JobQueue jobs, CurrentUser me, CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        var (members, parent) = await ValidateAsync(conn, req, null);
        await using var tx = await conn.BeginTransactionAsync(ct);
        await conn.ExecuteAsync(AdvisoryLocks.XactLock(AdvisoryLocks.CustomUnits), transaction: tx);
        var next = await conn.ExecuteScalarAsync<int>("SELECT COALESCE(max(substr(code, 2)::int), 0) + 1 FROM custom_units", transaction: tx);
        var code = $"U{next:00000}";
        var id = await conn.ExecuteScalarAsync<long>("""
            INSERT INTO custom_units (code, name, description, parent_code, member_codes, created_by) VALUES (@code, @name, @description, @parent, @members, @by) RETURNING id
            """, new { code, name = req.Name!.Trim(), description = req.Description?.Trim(), parent, members, by = me.Id }, tx);
        await AuditLog.WriteAsync(conn, tx, me, "create", "custom_units", id.ToString(), null, new { code, req.Name, members }, ct);
        var jobId = await jobs.EnqueueAsync(RecomputeIndicatorsJob.JobKind, new { reason = "custom_unit" }, me.Id, ct, conn, tx);
        await tx.CommitAsync(ct);
        return TypedResults.Created($"/api/indicators/units/{id}", new CustomUnitSavedDto((await QueryAsync(conn, id))[0], jobId));
    }

}
