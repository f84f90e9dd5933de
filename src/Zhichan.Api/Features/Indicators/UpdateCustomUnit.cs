using Zhichan.Api.Platform.Jobs;
using static Zhichan.Api.Features.Indicators.CustomUnits;

namespace Zhichan.Api.Features.Indicators;

/// <summary>Renames a custom unit or changes its members and queues the recomputation.</summary>
public static class UpdateCustomUnit
{
    /// <summary>Renames a unit or changes its members; its computed values follow at the recomputation queued here.</summary>
    public static async Task<Ok<CustomUnitSavedDto>> HandleAsync(long id, CustomUnitRequest req, NpgsqlDataSource db, JobQueue jobs, CurrentUser me, CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        var before = await conn.QuerySingleOrDefaultAsync<Row>("SELECT id, code, name, description, member_codes FROM custom_units WHERE id = @id", new { id })
            ?? throw new DomainException("自定义考核单元不存在", 404);
        var (members, parent) = await ValidateAsync(conn, req, id);
        await using var tx = await conn.BeginTransactionAsync(ct);
        await conn.ExecuteAsync("""
            UPDATE custom_units SET name = @name, description = @description, parent_code = @parent, member_codes = @members, updated_at = now() WHERE id = @id
            """, new { id, name = req.Name!.Trim(), description = req.Description?.Trim(), parent, members }, tx);
        await AuditLog.WriteAsync(conn, tx, me, "update", "custom_units", id.ToString(), new { before.Name, before.Description, members = before.MemberCodes },
            new { req.Name, req.Description, members }, ct);
        var jobId = await jobs.EnqueueAsync(RecomputeIndicatorsJob.JobKind, new { reason = "custom_unit" }, me.Id, ct, conn, tx);
        await tx.CommitAsync(ct);
        return TypedResults.Ok(new CustomUnitSavedDto((await QueryAsync(conn, id))[0], jobId));
    }

}
