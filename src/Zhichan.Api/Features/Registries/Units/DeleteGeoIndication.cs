using Microsoft.EntityFrameworkCore.Storage;

namespace Zhichan.Api.Features.Registries.Units;

/// <summary>Deletes a geographical indication with its authorised users and attachments (staff).</summary>
public static class DeleteGeoIndication
{
    public static async Task<NoContent> HandleAsync(long id, ZhichanDb db, Indicators.IndicatorComputer indicators, CancellationToken ct)
    {
        var g = await db.Set<GeoIndication>().FirstOrDefaultAsync(x => x.Id == id, ct) ?? throw new DomainException($"地理标志 {id} 不存在", 404);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        await UnitFiles.DeleteForAsync((NpgsqlConnection)db.Database.GetDbConnection(), tx.GetDbTransaction() as NpgsqlTransaction, "gi", [id]);
        db.RemoveRange(await db.Set<GeoIndicationUser>().Where(u => u.GiId == id).ToListAsync(ct));
        db.Remove(g);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        // the GI register feeds 地理标志商标量 (ADR 0028): its values follow every change at once
        await indicators.RefreshModuleIndicatorsAsync(ct, GiTrademarksIndicator.IndicatorCode);
        return TypedResults.NoContent();
    }
}
