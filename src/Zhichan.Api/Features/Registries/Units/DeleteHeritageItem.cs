using Microsoft.EntityFrameworkCore.Storage;

namespace Zhichan.Api.Features.Registries.Units;

/// <summary>Deletes a 非遗 item with its inheritors and attachments (staff).</summary>
public static class DeleteHeritageItem
{
    public static async Task<NoContent> HandleAsync(long id, ZhichanDb db, CancellationToken ct)
    {
        var h = await db.Set<HeritageItem>().FirstOrDefaultAsync(x => x.Id == id, ct) ?? throw new DomainException($"非遗项目 {id} 不存在", 404);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        await UnitFiles.DeleteForAsync((NpgsqlConnection)db.Database.GetDbConnection(), tx.GetDbTransaction() as NpgsqlTransaction, "heritage", [id]);
        db.RemoveRange(await db.Set<HeritageInheritor>().Where(i => i.ItemId == id).ToListAsync(ct));
        db.Remove(h);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return TypedResults.NoContent();
    }
}
