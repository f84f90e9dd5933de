namespace Zhichan.Api.Features.Registries.Agencies;

/// <summary>An agency account's own record: its fields as in force, its pending and decided changes, reports, published grades and results.</summary>
public static class GetMyAgency
{
    public static async Task<Ok<AgencyDetail>> HandleAsync(ZhichanDb db, CurrentUser me, TimeProvider clock, CancellationToken ct) =>
        TypedResults.Ok(await AgencyViews.DetailAsync(db, await AgencyRules.MineAsync(db, me, ct), true, ChinaTime.Today(clock), ct));
}
