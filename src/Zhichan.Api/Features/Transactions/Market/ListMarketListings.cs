namespace Zhichan.Api.Features.Transactions.Market;

/// <summary>
/// The market and the lists of one's own and of the review queue. Everyone (anonymous too) sees published listings;
/// <c>mine</c> lists the caller's unit's own in every state; staff filter by any state (the review queue is status=pending);
/// a district sees the listings of its region in every state.
/// </summary>
public static class ListMarketListings
{
    public static async Task<Ok<Page<MarketListingDto>>> HandleAsync(string? side, string? q, string? ipc, string? industry, string? mode, string? form,
        string? region, int? minMaturity, decimal? maxPrice, bool? mine, string? status, int? page, int? pageSize,
        ZhichanDb db, NpgsqlDataSource ds, CurrentUser user, TimeProvider clock, CancellationToken ct)
    {
        var (_, size, offset) = Paging.Of(page, pageSize, 20, 100);
        var v = new Validation();
        v.OneOf("side", side, MarketSides.Names.Keys, "类型").OneOf("status", status, MarketStatus.Names.Keys, "状态")
            .OneOf("mode", mode, MarketVocab.TradeModes.Keys, "交易方式").OneOf("form", form, MarketVocab.IpForms.Keys, "知识产权类型");
        if (minMaturity is < 1 or > 9) v.Add("minMaturity", "技术成熟度应为 1 至 9 级");
        v.ThrowIfInvalid();
        await MarketListingForms.ExpireDueAsync(db, ds, ChinaTime.Today(clock), ct);

        var query = db.Set<MarketListing>().AsNoTracking();
        if (mine == true)
        {
            var unit = user.OrgUnitId ?? -1;
            query = query.Where(l => l.OrgUnitId == unit);
            if (status is not null) query = query.Where(l => l.Status == status);
        }
        else if (status is null or MarketStatus.Published) query = query.Where(l => l.Status == MarketStatus.Published);
        else query = MarketQueries.Visible(db, user).Where(l => l.Status == status);
        if (side is not null) query = query.Where(l => l.Side == side);
        if (!string.IsNullOrWhiteSpace(q)) { var t = q.Trim(); query = query.Where(l => l.Title.Contains(t) || l.Description.Contains(t)); }
        if (!string.IsNullOrWhiteSpace(ipc) && MarketListingForms.NormaliseIpc(ipc) is { } sym)
        {
            var sub = MarketScoring.Subclass(sym);
            query = query.Where(l => l.Ipc.Any(x => x.StartsWith(sub)));
        }
        if (!string.IsNullOrWhiteSpace(industry)) { var code = industry.Trim(); query = query.Where(l => l.Industries.Any(x => x.StartsWith(code))); }
        if (mode is not null) query = query.Where(l => l.TradeModes.Contains(mode));
        if (form is not null) query = query.Where(l => l.IpForms.Contains(form));
        if (!string.IsNullOrWhiteSpace(region))
        {
            var prefix = region.Length == 6 ? CurrentUser.SignificantPrefix(region) : region;
            query = query.Where(l => l.RegionCode != null && l.RegionCode.StartsWith(prefix));
        }
        if (minMaturity is { } mm) query = query.Where(l => l.Maturity != null && l.Maturity >= mm);
        if (maxPrice is { } mp) query = query.Where(l => l.Side == MarketSides.Offer ? l.Price != null && l.Price <= mp : l.Budget == null || l.Budget <= mp);

        var total = await query.CountAsync(ct);
        var rows = await query.OrderByDescending(l => l.PublishedAt ?? l.UpdatedAt).ThenByDescending(l => l.Id).Skip(offset).Take(size).ToListAsync(ct);
        return TypedResults.Ok(new Page<MarketListingDto>(await MarketQueries.ToDtosAsync(db, user, rows, ct), total));
    }
}
