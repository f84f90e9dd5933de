namespace Zhichan.Api.Features.Registries.Units;

/// <summary>Registers a plant variety right (staff).</summary>
public static class CreatePlantVariety
{
    public static async Task<Created<PlantVarietyDetail>> HandleAsync(PlantVarietyRequest req, ZhichanDb db, NpgsqlDataSource ds, CurrentUser me, CancellationToken ct)
    {
        await using var conn = await ds.OpenConnectionAsync(ct);
        await PlantVarieties.ValidateAsync(conn, req);
        var p = new PlantVariety { CreatedBy = me.Id };
        PlantVarieties.Apply(p, req);
        db.Set<PlantVariety>().Add(p);
        await db.SaveChangesAsync(ct);
        return TypedResults.Created($"/api/registries/varieties/{p.Id}", await PlantVarieties.DetailAsync(conn, p.Id, me));
    }
}
