using Microsoft.EntityFrameworkCore.Storage;

namespace Zhichan.Api.Features.Registries.Units;

/// <summary>Deletes an evaluation of a pilot unit with its materials (staff).</summary>
public static class DeletePilotEvaluation
{
    public static async Task<NoContent> HandleAsync(long id, long evaluationId, ZhichanDb db, CancellationToken ct)
    {
        var e = await db.Set<PilotUnitEvaluation>().FirstOrDefaultAsync(x => x.Id == evaluationId && x.UnitId == id, ct)
            ?? throw new DomainException($"评价记录 {evaluationId} 不存在", 404);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        await UnitFiles.DeleteForAsync((NpgsqlConnection)db.Database.GetDbConnection(), tx.GetDbTransaction() as NpgsqlTransaction, "evaluation", [evaluationId]);
        db.Remove(e);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return TypedResults.NoContent();
    }
}
