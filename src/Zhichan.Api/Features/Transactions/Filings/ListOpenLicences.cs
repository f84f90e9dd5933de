namespace Zhichan.Api.Features.Transactions.Filings;

/// <summary>Signed in: the published declarations, plus the caller's own in any state (staff see all).</summary>
public static class ListOpenLicences
{
    public static async Task<Ok<Page<OpenLicenceView>>> HandleAsync(string? q, bool? mine, int? page, int? pageSize, ZhichanDb db, CurrentUser me, CancellationToken ct)
    {
        var (_, size, offset) = Paging.Of(page, pageSize, 20, 200);
        var org = me.OrgUnitId ?? -1;
        var query = db.Set<OpenLicence>().AsNoTracking().Where(o => me.IsStaff || o.State == OpenLicenceStates.Published || o.HolderOrgUnitId == org);
        if (mine == true) query = query.Where(o => o.HolderOrgUnitId == org);
        query = OpenLicenceSearch.Apply(query, q);
        var total = await query.LongCountAsync(ct);
        var rows = await query.OrderByDescending(o => o.PublishedOn).ThenByDescending(o => o.Id).Skip(offset).Take(size).ToListAsync(ct);
        return TypedResults.Ok(new Page<OpenLicenceView>(rows.Select(o => OpenLicenceViews.View(o, me)).ToList(), total));
    }
}

internal static class OpenLicenceSearch
{
    public static IQueryable<OpenLicence> Apply(IQueryable<OpenLicence> query, string? q)
    {
        if (string.IsNullOrWhiteSpace(q)) return query;
        var t = q.Trim();
        return query.Where(o => o.ApplicationNumber.Contains(t) || o.HolderName.Contains(t) || (o.Title != null && o.Title.Contains(t)));
    }
}
