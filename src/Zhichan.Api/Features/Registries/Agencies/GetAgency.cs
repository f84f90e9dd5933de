namespace Zhichan.Api.Features.Registries.Agencies;

/// <summary>One agency in full (staff).</summary>
public static class GetAgency
{
    public static async Task<Ok<AgencyDetail>> HandleAsync(long id, ZhichanDb db, TimeProvider clock, CancellationToken ct) =>
        TypedResults.Ok(await AgencyViews.DetailAsync(db, await AgencyRules.FindAsync(db, id, ct), false, ChinaTime.Today(clock), ct));
}
