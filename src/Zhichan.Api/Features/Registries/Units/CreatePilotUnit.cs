namespace Zhichan.Api.Features.Registries.Units;

/// <summary>Registers a pilot or demonstration unit (staff).</summary>
public static class CreatePilotUnit
{
    public static async Task<Created<PilotUnitDetail>> HandleAsync(PilotUnitRequest req, ZhichanDb db, NpgsqlDataSource ds, CurrentUser me, CancellationToken ct)
    {
        await using var conn = await ds.OpenConnectionAsync(ct);
        var v = new Validation();
        PilotUnits.Validate(v, req);
        await UnitRules.CheckRegionsAsync(conn, v, "regionCode", string.IsNullOrWhiteSpace(req.RegionCode) ? [] : [req.RegionCode.Trim()], "所在地区");
        v.ThrowIfInvalid();
        var u = new PilotUnit { CreatedBy = me.Id };
        PilotUnits.Apply(u, req);
        db.Set<PilotUnit>().Add(u);
        await db.SaveChangesAsync(ct);
        return TypedResults.Created($"/api/registries/pilots/{u.Id}", await PilotUnits.DetailAsync(conn, u.Id, me));
    }
}
