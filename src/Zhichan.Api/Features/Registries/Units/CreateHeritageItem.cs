namespace Zhichan.Api.Features.Registries.Units;

/// <summary>Registers a 非遗 item with its inheritors (staff).</summary>
public static class CreateHeritageItem
{
    public static async Task<Created<HeritageItemDetail>> HandleAsync(HeritageItemRequest req, ZhichanDb db, NpgsqlDataSource ds, CurrentUser me, CancellationToken ct)
    {
        await using var conn = await ds.OpenConnectionAsync(ct);
        await HeritageItems.ValidateAsync(conn, req);
        var h = new HeritageItem { CreatedBy = me.Id };
        HeritageItems.Apply(h, req);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        db.Set<HeritageItem>().Add(h);
        await db.SaveChangesAsync(ct);
        db.Set<HeritageInheritor>().AddRange(HeritageItems.Inheritors(h.Id, req));
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return TypedResults.Created($"/api/registries/heritage/{h.Id}", await HeritageItems.DetailAsync(conn, h.Id, me));
    }
}
