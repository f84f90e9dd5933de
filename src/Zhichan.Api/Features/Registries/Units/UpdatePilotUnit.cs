namespace Zhichan.Api.Features.Registries.Units;

/// <summary>Edits a pilot unit (staff).</summary>
public static class UpdatePilotUnit
{
    public static async Task<Ok<PilotUnitDetail>> HandleAsync(long id, PilotUnitRequest req, ZhichanDb db, NpgsqlDataSource ds, CurrentUser me, CancellationToken ct)
    {
        var u = await db.Set<PilotUnit>().FirstOrDefaultAsync(x => x.Id == id, ct) ?? throw new DomainException($"试点示范单位 {id} 不存在", 404);
        await using var conn = await ds.OpenConnectionAsync(ct);
        var v = new Validation();
        PilotUnits.Validate(v, req);
        await UnitRules.CheckRegionsAsync(conn, v, "regionCode", string.IsNullOrWhiteSpace(req.RegionCode) ? [] : [req.RegionCode.Trim()], "所在地区");
        v.ThrowIfInvalid();
        PilotUnits.Apply(u, req);
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(await PilotUnits.DetailAsync(conn, id, me));
    }
}
