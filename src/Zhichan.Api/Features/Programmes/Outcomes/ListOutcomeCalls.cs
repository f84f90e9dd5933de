namespace Zhichan.Api.Features.Programmes.Outcomes;

public sealed record OutcomeCallItem(long Id, string Title, string TypeName, string Category, int Year, bool IsExample, int Reviewed, int Publicised,
    int Approved, int Refused, decimal? Budget, decimal Granted, DateOnly? PublicityFrom, DateOnly? PublicityTo, bool Published);

/// <summary>The calls with applications past the review (评审完成 and later), newest first: where the bureau proposes, publishes and decides.</summary>
public static class ListOutcomeCalls
{
    public static async Task<Ok<List<OutcomeCallItem>>> HandleAsync(ZhichanDb db, CancellationToken ct)
    {
        var counts = await db.Set<ProgrammeApplication>().AsNoTracking().Where(a => OutcomeRules.AfterReview.Contains(a.Status))
            .GroupBy(a => new { a.CallId, a.Status }).Select(g => new { g.Key.CallId, g.Key.Status, N = g.Count(), Granted = g.Sum(a => a.AmountGranted ?? 0) })
            .ToListAsync(ct);
        var callIds = counts.Select(c => c.CallId).Distinct().ToList();
        var published = (await db.Set<ProgrammeApplicationEvent>().Where(e => e.Action == "publicise")
            .Join(db.Set<ProgrammeApplication>(), e => e.ApplicationId, a => a.Id, (e, a) => a.CallId).Distinct().ToListAsync(ct)).ToHashSet();
        var calls = await db.Set<ProgrammeCall>().AsNoTracking().Where(c => callIds.Contains(c.Id))
            .Join(db.Set<ProgrammeType>(), c => c.TypeId, t => t.Id, (c, t) => new { c, t.Name, t.Category })
            .OrderByDescending(x => x.c.Year).ThenByDescending(x => x.c.Id).ToListAsync(ct);
        int N(long id, string s) => counts.Where(c => c.CallId == id && c.Status == s).Sum(c => c.N);
        return TypedResults.Ok(calls.Select(x => new OutcomeCallItem(x.c.Id, x.c.Title, x.Name, x.Category, x.c.Year, x.c.IsExample,
            N(x.c.Id, ApplicationStates.Reviewed), N(x.c.Id, ApplicationStates.Publicised), N(x.c.Id, ApplicationStates.Approved), N(x.c.Id, ApplicationStates.Refused),
            x.c.Budget, counts.Where(c => c.CallId == x.c.Id && c.Status == ApplicationStates.Approved).Sum(c => c.Granted),
            published.Contains(x.c.Id) ? x.c.PublicityFrom : null, published.Contains(x.c.Id) ? x.c.PublicityTo : null, published.Contains(x.c.Id))).ToList());
    }
}
