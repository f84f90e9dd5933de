using Microsoft.EntityFrameworkCore.Storage;

namespace Zhichan.Api.Features.Registries.Units;

/// <summary>Deletes a plant variety right with its attachments (staff).</summary>
public static class DeletePlantVariety
{
    public static async Task<NoContent> HandleAsync(long id, ZhichanDb db, CancellationToken ct)
    {
        var p = await db.Set<PlantVariety>().FirstOrDefaultAsync(x => x.Id == id, ct) ?? throw new DomainException($"植物新品种 {id} 不存在", 404);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        await UnitFiles.DeleteForAsync((NpgsqlConnection)db.Database.GetDbConnection(), tx.GetDbTransaction() as NpgsqlTransaction, "variety", [id]);
        db.Remove(p);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return TypedResults.NoContent();
    }
}
