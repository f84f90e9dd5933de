namespace Zhichan.Api.Features.Registries.Units;

/// <summary>Edits a plant variety right (staff).</summary>
public static class UpdatePlantVariety
{
    public static async Task<Ok<PlantVarietyDetail>> HandleAsync(long id, PlantVarietyRequest req, ZhichanDb db, NpgsqlDataSource ds, CurrentUser me, CancellationToken ct)
    {
        var p = await db.Set<PlantVariety>().FirstOrDefaultAsync(x => x.Id == id, ct) ?? throw new DomainException($"植物新品种 {id} 不存在", 404);
        await using var conn = await ds.OpenConnectionAsync(ct);
        await PlantVarieties.ValidateAsync(conn, req);
        PlantVarieties.Apply(p, req);
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(await PlantVarieties.DetailAsync(conn, id, me));
    }
}
