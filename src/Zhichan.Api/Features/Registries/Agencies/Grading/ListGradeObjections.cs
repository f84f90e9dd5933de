namespace Zhichan.Api.Features.Registries.Agencies.Grading;

/// <summary>Objections to grades (pending first).</summary>
public static class ListGradeObjections
{
    public static async Task<Ok<ObjectionDto[]>> HandleAsync(string? status, ZhichanDb db, CancellationToken ct)
    {
        var q = from o in db.Set<AgencyGradingObjection>() join g in db.Set<AgencyGrading>() on o.GradingId equals g.Id
                join a in db.Set<Agency>() on g.AgencyId equals a.Id select new { o, g, a.Name };
        if (status is not null) q = q.Where(x => x.o.Status == status);
        var rows = await q.AsNoTracking().OrderBy(x => x.o.Status == "pending" ? 0 : 1).ThenByDescending(x => x.o.Id).ToListAsync(ct);
        return TypedResults.Ok(rows.Select(x => GradingViews.ToDto(x.o, x.g, x.Name)).ToArray());
    }
}
