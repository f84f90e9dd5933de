namespace Zhichan.Api.Features.Transactions.Filings;

/// <summary>Anyone, anonymous included: the published declarations (patent, holder, fee terms, term) — public by law.</summary>
public static class ListPublicOpenLicences
{
    public static async Task<Ok<Page<OpenLicenceView>>> HandleAsync(string? q, int? page, int? pageSize, ZhichanDb db, CancellationToken ct)
    {
        var (_, size, offset) = Paging.Of(page, pageSize, 20, 100);
        var query = OpenLicenceSearch.Apply(db.Set<OpenLicence>().AsNoTracking().Where(o => o.State == OpenLicenceStates.Published), q);
        var total = await query.LongCountAsync(ct);
        var rows = await query.OrderByDescending(o => o.PublishedOn).ThenByDescending(o => o.Id).Skip(offset).Take(size).ToListAsync(ct);
        return TypedResults.Ok(new Page<OpenLicenceView>(rows.Select(o => OpenLicenceViews.View(o, CurrentUser.System)).ToList(), total));
    }
}
