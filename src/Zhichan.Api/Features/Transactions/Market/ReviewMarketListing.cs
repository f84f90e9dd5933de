namespace Zhichan.Api.Features.Transactions.Market;

public sealed record ReviewMarketListingRequest(string? Decision, string? Note);

/// <summary>The bureau's review: 通过 publishes the listing, 整改 sends it back with what to fix, 拒绝 refuses it with a reason.</summary>
public static class ReviewMarketListing
{
    public static async Task<Ok<MarketListingDetail>> HandleAsync(long id, ReviewMarketListingRequest req, ZhichanDb db, NpgsqlDataSource ds, CurrentUser user, CancellationToken ct)
    {
        var v = new Validation();
        v.Required("decision", req.Decision, "审核结论").OneOf("decision", req.Decision, [MarketTransitions.Approve, MarketTransitions.RequestRectify, MarketTransitions.Reject], "审核结论");
        v.ThrowIfInvalid();
        var l = await MarketQueries.FindVisibleAsync(db, user, id, ct, track: true);
        await MarketListingForms.TransitionAsync(db, ds, user, l, req.Decision!, req.Note, ct);
        return TypedResults.Ok(await GetMarketListing.DetailAsync(db, user, l, ct));
    }
}
