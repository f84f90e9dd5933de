namespace Zhichan.Api.Features.Transactions.Market;

/// <summary>The owner submits a draft (or a listing sent back for rectification) to the bureau's review.</summary>
public static class SubmitMarketListing
{
    public static async Task<Ok<MarketListingDetail>> HandleAsync(long id, ZhichanDb db, NpgsqlDataSource ds, CurrentUser user, CancellationToken ct)
    {
        var l = await MarketQueries.FindVisibleAsync(db, user, id, ct, track: true);
        if (!MarketQueries.IsOwner(user, l)) throw new DomainException("只能提交本单位的信息", StatusCodes.Status403Forbidden);
        await MarketListingForms.TransitionAsync(db, ds, user, l, MarketTransitions.Submit, null, ct);
        return TypedResults.Ok(await GetMarketListing.DetailAsync(db, user, l, ct));
    }
}
