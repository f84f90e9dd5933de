namespace Zhichan.Api.Features.Programmes.Review;

public sealed record ReviewCallItem(long Id, string Title, string ProgrammeName, int Year, bool IsExample, int Accepted, int Reviewed, long? DrawId, string? DrawStatusLabel);

/// <summary>The calls the bureau reviews: those with applications past the formal check, with the valid draw if any.</summary>
public static class ListReviewCalls
{
    public static async Task<Ok<ReviewCallItem[]>> HandleAsync(ZhichanDb db, CancellationToken ct)
    {
        var inReview = new[] { ApplicationStates.Accepted, ApplicationStates.Reviewed, ApplicationStates.Publicised, ApplicationStates.Approved, ApplicationStates.Refused };
        var counts = await db.Set<ProgrammeApplication>().Where(a => inReview.Contains(a.Status)).GroupBy(a => a.CallId)
            .Select(g => new { CallId = g.Key, Accepted = g.Count(a => a.Status == ApplicationStates.Accepted), Reviewed = g.Count(a => a.Status != ApplicationStates.Accepted) })
            .ToDictionaryAsync(x => x.CallId, ct);
        var ids = counts.Keys.ToArray();
        var calls = await db.Set<ProgrammeCall>().AsNoTracking().Where(c => ids.Contains(c.Id))
            .Join(db.Set<ProgrammeType>(), c => c.TypeId, t => t.Id, (c, t) => new { c.Id, c.Title, c.Year, c.IsExample, Type = t.Name }).ToListAsync(ct);
        var draws = await db.Set<ProgrammeDraw>().AsNoTracking().Where(d => ids.Contains(d.CallId) && d.Status == DrawLog.Drawn).ToDictionaryAsync(d => d.CallId, d => d.Id, ct);
        return TypedResults.Ok(calls.OrderByDescending(c => c.Year).ThenByDescending(c => c.Id).Select(c => new ReviewCallItem(c.Id, c.Title, c.Type, c.Year, c.IsExample,
            counts[c.Id].Accepted, counts[c.Id].Reviewed, draws.TryGetValue(c.Id, out var d) ? d : null, draws.ContainsKey(c.Id) ? "已抽取" : null)).ToArray());
    }
}
