namespace Zhichan.Api.Features.Registries.Agencies;

/// <summary>The bureau edits an agency directly (audited like every write).</summary>
public static class UpdateAgency
{
    public static async Task<Ok<AgencyDetail>> HandleAsync(long id, AgencyStaffForm req, ZhichanDb db, TimeProvider clock, Indicators.IndicatorComputer indicators, CancellationToken ct)
    {
        var a = await AgencyRules.FindAsync(db, id, ct);
        await CreateAgency.ApplyStaffFormAsync(db, a, req, ct);
        await db.SaveChangesAsync(ct);
        await indicators.RefreshModuleIndicatorsAsync(ct, AgencyCountIndicator.IndicatorCode);
        return TypedResults.Ok(await AgencyViews.DetailAsync(db, a, false, ChinaTime.Today(clock), ct));
    }
}
