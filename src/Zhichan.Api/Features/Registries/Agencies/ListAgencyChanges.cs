namespace Zhichan.Api.Features.Registries.Agencies;

/// <summary>Changes agencies asked for (status pending by default), each field with its value before and after.</summary>
public static class ListAgencyChanges
{
    public static async Task<Ok<AgencyChangeDto[]>> HandleAsync(string? status, ZhichanDb db, CancellationToken ct)
    {
        var s = status ?? "pending";
        var rows = await (from c in db.Set<AgencyChange>() join a in db.Set<Agency>() on c.AgencyId equals a.Id
                          where s == "all" || c.Status == s orderby c.Id descending select new { c, a.Name }).AsNoTracking().Take(500).ToListAsync(ct);
        return TypedResults.Ok(rows.Select(x => AgencyViews.ToDto(x.c, x.Name)).ToArray());
    }
}
