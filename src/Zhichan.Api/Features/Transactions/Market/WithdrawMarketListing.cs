namespace Zhichan.Api.Features.Transactions.Market;

public sealed record WithdrawMarketListingRequest(string? Note);

/// <summary>The owner withdraws its listing; the bureau takes a published one off the market with a reason.</summary>
public static class WithdrawMarketListing
{
    public static async Task<Ok<MarketListingDetail>> HandleAsync(long id, WithdrawMarketListingRequest? req, ZhichanDb db, NpgsqlDataSource ds, CurrentUser user, CancellationToken ct)
    {
        var l = await MarketQueries.FindVisibleAsync(db, user, id, ct, track: true);
        var actor = MarketQueries.IsOwner(user, l) ? "owner" : user.IsStaff ? "staff" : throw new DomainException("只能撤回本单位发布的信息", StatusCodes.Status403Forbidden);
        await MarketListingForms.TransitionAsync(db, ds, user, l, MarketTransitions.Find(MarketTransitions.Withdraw, l.Status, actor), req?.Note, ct);
        return TypedResults.Ok(await GetMarketListing.DetailAsync(db, user, l, ct));
    }
}
