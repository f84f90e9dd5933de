namespace Zhichan.Api.Features.Transactions.Market;

/// <summary>对接 records the caller may see, newest first.</summary>
public static class ListMarketDeals
{
    public static async Task<Ok<Page<MarketDealDto>>> HandleAsync(string? stage, int? page, int? pageSize, ZhichanDb db, CurrentUser user, CancellationToken ct)
    {
        var (_, size, offset) = Paging.Of(page, pageSize, 20, 100);
        new Validation().OneOf("stage", stage, DealStages.Names.Keys, "对接阶段").ThrowIfInvalid();
        var q = MarketDealQueries.Visible(db, user);
        if (stage is not null) q = q.Where(d => d.Stage == stage);
        var total = await q.CountAsync(ct);
        var rows = await q.OrderByDescending(d => d.UpdatedAt).ThenByDescending(d => d.Id).Skip(offset).Take(size).ToListAsync(ct);
        return TypedResults.Ok(new Page<MarketDealDto>(await MarketDealQueries.ToDtosAsync(db, user, rows, ct), total));
    }
}
