namespace Zhichan.Api.Features.Registries.Units;

/// <summary>Edits a geographical indication (staff).</summary>
public static class UpdateGeoIndication
{
    public static async Task<Ok<GeoIndicationDetail>> HandleAsync(long id, GeoIndicationRequest req, ZhichanDb db, NpgsqlDataSource ds, CurrentUser me,
        Indicators.IndicatorComputer indicators, CancellationToken ct)
    {
        var g = await db.Set<GeoIndication>().FirstOrDefaultAsync(x => x.Id == id, ct) ?? throw new DomainException($"地理标志 {id} 不存在", 404);
        await using var conn = await ds.OpenConnectionAsync(ct);
        await GeoIndications.ValidateAsync(conn, req);
        GeoIndications.Apply(g, req);
        await db.SaveChangesAsync(ct);
        // the GI register feeds 地理标志商标量 (ADR 0028): its values follow every change at once
        await indicators.RefreshModuleIndicatorsAsync(ct, GiTrademarksIndicator.IndicatorCode);
        return TypedResults.Ok(await GeoIndications.DetailAsync(conn, id, me));
    }
}
