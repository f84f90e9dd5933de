namespace Zhichan.Api.Features.Registries.Units;

/// <summary>Removes an authorised user of a GI (staff).</summary>
public static class DeleteGeoIndicationUser
{
    public static async Task<NoContent> HandleAsync(long id, long userId, ZhichanDb db, CancellationToken ct)
    {
        var u = await db.Set<GeoIndicationUser>().FirstOrDefaultAsync(x => x.Id == userId && x.GiId == id, ct)
            ?? throw new DomainException($"授权使用企业 {userId} 不存在", 404);
        db.Remove(u);
        await db.SaveChangesAsync(ct);
        return TypedResults.NoContent();
    }
}
