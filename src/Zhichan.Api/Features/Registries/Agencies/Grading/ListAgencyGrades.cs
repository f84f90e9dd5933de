namespace Zhichan.Api.Features.Registries.Agencies.Grading;

/// <summary>The grades of a year (or of one agency, its history): each with its breakdown; superseded ones only with history=true.</summary>
public static class ListAgencyGrades
{
    public static async Task<Ok<GradingDto[]>> HandleAsync(int? year, long? agencyId, bool? history, ZhichanDb db, TimeProvider clock, CancellationToken ct)
    {
        var q = db.Set<AgencyGrading>().AsQueryable();
        if (year is { } y) q = q.Where(g => g.Year == y);
        if (agencyId is { } id) q = q.Where(g => g.AgencyId == id);
        if (history != true) q = q.Where(g => g.Status != "superseded");
        return TypedResults.Ok(await GradingViews.LoadAsync(db, q, ChinaTime.Today(clock), ct));
    }
}
