namespace Zhichan.Api.Features.Transactions.Market;

public sealed record DealMonthCount(int Month, int Started, int Signed, int Filed, int Terminated);
public sealed record MarketDealCounts(int Year, IReadOnlyList<DealMonthCount> Months, int PublishedOffers, int PublishedNeeds);

/// <summary>对接 per month of a year (started; reached 已签约, 已备案, 终止 that month, by the timeline) — the figure the work plan reports.</summary>
public static class GetMarketDealCounts
{
    public static async Task<Ok<MarketDealCounts>> HandleAsync(int? year, ZhichanDb db, CurrentUser user, TimeProvider clock, CancellationToken ct)
    {
        var y = year ?? ChinaTime.Today(clock).Year;
        if (y is < 2000 or > 2100) throw new RequestValidationException("year", "年份应在 2000 至 2100 之间");
        var ids = await MarketDealQueries.Visible(db, user).Select(d => d.Id).ToArrayAsync(ct);
        var conn = await MarketQueries.ConnAsync(db, ct);
        var rows = (await conn.QueryAsync<(int Month, string Stage, int N)>(new CommandDefinition("""
            SELECT extract(month FROM e.at AT TIME ZONE 'Asia/Shanghai')::int, e.to_state, count(*)::int
            FROM market_deal_events e
            WHERE e.deal_id = ANY(@ids) AND extract(year FROM e.at AT TIME ZONE 'Asia/Shanghai') = @y
            GROUP BY 1, 2
            """, new { ids, y }, cancellationToken: ct))).ToList();
        int N(int m, string s) => rows.Where(r => r.Month == m && r.Stage == s).Sum(r => r.N);
        var months = Enumerable.Range(1, 12).Select(m => new DealMonthCount(m, N(m, DealStages.Contacted), N(m, DealStages.Signed), N(m, DealStages.Filed), N(m, DealStages.Terminated))).ToList();
        var published = MarketQueries.Visible(db, user).Where(l => l.Status == MarketStatus.Published);
        return TypedResults.Ok(new MarketDealCounts(y, months,
            await published.CountAsync(l => l.Side == MarketSides.Offer, ct), await published.CountAsync(l => l.Side == MarketSides.Need, ct)));
    }
}
