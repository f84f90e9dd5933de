namespace Zhichan.Api.Features.Transactions.Market;

public sealed record WithdrawMarketListingRequest(string? Note);

/// <summary>The owner withdraws its listing; the bureau takes a published one off the market with a reason.</summary>
public static class WithdrawMarketListing
{
    public static async Task<Ok<MarketListingDetail>> HandleAsync(long id, WithdrawMarketListingRequest? req, ZhichanDb db, NpgsqlDataSource ds, CurrentUser user, CancellationToken ct)
    {
        var l = await MarketQueries.FindVisibleAsync(db, user, id, ct, track: true);
        if (MarketTransitions.ActorsOf(user, l).Count == 0) throw new DomainException("只能撤回本单位发布的信息", StatusCodes.Status403Forbidden);
        await MarketListingForms.TransitionAsync(db, ds, user, l, MarketTransitions.Withdraw, req?.Note, ct);
        return TypedResults.Ok(await GetMarketListing.DetailAsync(db, user, l, ct));
    }
}
