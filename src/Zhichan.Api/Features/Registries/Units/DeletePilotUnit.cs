using Microsoft.EntityFrameworkCore.Storage;

namespace Zhichan.Api.Features.Registries.Units;

/// <summary>Deletes a pilot unit with its evaluations and attachments (staff).</summary>
public static class DeletePilotUnit
{
    public static async Task<NoContent> HandleAsync(long id, ZhichanDb db, CancellationToken ct)
    {
        var u = await db.Set<PilotUnit>().FirstOrDefaultAsync(x => x.Id == id, ct) ?? throw new DomainException($"试点示范单位 {id} 不存在", 404);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var conn = (NpgsqlConnection)db.Database.GetDbConnection();
        var evals = (await conn.QueryAsync<long>("SELECT id FROM pilot_unit_evaluations WHERE unit_id = @id", new { id }, tx.GetDbTransaction() as NpgsqlTransaction)).ToArray();
        await UnitFiles.DeleteForAsync(conn, tx.GetDbTransaction() as NpgsqlTransaction, "evaluation", evals);
        await UnitFiles.DeleteForAsync(conn, tx.GetDbTransaction() as NpgsqlTransaction, "pilot", [id]);
        db.RemoveRange(await db.Set<PilotUnitEvaluation>().Where(e => e.UnitId == id).ToListAsync(ct));
        db.Remove(u);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return TypedResults.NoContent();
    }
}
