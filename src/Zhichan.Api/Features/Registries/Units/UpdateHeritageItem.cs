namespace Zhichan.Api.Features.Registries.Units;

/// <summary>Edits a 非遗 item; its inheritors are replaced by the list sent (staff, who see the personal data unmasked).</summary>
public static class UpdateHeritageItem
{
    public static async Task<Ok<HeritageItemDetail>> HandleAsync(long id, HeritageItemRequest req, ZhichanDb db, NpgsqlDataSource ds, CurrentUser me, CancellationToken ct)
    {
        var h = await db.Set<HeritageItem>().FirstOrDefaultAsync(x => x.Id == id, ct) ?? throw new DomainException($"非遗项目 {id} 不存在", 404);
        await using var conn = await ds.OpenConnectionAsync(ct);
        await HeritageItems.ValidateAsync(conn, req);
        HeritageItems.Apply(h, req);
        db.RemoveRange(await db.Set<HeritageInheritor>().Where(i => i.ItemId == id).ToListAsync(ct));
        db.Set<HeritageInheritor>().AddRange(HeritageItems.Inheritors(id, req));
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(await HeritageItems.DetailAsync(conn, id, me));
    }
}
