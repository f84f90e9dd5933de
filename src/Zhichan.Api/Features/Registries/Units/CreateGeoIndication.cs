namespace Zhichan.Api.Features.Registries.Units;

/// <summary>Registers a geographical indication (staff).</summary>
public static class CreateGeoIndication
{
    public static async Task<Created<GeoIndicationDetail>> HandleAsync(GeoIndicationRequest req, ZhichanDb db, NpgsqlDataSource ds, CurrentUser me,
        Indicators.IndicatorComputer indicators, CancellationToken ct)
    {
        await using var conn = await ds.OpenConnectionAsync(ct);
        await GeoIndications.ValidateAsync(conn, req);
        var g = new GeoIndication { CreatedBy = me.Id };
        GeoIndications.Apply(g, req);
        db.Set<GeoIndication>().Add(g);
        await db.SaveChangesAsync(ct);
        // the GI register feeds 地理标志商标量 (ADR 0028): its values follow every change at once
        await indicators.RefreshModuleIndicatorsAsync(ct, GiTrademarksIndicator.IndicatorCode);
        return TypedResults.Created($"/api/registries/gi/{g.Id}", await GeoIndications.DetailAsync(conn, g.Id, me));
    }
}
