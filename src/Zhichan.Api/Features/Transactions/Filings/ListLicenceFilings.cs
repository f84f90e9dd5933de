namespace Zhichan.Api.Features.Transactions.Filings;

/// <summary>The filings the caller may see, filtered (state, kind, region, year, overdue, text), with the count per state for the tabs.</summary>
public static class ListLicenceFilings
{
    public sealed record FilingPage(IReadOnlyList<FilingRow> Items, long Total, IReadOnlyDictionary<string, int> Counts, int OverdueCount);

    public static async Task<Ok<FilingPage>> HandleAsync(string? state, string? kind, string? region, int? year, bool? overdue, string? q, int? page, int? pageSize,
        ZhichanDb db, CurrentUser me, TimeProvider clock, CancellationToken ct)
    {
        var (_, size, offset) = Paging.Of(page, pageSize, 20, 200);
        var query = Filter(db, me, kind, region, year, q);
        var today = ChinaTime.Today(clock);
        var counts = await query.GroupBy(f => f.State).Select(g => new { g.Key, N = g.Count() }).ToDictionaryAsync(x => x.Key, x => x.N, ct);
        var overdueCount = await query.CountAsync(f => f.State == FilingStates.Accepted && f.DecisionDue < today, ct);
        if (state is not null) query = query.Where(f => f.State == state);
        if (overdue == true) query = query.Where(f => f.State == FilingStates.Accepted && f.DecisionDue < today);
        var total = await query.LongCountAsync(ct);
        var rows = await query.OrderByDescending(f => f.UpdatedAt).ThenByDescending(f => f.Id).Skip(offset).Take(size).AsNoTracking().ToListAsync(ct);
        return TypedResults.Ok(new FilingPage(await FilingQueries.RowsAsync(db, rows, clock, ct), total, counts, overdueCount));
    }

    /// <summary>The filters other than state and overdue (shared with the export).</summary>
    internal static IQueryable<LicenceFiling> Filter(ZhichanDb db, CurrentUser me, string? kind, string? region, int? year, string? q)
    {
        var query = FilingQueries.Visible(db, me);
        if (kind is not null) query = query.Where(f => f.Kind == kind);
        if (!string.IsNullOrWhiteSpace(region)) { var p = CurrentUser.SignificantPrefix(region.Trim()); query = query.Where(f => f.RegionCode != null && f.RegionCode.StartsWith(p)); }
        if (year is { } y)
        {
            var (from, to) = (new DateOnly(y, 1, 1), new DateOnly(y, 12, 31));
            query = query.Where(f => (f.ApprovedOn ?? f.SubmittedOn ?? f.ContractDate) >= from && (f.ApprovedOn ?? f.SubmittedOn ?? f.ContractDate) <= to);
        }
        if (!string.IsNullOrWhiteSpace(q))
        {
            var t = q.Trim();
            query = query.Where(f => (f.FilingNumber != null && f.FilingNumber.Contains(t))
                                     || db.Set<LicenceFilingParty>().Any(p => p.FilingId == f.Id && p.Name.Contains(t))
                                     || db.Set<LicenceFilingRight>().Any(r => r.FilingId == f.Id && (r.Number.Contains(t) || (r.Title != null && r.Title.Contains(t)))));
        }
        return query;
    }
}
